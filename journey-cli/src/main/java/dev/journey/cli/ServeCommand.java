package dev.journey.cli;

import dev.journey.core.runtime.StopReport;
import dev.journey.examples.leadhandoff.LeadHandoff;
import dev.journey.hubspot.HubSpotConfig;
import dev.journey.hubspot.TokenProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code journey serve}: the real-time service for a journey directory. Loads the journey through
 * journey-config, runs it in a {@code JourneyRuntime} on the store of {@code --store} (SQLite by
 * default), receives HubSpot webhooks (v3 signatures checked with the app secret), executes
 * actions against HubSpot (or the fake HubSpot with {@code --fake-hubspot}) and serves the admin
 * endpoints on a loopback port. Runs until SIGTERM or SIGINT, then stops intake, drains, prints
 * the stop report and exits 0 (1 when the drain was not clean).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run a journey as a service: HubSpot webhooks in, actions out to HubSpot, admin endpoints on loopback.",
      "Secrets come from the environment (or files), never from flags: " + ServeCommand.SECRET_ENV + " (the app's"
          + " client secret, for webhook signatures) and " + ServeCommand.TOKEN_ENV + " (the private-app token).",
      "Admin endpoints: GET /health, GET /metrics (Prometheus), GET /dead-letters,"
          + " POST /dead-letters/{actionId}/replay|discard, GET /subjects/contact:<id>,"
          + " GET /deployments[/{journey}], POST /deployments/{journey}/{change}.",
      "SIGTERM (or Ctrl-C) stops intake, drains and prints the stop report; exit code 0 when the stop was clean."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped cleanly (SIGTERM/SIGINT)",
      "1:could not start, or the drain did not finish in time",
      ExitCode.USAGE_LINE
    })
final class ServeCommand implements Callable<Integer> {
  /** The environment variable holding the HubSpot app's client secret. */
  static final String SECRET_ENV = "JOURNEY_HUBSPOT_APP_SECRET";
  /** The environment variable holding the HubSpot private-app token. */
  static final String TOKEN_ENV = "JOURNEY_HUBSPOT_TOKEN";

  @Spec CommandSpec spec;

  @Option(names = "--dir", paramLabel = "<dir>",
      description = "the journey directory (with journey.json); default: docs/examples/lead-handoff, found as the demo finds it")
  Path dir;

  @Option(names = "--rules", paramLabel = "<dir>", description = "the DRL rule-set directory; default: the one journey.json names")
  Path rules;

  @Option(names = "--store", paramLabel = "<url>", defaultValue = "sqlite:target/journey-serve/journey.db",
      description = "sqlite:<file>, jdbc:postgresql://<host>:<port>/<db> (user and password from "
          + ServeStore.USER_ENV + ", " + ServeStore.PASSWORD_ENV + ") or memory; default: ${DEFAULT-VALUE}")
  String store;

  @Option(names = "--instance-id", paramLabel = "<id>",
      description = "this instance's stable id in a shared store; default: the host name")
  String instanceId;

  @Option(names = "--bind", paramLabel = "<address>", defaultValue = "127.0.0.1",
      description = "the webhook server's address; default: ${DEFAULT-VALUE} (0.0.0.0 to take HubSpot's calls directly)")
  String bind;

  @Option(names = "--port", paramLabel = "<port>", defaultValue = "8080",
      description = "the webhook port (0: any free port); default: ${DEFAULT-VALUE}")
  int port;

  @Option(names = "--admin-bind", paramLabel = "<address>", defaultValue = "127.0.0.1",
      description = "the admin server's address; default: ${DEFAULT-VALUE} (the endpoints have no authentication)")
  String adminBind;

  @Option(names = "--admin-port", paramLabel = "<port>", defaultValue = "9090",
      description = "the admin port (0: any free port); default: ${DEFAULT-VALUE}")
  int adminPort;

