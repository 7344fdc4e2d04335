package dev.journey.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.journey.core.JourneyException;
import dev.journey.core.SubjectRef;
import dev.journey.core.metrics.MetricsDefinition;
import dev.journey.core.runtime.JourneyRuntime;
import dev.journey.core.runtime.RuntimeHealth;
import dev.journey.core.spi.JourneyStore;
import dev.journey.core.state.JourneySnapshot;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin endpoints of {@code journey serve}, on their own port (loopback by default), on the
 * JDK's HTTP server:
 *
 * <ul>
 *   <li>{@code GET /health}: the runtime's {@link RuntimeHealth} as JSON; 200 when ready (up or
 *       degraded), 503 when down. {@code GET /health/live}: 200 until the runtime is closed.
 *   <li>{@code GET /metrics}: every meter in Prometheus text format.
 *   <li>{@code GET /dead-letters[?limit=N]}: the dead letters, oldest first (default 100);
 *       {@code POST /dead-letters/{actionId}/replay} puts one back in the outbox (attempts reset),
 *       {@code POST /dead-letters/{actionId}/discard} deletes it.
 *   <li>{@code GET /subjects/{type}:{id}} (e.g. {@code /subjects/contact:1001}): the snapshot and
 *       the last {@value AdminViews#RECENT_AUDIT} audit records, personal data redacted.
 *   <li>{@code GET /deployments}: the deployed journeys; {@code GET /deployments/{journey}}: its
 *       status (versions with role, share, pinned cohort and guardrails; history); {@code POST
 *       /deployments/{journey}/{change}} with {@code who}, {@code why} and the change's parameters
 *       ({@code version}, {@code steps}, {@code pilot}, {@code mode}, {@code hash}, {@code source},
 *       {@code ruleSet}) as query or form parameters, the changes of {@code journey deploy}.
 * </ul>
 */
final class AdminServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
  private static final String JSON = "application/json; charset=utf-8";
  private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
  private static final int DEFAULT_LIMIT = 100;

  private final HttpServer server;
  private final ExecutorService threads;
  private final JourneyRuntime runtime;
  private final JourneyStore store;
  private final PrometheusMeterRegistry registry;
  private final Clock clock;
  private final AdminViews views = new AdminViews();
  private final AdminDeployments deployments;

  private AdminServer(
      HttpServer server, JourneyRuntime runtime, JourneyStore store, PrometheusMeterRegistry registry, Clock clock,
      Optional<MetricsDefinition> metrics) {
    this.server = server;
    this.runtime = runtime;
    this.store = store;
    this.registry = registry;
    this.clock = clock;
    this.deployments = new AdminDeployments(store, clock, metrics, views, this::send);
    this.threads = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "journey-admin");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(threads);
    server.createContext("/", this::handle);
  }

  /**
   * Binds and starts; {@code metrics} (the served journey's metrics section) gives the deployment
   * views their guardrail figures.
   */
  static AdminServer start(
      InetSocketAddress address, JourneyRuntime runtime, JourneyStore store, PrometheusMeterRegistry registry,
      Clock clock, Optional<MetricsDefinition> metrics) throws IOException {
    AdminServer admin = new AdminServer(HttpServer.create(address, 0), runtime, store, registry, clock, metrics);
    admin.server.start();
    return admin;
  }

  /** The base URI, e.g. {@code http://127.0.0.1:9090}. */
  URI uri() {
    InetSocketAddress a = server.getAddress();
    return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      try {
        route(exchange, method, path);
      } catch (JourneyException | IllegalArgumentException e) {
        send(exchange, 400, views.message("error", AdminViews.mask(e.getMessage())));
      } catch (RuntimeException e) {
        LOG.warn("admin request {} {} failed", method, path, e);
        send(exchange, 500, views.message("error", e.getClass().getName()));
      }
    }
  }

  private void route(HttpExchange exchange, String method, String path) throws IOException {
    if (path.equals("/health") || path.equals("/health/ready")) {
      if (!allow(exchange, method, "GET")) {
        return;
      }
      RuntimeHealth health = runtime.health();
      ObjectNode body = views.health(health, runtime.state().name());
      send(exchange, health.status() == RuntimeHealth.Status.DOWN ? 503 : 200, body);
    } else if (path.equals("/health/live")) {
      if (!allow(exchange, method, "GET")) {
        return;
      }
      boolean live = runtime.state() != JourneyRuntime.State.CLOSED;
      send(exchange, live ? 200 : 503, views.message("live", Boolean.toString(live)));
    } else if (path.equals("/metrics")) {
      if (!allow(exchange, method, "GET")) {
        return;
      }
      send(exchange, 200, PROMETHEUS, registry.scrape().getBytes(StandardCharsets.UTF_8));
    } else if (path.equals("/dead-letters")) {
      if (!allow(exchange, method, "GET")) {
        return;
      }
      send(exchange, 200, views.deadLetters(store.deadLetters(), limit(exchange.getRequestURI())));
    } else if (path.startsWith("/dead-letters/")) {
      deadLetter(exchange, method, path.substring("/dead-letters/".length()));
    } else if (path.startsWith("/subjects/")) {
      if (!allow(exchange, method, "GET")) {
        return;
      }
      SubjectRef subject = SubjectRef.parse(decode(path.substring("/subjects/".length())));
      Optional<JourneySnapshot> snapshot = store.load(subject);
      if (snapshot.isEmpty()) {
        send(exchange, 404, views.message("error", "no journey for subject " + subject));
      } else {
        send(exchange, 200, views.subject(snapshot.get(), store.audit(subject)));
      }
    } else if (path.equals("/deployments") || path.startsWith("/deployments/")) {
      deployments.handle(exchange, method, path.substring("/deployments".length()));
    } else {
      send(exchange, 404, views.message(
          "error", "no such endpoint " + path + "; try /health, /metrics, /dead-letters, /subjects/contact:<id>, /deployments"));
    }
  }

  private void deadLetter(HttpExchange exchange, String method, String rest) throws IOException {
    int slash = rest.lastIndexOf('/');
    String verb = slash < 0 ? "" : rest.substring(slash + 1);
    if (slash <= 0 || !(verb.equals("replay") || verb.equals("discard"))) {
      send(exchange, 404, views.message(
          "error", "expected POST /dead-letters/{actionId}/replay or /discard, but was " + method + " /dead-letters/" + rest));
      return;
    }
    if (!allow(exchange, method, "POST")) {
      return;
    }
    String actionId = decode(rest.substring(0, slash));
    boolean done = verb.equals("replay") ? store.requeue(actionId, clock.instant()) : store.discard(actionId);
    if (!done) {
      send(exchange, 404, views.message("error", "no dead letter with action id " + actionId));
      return;
    }
    LOG.info("dead letter {} {}", actionId, verb.equals("replay") ? "requeued" : "discarded");
    send(exchange, 200, views.message(verb.equals("replay") ? "replayed" : "discarded", actionId));
  }

  private static int limit(URI uri) {
    String query = uri.getRawQuery();
    if (query == null) {
      return DEFAULT_LIMIT;
    }
    for (String part : query.split("&")) {
      if (part.startsWith("limit=")) {
        String value = part.substring("limit=".length());
        try {
          int n = Integer.parseInt(value);
          if (n >= 1 && n <= 10_000) {
            return n;
          }
        } catch (NumberFormatException e) {
          // reported below
        }
        throw new IllegalArgumentException("limit must be a whole number within [1, 10000], but was '" + value + "'");
      }
    }
    return DEFAULT_LIMIT;
  }

  private static String decode(String segment) {
    return URLDecoder.decode(segment, StandardCharsets.UTF_8);
  }

  private boolean allow(HttpExchange exchange, String method, String allowed) throws IOException {
    if (method.equals(allowed)) {
      return true;
    }
    exchange.getResponseHeaders().set("Allow", allowed);
    send(exchange, 405, views.message("error", "method " + method + " not allowed here; use " + allowed));
    return false;
  }

  void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    send(exchange, status, JSON, views.bytes(body));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
