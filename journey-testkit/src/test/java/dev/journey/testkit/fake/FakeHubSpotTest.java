package dev.journey.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

final class FakeHubSpotTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  private HttpResponse<String> call(FakeHubSpot fake, String method, String path, String body, String token)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fake.baseUri() + path))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json");
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void should_upsert_on_the_unique_property_without_duplicating() throws Exception {
    try (FakeHubSpot fake = FakeHubSpot.builder().clock(CLOCK).start()) {
      // given
      String body = "{\"inputs\":[{\"idProperty\":\"journey_action_id\",\"id\":\"a-1\",\"objectWriteTraceId\":\"a-1\","
          + "\"properties\":{\"hs_timestamp\":\"2026-03-02T10:00:00Z\",\"hs_task_subject\":\"Call\"}}]}";
      // when
      HttpResponse<String> first = call(fake, "POST", "/crm/v3/objects/tasks/batch/upsert", body, FakeHubSpot.TOKEN);
      HttpResponse<String> second = call(fake, "POST", "/crm/v3/objects/tasks/batch/upsert", body, FakeHubSpot.TOKEN);
      // then
      assertThat(first.statusCode()).isEqualTo(200);
      JsonNode result = json.readTree(second.body()).get("results").get(0);
      assertThat(result.get("new").asBoolean()).isFalse();
      assertThat(result.get("objectWriteTraceId").asText()).isEqualTo("a-1");
      assertThat(fake.tasks()).hasSize(1);
      assertThat(first.headers().firstValue("X-HubSpot-RateLimit-Remaining")).hasValue("99");
    }
  }

  @Test
  void should_reject_requests_that_break_the_spec_requirements() throws Exception {
    try (FakeHubSpot fake = FakeHubSpot.builder().clock(CLOCK).start()) {
      // given
      fake.addContact("1");
      // when
      HttpResponse<String> noInputs = call(fake, "POST", "/crm/v3/objects/contacts/batch/update", "{}", FakeHubSpot.TOKEN);
      HttpResponse<String> noTimestamp = call(fake, "POST", "/crm/v3/objects/tasks/batch/upsert",
          "{\"inputs\":[{\"idProperty\":\"journey_action_id\",\"id\":\"x\",\"properties\":{}}]}", FakeHubSpot.TOKEN);
      HttpResponse<String> noUser = call(fake, "POST", "/automation/v4/sequences/enrollments",
          "{\"contactId\":\"1\",\"sequenceId\":\"2\",\"senderEmail\":\"a@b.c\"}", FakeHubSpot.TOKEN);
      HttpResponse<String> badToken = call(fake, "GET", "/crm/v3/owners/1", null, "nope");
      // then
      assertThat(noInputs.statusCode()).isEqualTo(400);
      assertThat(json.readTree(noInputs.body()).get("category").asText()).isEqualTo("VALIDATION_ERROR");
      assertThat(noTimestamp.statusCode()).isEqualTo(400);
      assertThat(noUser.statusCode()).isEqualTo(400);
      assertThat(badToken.statusCode()).isEqualTo(401);
    }
  }

  @Test
  void should_answer_multi_status_for_missing_records() throws Exception {
    try (FakeHubSpot fake = FakeHubSpot.builder().clock(CLOCK).start()) {
      // given
      fake.addContact("1");
      String body = "{\"inputs\":[{\"id\":\"1\",\"properties\":{\"a\":\"b\"}},{\"id\":\"2\",\"properties\":{\"a\":\"b\"}}]}";
      // when
      HttpResponse<String> response = call(fake, "POST", "/crm/v3/objects/contacts/batch/update", body, FakeHubSpot.TOKEN);
      // then
      assertThat(response.statusCode()).isEqualTo(207);
      JsonNode error = json.readTree(response.body()).get("errors").get(0);
      assertThat(error.get("category").asText()).isEqualTo("OBJECT_NOT_FOUND");
      assertThat(error.get("context").get("ids").get(0).asText()).isEqualTo("2");
      assertThat(fake.contact("1").orElseThrow()).containsEntry("a", "b");
    }
  }

  @Test
  void should_answer_429_with_hubspot_body_when_its_window_is_full() throws Exception {
    try (FakeHubSpot fake = FakeHubSpot.builder().clock(CLOCK).rateLimit(2, 0).start()) {
      // given
      fake.addOwner("1", 11, "o@example.com");
      // when
      call(fake, "GET", "/crm/v3/owners/1", null, FakeHubSpot.TOKEN);
      call(fake, "GET", "/crm/v3/owners/1", null, FakeHubSpot.TOKEN);
      HttpResponse<String> third = call(fake, "GET", "/crm/v3/owners/1", null, FakeHubSpot.TOKEN);
      // then
      assertThat(third.statusCode()).isEqualTo(429);
      assertThat(json.readTree(third.body()).get("policyName").asText()).isEqualTo("TEN_SECONDLY_ROLLING");
      assertThat(fake.rateLimitedCount()).isEqualTo(1);
      assertThat(fake.requests()).hasSize(3);
    }
  }

  @Test
  void should_apply_then_drop_the_connection_when_asked() throws Exception {
    try (FakeHubSpot fake = FakeHubSpot.builder().clock(CLOCK).start()) {
      // given
      fake.addContact("1");
      fake.addList("7");
      fake.dropAfterApplyNext(r -> r.path().startsWith("/crm/v3/lists/"));
      // when / then
      assertThatThrownBy(() -> call(fake, "PUT", "/crm/v3/lists/7/memberships/add", "[\"1\"]", FakeHubSpot.TOKEN))
          .isInstanceOf(IOException.class);
      assertThat(fake.listMembers("7")).containsExactly("1");
    }
  }

  @Test
  void should_send_webhooks_signed_with_v3() throws Exception {
    // given
    HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    AtomicReference<String> signature = new AtomicReference<>();
    AtomicReference<String> timestamp = new AtomicReference<>();
    AtomicReference<byte[]> body = new AtomicReference<>();
    receiver.createContext("/hooks", exchange -> {
      signature.set(exchange.getRequestHeaders().getFirst("X-HubSpot-Signature-v3"));
      timestamp.set(exchange.getRequestHeaders().getFirst("X-HubSpot-Request-Timestamp"));
      body.set(exchange.getRequestBody().readAllBytes());
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    URI target = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks");
    try (FakeHubSpot fake = FakeHubSpot.builder().clock(CLOCK).start()) {
      // when
      int status = fake.sendWebhook(target, "secret",
          List.of(FakeHubSpot.creationEvent("contact", 1, 101, CLOCK.instant())));
      // then
      assertThat(status).isEqualTo(204);
      assertThat(timestamp.get()).isEqualTo(Long.toString(CLOCK.millis()));
      assertThat(signature.get())
          .isEqualTo(FakeHubSpot.signV3("secret", "POST", target.toString(), body.get(), timestamp.get()));
      JsonNode event = json.readTree(new String(body.get(), StandardCharsets.UTF_8)).get(0);
      assertThat(event.get("subscriptionType").asText()).isEqualTo("contact.creation");
    } finally {
      receiver.stop(0);
    }
  }
}
