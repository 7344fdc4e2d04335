package dev.journey.hubspot;

import dev.journey.testkit.clock.VirtualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.testkit.fake.FakeHubSpot;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

final class WebhookHttpHandlerTest {

  @Test
  void should_accept_a_batch_signed_by_the_fake_through_the_jdk_server() throws Exception {
    // given
    VirtualClock clock = VirtualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    List<Signal> accepted = new CopyOnWriteArrayList<>();
    WebhookReceiver receiver = WebhookReceiver.builder("app-secret", accepted::add).clock(clock).build();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    server.createContext("/hubspot", WebhookHttpHandler.of(receiver, base));
    server.start();
    try (FakeHubSpot hubspot = FakeHubSpot.builder().clock(clock).start()) {
      // when
      int ok = hubspot.sendWebhook(URI.create(base + "/hubspot?tenant=7"), "app-secret", List.of(
          FakeHubSpot.creationEvent("contact", 1, 101, clock.instant()),
          FakeHubSpot.propertyChangeEvent("deal", 2, 9001, clock.instant(), "dealstage", "closedwon")));
      int wrongSecret = hubspot.sendWebhook(URI.create(base + "/hubspot"), "other-secret",
          List.of(FakeHubSpot.creationEvent("contact", 3, 102, clock.instant())));
      // then
      assertThat(ok).isEqualTo(204);
      assertThat(wrongSecret).isEqualTo(401);
      assertThat(accepted).extracting(Signal::subject, Signal::type).containsExactly(
          org.assertj.core.groups.Tuple.tuple(SubjectRef.contact("101"), WebhookMapping.CONTACT_CREATED),
          org.assertj.core.groups.Tuple.tuple(SubjectRef.deal("9001"), SignalTypes.DEAL_STAGE_CHANGED));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void should_read_up_to_the_receivers_configured_body_cap() throws Exception {
    // given: 1,000 events of about 1.7 kB each, a 4 MiB cap
    VirtualClock clock = VirtualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    List<Signal> accepted = new CopyOnWriteArrayList<>();
    WebhookReceiver receiver = WebhookReceiver.builder("app-secret", accepted::add)
        .maxBodyBytes(4 << 20).clock(clock).build();
    List<java.util.Map<String, Object>> events = new java.util.ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      java.util.Map<String, Object> e =
          FakeHubSpot.propertyChangeEvent("contact", i, 5000 + i, clock.instant(), "lifecyclestage", "lead");
      e.put("padding", "p".repeat(1_500));
      events.add(e);
    }
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    server.createContext("/hubspot", WebhookHttpHandler.of(receiver, base));
    server.start();
    try (FakeHubSpot hubspot = FakeHubSpot.builder().clock(clock).start()) {
      // when
      int status = hubspot.sendWebhook(URI.create(base + "/hubspot"), "app-secret", events);
      // then
      assertThat(status).isEqualTo(204);
      assertThat(accepted).hasSize(1000);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void should_keep_quarantined_events_and_say_so_in_the_answer() throws Exception {
    // given
    VirtualClock clock = VirtualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    List<Signal> accepted = new CopyOnWriteArrayList<>();
    WebhookReceiver receiver = WebhookReceiver.builder("app-secret", accepted::add).clock(clock).build();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    server.createContext("/hubspot", WebhookHttpHandler.of(receiver, base));
    server.start();
    java.util.Map<String, Object> invalid = FakeHubSpot.creationEvent("contact", 2, 102, clock.instant());
    invalid.put("objectId", "not-a-number");
    try (FakeHubSpot hubspot = FakeHubSpot.builder().clock(clock).start()) {
      // when
      int status = hubspot.sendWebhook(URI.create(base + "/hubspot"), "app-secret",
          List.of(FakeHubSpot.creationEvent("contact", 1, 101, clock.instant()), invalid));
      // then
      assertThat(status).isEqualTo(200);
      assertThat(accepted).hasSize(1);
      assertThat(receiver.quarantine().list(10)).singleElement().satisfies(q -> {
        assertThat(q.reason()).isEqualTo("objectId must be a whole number, but was string");
        assertThat(q.event()).contains("\"objectId\":\"not-a-number\"");
      });
    } finally {
      server.stop(0);
    }
  }

  @Test
  void should_reject_a_base_url_with_a_path() {
    // given
    WebhookReceiver receiver = WebhookReceiver.builder("s", s -> {}).build();
    // when / then
    assertThatThrownBy(() -> WebhookHttpHandler.of(receiver, "https://hooks.example.com/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("publicBaseUrl must be an absolute http(s) URL without a path, but was 'https://hooks.example.com/x'");
  }
}
