package dev.journey.cli;

import com.sun.net.httpserver.HttpServer;
import dev.journey.config.JourneyConfig;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.runtime.JourneyRuntime;
import dev.journey.core.runtime.RuntimeScheduler;
import dev.journey.core.runtime.StopReport;
import dev.journey.drools.CompiledRuleSet;
import dev.journey.drools.DroolsEvaluator;
import dev.journey.drools.RuleSetRegistry;
import dev.journey.hubspot.HubSpotActionEffects;
import dev.journey.hubspot.HubSpotConfig;
import dev.journey.hubspot.HubSpotExecutor;
import dev.journey.hubspot.TokenProvider;
import dev.journey.hubspot.WebhookHttpHandler;
import dev.journey.hubspot.WebhookMapping;
import dev.journey.hubspot.WebhookQuarantine;
import dev.journey.hubspot.WebhookReceiver;
import dev.journey.micrometer.HubSpotMeters;
import dev.journey.micrometer.JourneyMeters;
import dev.journey.testkit.fake.FakeHubSpot;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code journey serve} runs: a journey (journey-config wiring, DRL rules) on a store, a
 * {@link JourneyRuntime} whose relay executes against HubSpot (or the fake HubSpot on loopback),
 * the HubSpot webhook endpoint feeding the runtime, the admin endpoints ({@link AdminServer}) and
 * optionally the {@link Simulator}. {@link #stop} stops intake, drains and returns the runtime's
 * stop report; it is idempotent. The clock and the scheduler are injected, so tests run it on
 * virtual time.
 */
final class Service implements AutoCloseable {
  /** The path of the webhook endpoint. */
  static final String WEBHOOK_PATH = "/hubspot/webhook";

  private static final Logger LOG = LoggerFactory.getLogger(Service.class);

  /**
   * What to run.
   *
   * @param journeyFile the journey configuration ({@code journey.json})
   * @param rules the DRL rule-set directory; empty: the one the configuration names
   * @param store the {@code --store} value ({@link ServeStore#FORMS})
   * @param instanceId this instance's id in a shared store
   * @param bind the webhook server's address
   * @param port the webhook port (0: any free port)
   * @param adminBind the admin server's address (loopback by default)
   * @param adminPort the admin port (0: any free port)
   * @param publicUrl the scheme and host HubSpot calls (signatures cover it); empty: the bound address
   * @param appSecret the HubSpot app's client secret (webhook signatures)
   * @param token the private-app token; ignored with a fake HubSpot
   * @param hubspotUri the HubSpot API base; ignored with a fake HubSpot
   * @param fakeHubSpot whether to start the fake HubSpot on loopback and execute against it
   * @param mappings extra webhook mappings: {@code object.property=SIGNAL_TYPE}
   * @param maxInFlight the runtime's intake bound
   * @param relayWorkers the relay workers
   * @param drain the drain deadline on stop
   */
  record Settings(
      Path journeyFile,
      Optional<Path> rules,
      String store,
      String instanceId,
      InetAddress bind,
      int port,
      InetAddress adminBind,
      int adminPort,
      Optional<String> publicUrl,
      String appSecret,
      Optional<TokenProvider> token,
      URI hubspotUri,
      boolean fakeHubSpot,
      List<String> mappings,
      int maxInFlight,
      int relayWorkers,
      Duration drain) {
    Settings {
      Objects.requireNonNull(journeyFile, "journeyFile");
      mappings = List.copyOf(mappings);
    }
  }

  private final List<AutoCloseable> resources;
  private final JourneyRuntime runtime;
  private final ServeStore store;
  private final PrometheusMeterRegistry registry;
  private final Optional<FakeHubSpot> fake;
  private final AdminServer admin;
  private final HttpServer webhook;
  private final URI webhookUri;
  private final String description;
  private final Duration drain;
  private final Clock clock;
  private final String secret;
  private Simulator simulator;
  private StopReport stopReport;

  private Service(Settings s, Clock clock, Optional<RuntimeScheduler> scheduler, List<AutoCloseable> resources)
      throws IOException {
    this.resources = resources;
    this.clock = clock;
    this.drain = s.drain();
    this.secret = s.appSecret();
    JourneyConfig config = JourneyConfig.load(s.journeyFile());
    RuleSetRegistry rules = RuleSetRegistry.ofDefaults();
    resources.add(rules);
    CompiledRuleSet compiled =
        rules.compile(s.rules().map(config::ruleSet).orElseGet(config::ruleSet));

    this.store = ServeStore.open(s.store(), s.instanceId(), clock, System.getenv());
    resources.add(store);
    JourneyDefinition definition =
        config.definition(ServeDeployment.evaluator(config, rules, compiled, store.store(), clock))
            .toBuilder().effects(HubSpotActionEffects.table()).build();
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JourneyMeters meters = JourneyMeters.builder(registry).store(store.store(), clock).build();
    HubSpotMeters hubspotMeters = HubSpotMeters.register(registry);

    this.fake = s.fakeHubSpot() ? Optional.of(FakeHubSpot.builder().clock(clock).start()) : Optional.empty();
    fake.ifPresent(resources::add);
    HubSpotConfig.Builder hubspot =
        HubSpotConfig.builder(
                fake.isPresent()
                    ? TokenProvider.ofStatic(FakeHubSpot.TOKEN)
                    : s.token().orElseThrow(() -> new IllegalArgumentException("a HubSpot token is required")))
            .baseUri(fake.map(FakeHubSpot::baseUri).orElse(s.hubspotUri()))
            .clock(clock)
            .requestListener(hubspotMeters);
    HubSpotExecutor executor = HubSpotExecutor.create(hubspot.build());

    // the identity step the journey file declares: aliases from signal attributes, HubSpot merges,
    // deletions and company associations through the identity sink
    Optional<dev.journey.config.IdentityConfig> identity = config.identity();
    Optional<dev.journey.core.identity.IdentityKey> identityKey =
        identity.filter(dev.journey.config.IdentityConfig::hashesEmails).map(i -> i.key(System.getenv()));
    Optional<dev.journey.core.identity.IdentityResolver> resolver =
        identity.map(i -> i.resolver(store.store(), config.model(), definition.features(), clock));
    JourneyEngine.Builder engineBuilder =
        JourneyEngine.builder().definition(definition).store(store.store()).clock(clock).listener(meters);
    resolver.ifPresent(engineBuilder::identity);
    JourneyEngine engine = engineBuilder.build();
    JourneyRuntime.Builder runtimeBuilder =
        JourneyRuntime.builder(engine, executor)
            .maxInFlight(s.maxInFlight())
            .relayWorkers(s.relayWorkers())
            .listener(meters);
    store.leaseRelease().ifPresent(runtimeBuilder::leaseRelease);
    scheduler.ifPresent(runtimeBuilder::scheduler);
    this.runtime = runtimeBuilder.build();
    meters.bind(runtime);

    WebhookMapping.Builder mapping = WebhookMapping.builder(WebhookMapping.ofDefaults());
    for (String m : s.mappings()) {
      addMapping(mapping, m);
    }
    if (fake.isPresent()) {
      mapping.propertyChange("contact", Simulator.PROPERTY, Simulator.SIGNAL_TYPE);
    }
    dev.journey.hubspot.SignalSink sink = runtime::accept;
    if (resolver.isPresent()) {
      dev.journey.config.IdentityConfig declared = identity.orElseThrow();
      dev.journey.hubspot.SignalSink withAliases =
          signal -> runtime.accept(signal, declared.aliasesOf(signal, identityKey));
      if (!(store.store() instanceof dev.journey.core.spi.Erasure erasure)) {
        throw new IllegalArgumentException(
            "the journey file declares an identity section, which needs a store that can erase subjects,"
                + " but " + store.description() + " cannot");
      }
      sink = dev.journey.hubspot.HubSpotIdentitySink.of(withAliases, resolver.get(), erasure);
    }
    WebhookReceiver receiver =
        WebhookReceiver.builder(s.appSecret(), sink)
            .clock(clock)
            .mapping(mapping.build())
            .quarantine(WebhookQuarantine.of(store.store()))
            .build();

    runtime.start();
    resources.add(() -> runtime.close(drain));
    this.webhook = HttpServer.create(new InetSocketAddress(s.bind(), s.port()), 0);
    ExecutorService webhookThreads = Executors.newFixedThreadPool(Math.max(2, Math.min(s.maxInFlight(), 16)), r -> {
      Thread t = new Thread(r, "journey-webhook");
      t.setDaemon(true);
      return t;
    });
    webhook.setExecutor(webhookThreads);
    resources.add(webhookThreads::shutdownNow);
    String base = s.publicUrl().orElse("http://" + hostOf(webhook.getAddress()) + ":" + webhook.getAddress().getPort());
    webhook.createContext(WEBHOOK_PATH, WebhookHttpHandler.of(receiver, base));
    webhook.start();
    resources.add(() -> webhook.stop(0));
    this.webhookUri = URI.create(base + WEBHOOK_PATH);
    this.admin = AdminServer.start(new InetSocketAddress(s.adminBind(), s.adminPort()), runtime, store.store(), registry, clock,
        config.metrics());
    this.description = String.format(
        "journey %s (rules %s) on %s; HubSpot %s",
        config.name(), compiled.ref(), store.description(),
        fake.map(f -> "fake on " + f.baseUri()).orElse(s.hubspotUri().toString()));
    LOG.info("journey serve started: {}", description);
  }

  /**
   * Starts everything; on failure closes what was started.
   *
   * @throws IllegalArgumentException when a setting is invalid (the message says which)
   */
  static Service start(Settings settings, Clock clock, Optional<RuntimeScheduler> scheduler) {
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      return new Service(settings, clock, scheduler, resources);
    } catch (IOException | RuntimeException e) {
      closeAll(resources);
      if (e instanceof IOException) {
        throw new UncheckedIOException("cannot start journey serve: " + e.getMessage(), (IOException) e);
      }
      throw (RuntimeException) e;
    }
  }

  private static void addMapping(WebhookMapping.Builder mapping, String spec) {
    int eq = spec.indexOf('=');
    int dot = spec.indexOf('.');
    if (eq < 0 || dot < 0 || dot > eq) {
      throw new IllegalArgumentException(
          "--map must be <object>.<property>=<SIGNAL_TYPE> (e.g. contact.hs_lead_status=LEAD_STATUS_CHANGED), but was '"
              + spec + "'");
    }
    mapping.propertyChange(spec.substring(0, dot), spec.substring(dot + 1, eq), spec.substring(eq + 1));
  }

  private static String hostOf(InetSocketAddress address) {
    String host = address.getAddress().getHostAddress();
    return host.contains(":") ? "[" + host + "]" : host;
  }

  /**
   * Starts the simulation: {@code perSecond} events a second, at most {@code maxEvents} (0: no end).
   *
   * @throws IllegalStateException without a fake HubSpot
   */
  Simulator simulate(int perSecond, long maxEvents, java.util.function.Consumer<String> finished) {
    Simulator sim = simulator();
    sim.start(perSecond, maxEvents, finished);
    return sim;
  }

  /** The simulator (not started), for tests that send batches themselves. */
  synchronized Simulator simulator() {
    if (fake.isEmpty()) {
      throw new IllegalStateException("--simulate needs --fake-hubspot: it writes its contacts into the fake CRM");
    }
    if (simulator == null) {
      simulator = new Simulator(fake.get(), webhookUri, secret, clock);
    }
    return simulator;
  }

  JourneyRuntime runtime() {
    return runtime;
  }

  ServeStore store() {
    return store;
  }

  PrometheusMeterRegistry registry() {
    return registry;
  }

  Optional<FakeHubSpot> fake() {
    return fake;
  }

  URI webhookUri() {
    return webhookUri;
  }

  URI adminUri() {
    return admin.uri();
  }

  String description() {
    return description;
  }

  /**
   * Stops: the simulation, the webhook endpoint (no new requests), the runtime (refuses signals,
   * drains within the deadline, hands back leases), then the admin endpoints and the store.
   * Idempotent: a second call returns the first report.
   */
  synchronized StopReport stop() {
    if (stopReport != null) {
      return stopReport;
    }
    if (simulator != null) {
      simulator.close();
    }
    webhook.stop(0);
    stopReport = runtime.close(drain);
    admin.close();
    closeAll(resources);
    return stopReport;
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        LOG.warn("closing {} failed", resources.get(i), e);
      }
    }
  }

  @Override
  public void close() {
    stop();
  }
}
