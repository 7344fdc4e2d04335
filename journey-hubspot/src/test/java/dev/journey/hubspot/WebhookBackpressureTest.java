package dev.journey.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.runtime.JourneyRuntime;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.state.JourneyModel;
import dev.journey.hubspot.internal.Signatures;
import dev.journey.testkit.clock.VirtualClock;
import dev.journey.testkit.clock.VirtualScheduler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Backpressure at the webhook: a signal the runtime's intake refuses is not poison. The batch is
 * answered 503 with {@code Retry-After}, nothing of it is quarantined, and every event of a batch
 * answered 2xx is in the store.
 */
final class WebhookBackpressureTest {
  private static final String SECRET = "app-secret";
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  @Test
  void should_answer_503_with_retry_after_while_the_intake_refuses_and_store_the_redelivery()
      throws Exception {
    // given: a runtime that is not running yet, behind the receiver and the JDK server
    VirtualClock clock = VirtualClock.at(T0);
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    JourneyEngine engine =
        JourneyEngine.builder()
            .definition(
                JourneyDefinition.of(
                    "lead-handoff",
                    JourneyModel.leadHandoff(),
                    JavaRuleSet.builder("lead-handoff", "1").build()))
            .store(store)
            .clock(clock)
            .build();
    JourneyRuntime runtime =
        JourneyRuntime.builder(engine, (action, attempt) -> ExecutionResult.done())
            .scheduler(VirtualScheduler.on(clock))
            .build();
    WebhookReceiver receiver = WebhookReceiver.builder(SECRET, runtime::accept).clock(clock).build();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    server.createContext("/hubspot", WebhookHttpHandler.of(receiver, base));
    server.start();
    String body =
        "[{\"eventId\":1,\"subscriptionId\":7,\"portalId\":62515,\"occurredAt\":" + T0.toEpochMilli()
            + ",\"subscriptionType\":\"contact.creation\",\"attemptNumber\":0,\"objectId\":101},"
            + "{\"eventId\":2,\"subscriptionId\":7,\"portalId\":62515,\"occurredAt\":" + T0.toEpochMilli()
            + ",\"subscriptionType\":\"contact.creation\",\"attemptNumber\":0,\"objectId\":102}]";
    try {
      // when: the intake refuses
      HttpResponse<String> busy = post(base + "/hubspot", body, clock);

      // then: 503 with Retry-After, nothing stored and nothing quarantined
      assertThat(busy.statusCode()).isEqualTo(503);
      assertThat(busy.headers().firstValue("Retry-After")).hasValueSatisfying(
          v -> assertThat(Long.parseLong(v)).isPositive());
      assertThat(busy.body()).startsWith("busy: retry after ");
      assertThat(receiver.quarantine().size()).isZero();
      assertThat(store.load(SubjectRef.contact("101"))).isEmpty();

      // when: the runtime runs and HubSpot redelivers the batch
      runtime.start();
      HttpResponse<String> ok = post(base + "/hubspot", body, clock);

      // then: acknowledged, and both events are in the store
      assertThat(ok.statusCode()).isEqualTo(204);
      assertThat(ok.headers().firstValue("Retry-After")).isEmpty();
      assertThat(store.load(SubjectRef.contact("101"))).isPresent();
      assertThat(store.load(SubjectRef.contact("102"))).isPresent();
    } finally {
      runtime.close(Duration.ofSeconds(5));
      server.stop(0);
    }
  }

  private static HttpResponse<String> post(String uri, String body, VirtualClock clock) throws Exception {
    String ts = Long.toString(clock.instant().toEpochMilli());
    String signature =
        Signatures.v3(SECRET, "POST", uri, body.getBytes(StandardCharsets.UTF_8), ts);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(uri))
            .header("X-HubSpot-Signature-v3", signature)
            .header("X-HubSpot-Request-Timestamp", ts)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }
}
