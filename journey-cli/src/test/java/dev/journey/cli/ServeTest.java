package dev.journey.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journey.core.SubjectRef;
import dev.journey.core.runtime.JourneyRuntime;
import dev.journey.core.runtime.StopReport;
import dev.journey.testkit.clock.VirtualClock;
import dev.journey.testkit.clock.VirtualScheduler;
import dev.journey.testkit.fake.FakeHubSpot;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code journey serve} in-process: the example journey on SQLite, the fake HubSpot, ephemeral
 * loopback ports, the runtime's lanes on a virtual clock.
 */
final class ServeTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final String SECRET = "serve-test-secret";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;

  private static final VirtualClock clock = VirtualClock.at(T0);
  private static final VirtualScheduler scheduler = VirtualScheduler.on(clock);
  private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static Service service;

  /** One service for the class (compiling the rules is the slow part); each test uses its own contacts. */
  @BeforeAll
  static void start() {
    service = Service.start(settings("sqlite:" + tmp.resolve("journey.db")), clock, Optional.of(scheduler));
  }

  @AfterAll
  static void stop() {
    service.stop();
  }

  /** The subject the next batch (of an even size) starts with. */
  private static SubjectRef nextContact() {
    return SubjectRef.contact(Long.toString(Simulator.FIRST_CONTACT + service.simulator().sent() / 2));
  }

  private static Service.Settings settings(String store) {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    return new Service.Settings(
        DemoRun.EXAMPLE.resolve("journey.json"), Optional.empty(), store, "serve-test", loopback, 0, loopback, 0,
        Optional.empty(), SECRET, Optional.empty(), URI.create("http://127.0.0.1:1"), true, List.of(), 16, 1,
        Duration.ofSeconds(5));
  }

  @Test
  void should_decide_a_signed_webhook_and_write_the_actions_to_the_fake_hubspot() throws Exception {
    // when: two simulated contacts (creation, then a demo request each), then the relay runs
    SubjectRef first = nextContact();
    int status = service.simulator().sendBatch(4);
    scheduler.advance(Duration.ofSeconds(2));

    // then: acknowledged, decided (a low-fit demo request is recycled) and written to the CRM
    assertThat(status).isEqualTo(204);
    assertThat(service.store().store().load(first)).get().satisfies(s -> assertThat(s.state()).isEqualTo("RECYCLED"));
    FakeHubSpot fake = service.fake().orElseThrow();
    assertThat(fake.contact(first.id())).get().satisfies(p -> assertThat(p).containsEntry("lifecycle_stage", "other"));
    assertThat(fake.contact(Long.toString(Long.parseLong(first.id()) + 1))).isPresent();
    assertThat(service.store().store().pendingActions()).isEmpty();
  }

  @Test
  void should_refuse_a_webhook_with_a_bad_signature_and_store_nothing() throws Exception {
    // given: a contact-creation event signed with another secret
    byte[] body = JSON.writeValueAsBytes(List.of(FakeHubSpot.creationEvent("contact", 1, 4242, clock.instant())));
    String ts = Long.toString(clock.millis());
    HttpRequest forged = HttpRequest.newBuilder(service.webhookUri())
        .timeout(Duration.ofSeconds(10))
        .header("X-HubSpot-Signature-v3", FakeHubSpot.signV3("not-the-secret", "POST", service.webhookUri().toString(), body, ts))
        .header("X-HubSpot-Request-Timestamp", ts)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();

    // when
    int status = http.send(forged, HttpResponse.BodyHandlers.discarding()).statusCode();

    // then
    assertThat(status).isEqualTo(401);
    assertThat(service.store().store().load(SubjectRef.contact("4242"))).isEmpty();
  }

  @Test
  void should_answer_health_as_json_with_200_while_up() throws Exception {
    // when
    HttpResponse<String> health = get("/health");

    // then
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    JsonNode body = JSON.readTree(health.body());
    assertThat(body.path("status").asText()).isEqualTo("UP");
    assertThat(body.path("ready").asBoolean()).isTrue();
    assertThat(body.path("runtime").asText()).isEqualTo("RUNNING");
    assertThat(body.path("reasons")).isEmpty();
    assertThat(get("/health/live").statusCode()).isEqualTo(200);
  }

  @Test
  void should_show_signals_actions_and_hubspot_requests_in_the_prometheus_metrics() throws Exception {
    // given
    service.simulator().sendBatch(6);
    scheduler.advance(Duration.ofSeconds(2));

    // when
    HttpResponse<String> metrics = get("/metrics");


    // then
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(metrics.body())
        .containsPattern("journey_signals_total\\{[^}]*outcome=\"decided\"[^}]*type=\"DEMO_REQUESTED\"[^}]*\\} [1-9]")
        .containsPattern("journey_relay_attempts_total\\{[^}]*result=\"done\"[^}]*\\} [1-9]")
        .containsPattern("journey_hubspot_requests_total\\{endpoint=\"/crm/v3/objects/contacts/batch/update\",method=\"POST\","
            + "outcome=\"ok\",status=\"200\"\\} [1-9]")
        .contains("journey_hubspot_request_latency_seconds_count")
        .contains("journey_runtime_health{status=\"up\"} 1.0");
  }

  @Test
  void should_list_a_dead_letter_and_replay_it_by_id() throws Exception {
    // given: HubSpot refuses the first write permanently, so the action is dead-lettered
    FakeHubSpot fake = service.fake().orElseThrow();
    int before = service.store().store().deadLetters().size();
    SubjectRef contact = nextContact();
    fake.failNext(1, 400);
    service.simulator().sendBatch(2);
    scheduler.advance(Duration.ofSeconds(2));

    // when
    HttpResponse<String> list = get("/dead-letters");

    // then
    JsonNode letters = JSON.readTree(list.body());
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(letters.path("count").asInt()).isEqualTo(before + 1);
    JsonNode letter = letters.path("deadLetters").get(before);
    assertThat(letter.path("subject").asText()).isEqualTo(contact.toString());
    assertThat(letter.path("reason").asText()).contains("400");
    String actionId = letter.path("actionId").asText();

    // when: replayed; HubSpot accepts now
    int count = letters.path("count").asInt();
    HttpResponse<String> replay = post("/dead-letters/" + actionId + "/replay");
    scheduler.advance(Duration.ofSeconds(2));

    // then
    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(replay.body()).path("replayed").asText()).isEqualTo(actionId);
    assertThat(JSON.readTree(get("/dead-letters").body()).path("count").asInt()).isEqualTo(count - 1);
    assertThat(post("/dead-letters/" + actionId + "/replay").statusCode()).isEqualTo(404);
    assertThat(get("/dead-letters/" + actionId + "/replay").statusCode()).isEqualTo(405);
  }

  @Test
  void should_show_a_subject_with_its_recent_audit_and_property_values_redacted() throws Exception {
    // given
    SubjectRef contact = nextContact();
    service.simulator().sendBatch(2);
    scheduler.advance(Duration.ofSeconds(1));

    // when
    HttpResponse<String> subject = get("/subjects/" + contact);

    // then
    assertThat(subject.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(subject.body());
    assertThat(body.path("state").asText()).isEqualTo("RECYCLED");
    assertThat(body.path("properties").path("lifecycle_stage").path("value").asText()).isEqualTo("<5 chars>");
    assertThat(body.path("recentAudit")).hasSize(2);
    assertThat(body.path("recentAudit").get(1).path("signal").path("type").asText()).isEqualTo("DEMO_REQUESTED");
    assertThat(body.path("recentAudit").get(1).path("signal").path("attributes").toString()).contains("propertyName")
        .doesNotContain("true");
    assertThat(subject.body()).doesNotContain("\"other\"");
    assertThat(get("/subjects/contact:404").statusCode()).isEqualTo(404);
    HttpResponse<String> bad = get("/subjects/nobody");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("subject");
  }

  @Test
  void should_stop_intake_drain_and_report_a_clean_stop() throws Exception {
    // given: a service of its own, in memory
    VirtualClock own = VirtualClock.at(T0);
    Service other = Service.start(settings("memory"), own, Optional.of(VirtualScheduler.on(own)));
    other.simulator().sendBatch(2);

    // when
    StopReport report = other.stop();

    // then
    assertThat(report.clean()).isTrue();
    assertThat(report.abandonedSignals()).isZero();
    assertThat(other.runtime().state()).isEqualTo(JourneyRuntime.State.CLOSED);
    assertThat(other.stop()).isSameAs(report);
    assertThatThrownBy(() -> other.simulator().sendBatch(2)).isInstanceOf(java.io.IOException.class);
  }

  @Test
  void should_change_and_show_a_deployment_on_the_admin_port() throws Exception {
    // given a journey of its own in the service's store
    String base = "/deployments/admin-test";
    // when two versions are registered and the second starts at 5% of EMEA entries
    HttpResponse<String> registered = post(base + "/register?who=ana&why=initial&version=1&hash=abc");
    post(base + "/register?who=ana&version=2&source=rules/v2");
    HttpResponse<String> started = post(base + "/start?who=ana&version=2&steps=5,100&pilot=region%3DEMEA");
    HttpResponse<String> status = get(base);
    // then
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(status.body());
    assertThat(body.path("revision").asLong()).isEqualTo(3);
    assertThat(body.path("candidate").path("percent").asInt()).isEqualTo(5);
    assertThat(body.path("candidate").path("pilot").asText()).isEqualTo("region in [EMEA]");
    assertThat(body.path("versions").get(1).path("role").asText()).isEqualTo("candidate");
    assertThat(body.path("versions").get(1).path("pinned").asLong()).isZero();
    assertThat(body.path("history").get(2).path("who").asText()).isEqualTo("ana");
    assertThat(body.path("guardrails").asText())
        .isEqualTo("guardrails: the served journey file defines the metrics of journey 'lead-handoff', not of 'admin-test'");
    // and a change the state refuses is a 400 that names why; GET on a change is a 405
    HttpResponse<String> promote = post(base + "/promote?who=ana");
    assertThat(promote.statusCode()).isEqualTo(400);
    assertThat(promote.body()).contains("is at 5%, not at its last step");
    assertThat(post(base + "/step").statusCode()).isEqualTo(400);
    assertThat(get(base + "/step").statusCode()).isEqualTo(405);
    assertThat(JSON.readTree(get("/deployments").body()).path("journeys").findValuesAsText("journey"))
        .contains("admin-test");
  }

  @Test
  void should_decide_through_the_deployment_of_its_store_with_a_version_loaded_from_its_source() throws Exception {
    // given a SQLite store whose deployment rolls v2 (from its source directory) out to every new entry
    VirtualClock own = VirtualClock.at(T0);
    Path db = tmp.resolve("deployed.db");
    try (dev.journey.jdbc.JdbcPool pool = dev.journey.jdbc.JdbcPool.sqliteFile(db)) {
      dev.journey.core.rollout.Deployments deployments = dev.journey.core.rollout.Deployments
          .builder(dev.journey.jdbc.JdbcJourneyStore.builder(pool).build()).clock(own).build();
      deployments.register("lead-handoff", new dev.journey.core.rollout.RegisteredVersion(
          "lead-handoff", "v1", "", DemoRun.EXAMPLE.resolve("rules/v1").toString(), T0), "ana", "");
      deployments.register("lead-handoff", new dev.journey.core.rollout.RegisteredVersion(
          "lead-handoff", "v2", "", DemoRun.EXAMPLE.resolve("rules/v2").toString(), T0), "ana", "");
      deployments.start("lead-handoff", "v2", List.of(100), dev.journey.core.rollout.PilotScope.everyone(), "ana", "");
    }
    Service other = Service.start(settings("sqlite:" + db), own, Optional.of(VirtualScheduler.on(own)));
    try {
      // when a simulated contact is created and requests a demo
      SubjectRef first = SubjectRef.contact(Long.toString(Simulator.FIRST_CONTACT + other.simulator().sent() / 2));
      other.simulator().sendBatch(2);
      // then v2, compiled from its source, decided, and the audit says so
      assertThat(other.store().store().audit(first)).isNotEmpty().allSatisfy(r -> {
        assertThat(r.decision().ruleSet().version()).isEqualTo("v2");
        assertThat(r.decision().annotations()).containsEntry(dev.journey.core.rollout.DeploymentEvaluator.VERSION, "v2");
      });
      // and the admin port shows v2's guardrail figures from the store's audit trail
      HttpResponse<String> status = http.send(HttpRequest.newBuilder(URI.create(other.adminUri() + "/deployments/lead-handoff"))
          .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(status.body());
      assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
      assertThat(body.path("guardrails").asText()).startsWith("guardrails: from ").contains("audited decision(s)");
      JsonNode v2 = body.path("versions").get(1);
      assertThat(v2.path("version").asText()).isEqualTo("v2");
      assertThat(v2.path("guardrails").findValuesAsText("metric")).isNotEmpty();
      assertThat(v2.path("guardrails").findValues("samples")).anySatisfy(n -> assertThat(n.asLong()).isPositive());
      HttpResponse<String> bad = http.send(HttpRequest.newBuilder(
              URI.create(other.adminUri() + "/deployments/lead-handoff?auditLimit=lots"))
          .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("auditLimit must be a whole number of decisions, but was 'lots'");
    } finally {
      other.stop();
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(service.adminUri() + path)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(service.adminUri() + path)).timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }
}