  @Option(names = "--public-url", paramLabel = "<url>",
      description = "the scheme and host HubSpot calls (webhook signatures cover it), e.g. https://hooks.example.com;"
          + " default: the bound address")
  String publicUrl;

  @Option(names = "--app-secret-file", paramLabel = "<file>",
      description = "a file holding the app's client secret, instead of " + SECRET_ENV)
  Path appSecretFile;

  @Option(names = "--token-file", paramLabel = "<file>", description = "a file holding the private-app token, instead of " + TOKEN_ENV)
  Path tokenFile;

  @Option(names = "--hubspot-url", paramLabel = "<url>", defaultValue = "https://api.hubapi.com",
      description = "the HubSpot API base; default: ${DEFAULT-VALUE}")
  URI hubspotUrl;

  @Option(names = "--fake-hubspot",
      description = "start the in-repo fake HubSpot on loopback and execute actions against it (no HubSpot account needed)")
  boolean fakeHubSpot;

  @Option(names = "--simulate", paramLabel = "<events/s>",
      description = "with --fake-hubspot: sign and send webhook batches of simulated contacts (creation, then a change"
          + " of " + Simulator.PROPERTY + " mapped to " + Simulator.SIGNAL_TYPE + ") to the own endpoint at this rate")
  Integer simulate;

  @Option(names = "--simulate-events", paramLabel = "<n>", defaultValue = "0",
      description = "stop simulating after this many events (0: never); default: ${DEFAULT-VALUE}")
  long simulateEvents;

  @Option(names = "--map", paramLabel = "<object>.<property>=<TYPE>",
      description = "also map changes of this property to this signal type (repeatable), e.g. contact.hs_lead_status=LEAD_STATUS_CHANGED")
  List<String> mappings = new ArrayList<>();

  @Option(names = "--max-in-flight", paramLabel = "<n>", defaultValue = "64",
      description = "signals in the engine at once; beyond, webhooks get 503 + Retry-After; default: ${DEFAULT-VALUE}")
  int maxInFlight;

  @Option(names = "--relay-workers", paramLabel = "<n>", defaultValue = "2",
      description = "relay workers (HubSpot calls in progress at once); default: ${DEFAULT-VALUE}")
  int relayWorkers;

