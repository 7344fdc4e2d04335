package dev.journey.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.journey.core.metrics.MetricsDefinition;
import dev.journey.core.rollout.DeploymentStore;
import dev.journey.core.rollout.Deployments;
import dev.journey.core.rollout.JourneyDeployment;
import dev.journey.core.rollout.RegisteredVersion;
import dev.journey.core.spi.JourneyStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The admin port's {@code /deployments} endpoints: the changes of {@code journey deploy}, over HTTP. */
final class AdminDeployments {
  private static final Logger LOG = LoggerFactory.getLogger(AdminDeployments.class);
  /** The largest form body read. */
  static final int MAX_BODY = 16 * 1024;

  @FunctionalInterface
  interface Sender {
    void send(HttpExchange exchange, int status, ObjectNode body) throws IOException;
  }

  private final JourneyStore store;
  private final Clock clock;
  private final Optional<MetricsDefinition> metrics;
  private final AdminViews views;
  private final DeployViews deployViews = new DeployViews();
  private final Sender sender;

  AdminDeployments(
      JourneyStore store, Clock clock, Optional<MetricsDefinition> metrics, AdminViews views, Sender sender) {
    this.store = store;
    this.clock = clock;
    this.metrics = metrics;
    this.views = views;
    this.sender = sender;
  }

  void handle(HttpExchange exchange, String method, String rest) throws IOException {
    if (!(store instanceof DeploymentStore deploymentStore)) {
      sender.send(exchange, 404, views.message("error", "this store keeps no deployments"));
      return;
    }
    String[] parts = rest.isEmpty() || rest.equals("/") ? new String[0] : rest.substring(1).split("/", -1);
    if (parts.length == 0) {
      if (allow(exchange, method, "GET")) {
        ObjectNode body = views.message("deployments", "");
        ArrayNode list = body.putArray("journeys");
        for (String journey : deploymentStore.deployedJourneys()) {
          deploymentStore.deployment(journey).ifPresent(d -> list.add(deployViews.deployment(d)));
        }
        body.remove("deployments");
        sender.send(exchange, 200, body);
      }
      return;
    }
    String journey = decode(parts[0]);
    Deployments.Builder builder = Deployments.builder(deploymentStore).clock(clock);
    if (parts.length == 1) {
      if (allow(exchange, method, "GET")) {
        String figures = figures(builder, journey, params(exchange));
        ObjectNode status = deployViews.status(builder.build().status(journey));
        status.put("guardrails", figures);
        sender.send(exchange, 200, status);
      }
      return;
    }
    Deployments deployments = builder.build();
    String change = parts.length == 2 ? parts[1] : "";
    if (!DeployOps.CHANGES.contains(change)) {
      sender.send(exchange, 404, views.message("error",
          "expected GET /deployments/{journey} or POST /deployments/{journey}/{change} with a change among "
              + DeployOps.CHANGES + ", but was " + method + " /deployments" + rest));
      return;
    }
    if (!allow(exchange, method, "POST")) {
      return;
    }
    Map<String, List<String>> params = params(exchange);
    String who = one(params, "who");
    if (who.isBlank()) {
      throw new IllegalArgumentException("who must name who makes the change (a person or service), but was missing");
    }
    String why = one(params, "why");
    JourneyDeployment after = switch (change) {
      case "register" -> deployments.register(journey, new RegisteredVersion(
          one(params, "ruleSet").isBlank() ? journey : one(params, "ruleSet"), required(params, "version"),
          one(params, "hash"), one(params, "source"), clock.instant()), who, why);
      case "shadow" -> deployments.shadow(journey, required(params, "version"), who, why);
      case "start" -> deployments.start(journey, required(params, "version"),
          DeployOps.steps(one(params, "steps")), DeployOps.pilot(params.getOrDefault("pilot", List.of())), who, why);
      case "step" -> deployments.step(journey, who, why);
      case "pause" -> deployments.pause(journey, who, why);
      case "resume" -> deployments.resume(journey, who, why);
      case "rollback" -> deployments.rollback(journey, DeployOps.mode(one(params, "mode")), who, why);
      default -> deployments.promote(journey, who, why);
    };
    LOG.info("deployment of {} changed: {} (revision {})", journey, change, after.revision());
    sender.send(exchange, 200, deployViews.deployment(after));
  }

  /**
   * Gives {@code builder} the guardrail figures of {@code journey} when the served journey's
   * metrics define them and the store keeps an audit trail; returns the line that says where they
   * come from, or why there are none.
   */
  private String figures(Deployments.Builder builder, String journey, Map<String, List<String>> params) {
    String limitText = one(params, "auditLimit");
    int limit;
    try {
      limit = limitText.isBlank() ? StoreGuardrails.DEFAULT_LIMIT : Integer.parseInt(limitText.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("auditLimit must be a whole number of decisions, but was '" + limitText + "'");
    }
    Optional<MetricsDefinition> definition = metrics.filter(m -> m.journey().equals(journey));
    if (definition.isEmpty()) {
      return metrics.isEmpty()
          ? "guardrails: the served journey file has no metrics section to compute figures with"
          : "guardrails: the served journey file defines the metrics of journey '" + metrics.get().journey()
              + "', not of '" + journey + "'";
    }
    Optional<StoreGuardrails.Read> read = StoreGuardrails.read(store, definition.get(), limit);
    read.ifPresent(r -> builder.metrics(r.metrics()));
    return read.map(StoreGuardrails.Read::describe)
        .orElse("guardrails: this store keeps no audit trail to compute figures from");
  }

  private boolean allow(HttpExchange exchange, String method, String allowed) throws IOException {
    if (method.equals(allowed)) {
      return true;
    }
    exchange.getResponseHeaders().set("Allow", allowed);
    sender.send(exchange, 405, views.message("error", "method " + method + " not allowed here; use " + allowed));
    return false;
  }

  private static String one(Map<String, List<String>> params, String name) {
    List<String> values = params.getOrDefault(name, List.of());
    return values.isEmpty() ? "" : values.get(values.size() - 1);
  }

  private static String required(Map<String, List<String>> params, String name) {
    String value = one(params, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " is required for this change, but was missing");
    }
    return value;
  }

  private static Map<String, List<String>> params(HttpExchange exchange) throws IOException {
    Map<String, List<String>> params = new LinkedHashMap<>();
    parse(exchange.getRequestURI().getRawQuery(), params);
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY + 1);
      if (body.length > MAX_BODY) {
        throw new IllegalArgumentException("the form body must be at most " + MAX_BODY + " bytes");
      }
      parse(new String(body, StandardCharsets.UTF_8), params);
    }
    return params;
  }

  private static void parse(String form, Map<String, List<String>> into) {
    if (form == null || form.isBlank()) {
      return;
    }
    for (String pair : form.strip().split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      into.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