  @Option(names = "--drain-timeout", paramLabel = "<seconds>", defaultValue = "10",
      description = "how long a stop waits for in-flight work; default: ${DEFAULT-VALUE}")
  long drainSeconds;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Service.Settings settings = settings(System.getenv());
    Service service;
    try {
      service = Service.start(settings, Clock.systemUTC(), Optional.empty());
    } catch (RuntimeException e) {
      spec.commandLine().getErr().println("journey serve: cannot start: " + e.getMessage());
      return ExitCode.PROBLEMS;
    }
    CountDownLatch stop = new CountDownLatch(1);
    Shutdown.onSignals(stop::countDown);
    Thread hook = new Thread(() -> {
      stop.countDown();
      report(service.stop(), out);
    }, "journey-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println("journey serve: " + service.description());
    out.println("  webhook: POST " + service.webhookUri());
    out.println("  admin:   " + service.adminUri() + "/health /metrics /dead-letters /subjects/<type>:<id>");
    if (simulate != null) {
      service.simulate(simulate, simulateEvents, line -> {
        out.println(line);
        out.flush();
      });
      out.println("  simulating " + simulate + " events/s" + (simulateEvents > 0 ? ", " + simulateEvents + " in all" : ""));
    }
    out.println("ready; SIGTERM or Ctrl-C stops");
    out.flush();
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    out.println("stopping: intake closed, draining (up to " + drainSeconds + " s)");
    StopReport report = service.stop();
    report(report, out);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook printed nothing new (stop() is idempotent)
    }
    return report.clean() ? ExitCode.OK : ExitCode.PROBLEMS;
  }

  private static void report(StopReport report, PrintWriter out) {
    synchronized (out) {
      out.printf(
          "stopped: %s, %d signals abandoned, %d lanes busy at the deadline, %d leases released%n",
          report.clean() ? "clean" : "NOT clean", report.abandonedSignals(), report.busyLanes(), report.releasedLeases());
      out.flush();
    }
  }

  /** The settings from the options and the environment; usage errors as {@link ParameterException}. */
  Service.Settings settings(Map<String, String> env) {
    Optional<Path> found = dir != null ? Optional.of(dir) : DemoCommand.locate();
    if (found.isEmpty() || !Files.isRegularFile(LeadHandoff.configFile(found.get()))) {
      throw new ParameterException(spec.commandLine(),
          "cannot find the journey directory " + found.orElse(DemoCommand.EXAMPLE) + " (with " + LeadHandoff.WIRING
              + "); pass --dir <dir>");
    }
    if (simulate != null && !fakeHubSpot) {
      throw new ParameterException(spec.commandLine(), "--simulate needs --fake-hubspot (it writes its contacts into the fake CRM)");
    }
    if (simulate != null && (simulate < 1 || simulate > 10_000)) {
      throw new ParameterException(spec.commandLine(), "--simulate must be within [1, 10000] events/s, but was " + simulate);
    }
    if (simulateEvents < 0) {
      throw new ParameterException(spec.commandLine(), "--simulate-events must be >= 0, but was " + simulateEvents);
    }
    checkPort("--port", port);
    checkPort("--admin-port", adminPort);
    if (drainSeconds < 0 || drainSeconds > 3600) {
      throw new ParameterException(spec.commandLine(), "--drain-timeout must be within [0, 3600] seconds, but was " + drainSeconds);
    }
    String secret = secret(env, SECRET_ENV, appSecretFile, "--app-secret-file").orElseGet(() -> {
      if (fakeHubSpot) {
        return randomSecret(); // only the simulator and the fake know it
      }
      throw new ParameterException(spec.commandLine(),
          "the HubSpot app secret is missing: set " + SECRET_ENV + " or pass --app-secret-file <file> (or use --fake-hubspot)");
    });
    Optional<TokenProvider> token = secret(env, TOKEN_ENV, tokenFile, "--token-file").map(TokenProvider::ofStatic);
    if (token.isEmpty() && !fakeHubSpot) {
      throw new ParameterException(spec.commandLine(),
          "the HubSpot token is missing: set " + TOKEN_ENV + " or pass --token-file <file> (or use --fake-hubspot)");
    }
    return new Service.Settings(
        LeadHandoff.configFile(found.get()), Optional.ofNullable(rules), store,
        instanceId != null ? instanceId : hostName(), address("--bind", bind), port, address("--admin-bind", adminBind),
        adminPort, Optional.ofNullable(publicUrl), secret, token,
        hubspotUrl == null ? HubSpotConfig.DEFAULT_BASE_URI : hubspotUrl, fakeHubSpot, mappings, maxInFlight,
        relayWorkers, Duration.ofSeconds(drainSeconds));
  }

  private void checkPort(String option, int value) {
    if (value < 0 || value > 65535) {
      throw new ParameterException(spec.commandLine(), option + " must be within [0, 65535], but was " + value);
    }
  }

  private InetAddress address(String option, String value) {
    try {
      return InetAddress.getByName(value);
    } catch (UnknownHostException e) {
      throw new ParameterException(spec.commandLine(), option + " must be an IP address or a local host name, but was '" + value + "'");
    }
  }

  private Optional<String> secret(Map<String, String> env, String variable, Path file, String option) {
    if (file != null) {
      try {
        String value = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (value.isEmpty()) {
          throw new ParameterException(spec.commandLine(), option + " names an empty file: " + file);
        }
        return Optional.of(value);
      } catch (IOException e) {
        throw new ParameterException(spec.commandLine(), option + " cannot be read: " + file + " (" + e.getMessage() + ")");
      }
    }
    String value = env.get(variable);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  private static String randomSecret() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "journey-serve";
    }
  }

}
