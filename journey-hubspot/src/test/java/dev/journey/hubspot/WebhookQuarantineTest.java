package dev.journey.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.hubspot.QuarantinedWebhookEvent.Kind;
import dev.journey.hubspot.internal.Signatures;
import dev.journey.testkit.clock.VirtualClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 12 items 3 and 12: every event of a batch is stored or quarantined on its own. */
final class WebhookQuarantineTest {
  private static final String SECRET = "quarantine-secret";
  private static final String URI = "https://hooks.example.com/hubspot";

  private final VirtualClock clock = VirtualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
  private final List<Signal> stored = new ArrayList<>();
  private final Set<Long> refusedObjects = new java.util.HashSet<>();

  private final SignalSink sink = s -> {
    long object = Long.parseLong(s.subject().id());
    if (refusedObjects.contains(object)) {
      throw new IllegalStateException("refused " + object);
    }
    stored.add(s);
  };

  private WebhookRequest signed(String body) {
    String ts = Long.toString(clock.millis());
    return WebhookRequest.of("POST", URI,
        Map.of("X-HubSpot-Signature-v3",
            List.of(Signatures.v3(SECRET, "POST", URI, body.getBytes(StandardCharsets.UTF_8), ts)),
            "X-HubSpot-Request-Timestamp", List.of(ts)),
        body.getBytes(StandardCharsets.UTF_8));
  }

  private static String lifecycle(long eventId, String objectId, String value) {
    return WebhookReceiverTest.event("contact.propertyChange", eventId, objectId, "lifecyclestage", value);
  }

  @Test
  void should_store_the_events_after_a_refused_one_and_quarantine_only_the_refused_one() {
    // given
    refusedObjects.add(202L);
    WebhookReceiver receiver = WebhookReceiver.builder(SECRET, sink).clock(clock).build();
    String body = "[" + lifecycle(1, "201", "lead") + "," + lifecycle(2, "202", "customer") + ","
        + lifecycle(3, "203", "lead") + "," + lifecycle(4, "204", "lead") + "]";
    // when
    WebhookResponse answer = receiver.handle(signed(body));
    // then
    assertThat(answer.acknowledged()).isTrue();
    assertThat(stored).extracting(s -> s.subject().id()).containsExactly("201", "203", "204");
    assertThat(answer.quarantined()).containsExactly(
        new QuarantinedEvent(1, "signal sink failed: IllegalStateException"));
    QuarantinedWebhookEvent kept = receiver.quarantine().list(10).get(0);
    assertThat(kept.id()).isEqualTo("hubspot:62515:12345:2:202:1564113600000");
    assertThat(kept.kind()).isEqualTo(Kind.SINK_FAILED);
    assertThat(kept.receivedAt()).isEqualTo(clock.instant());
    assertThat(kept.event()).contains("\"propertyValue\":\"customer\"").contains("\"objectId\":202");
  }

  @Test
  void should_answer_503_only_for_an_event_that_is_neither_stored_nor_quarantined() {
    // given
    refusedObjects.add(301L);
    refusedObjects.add(302L);
    WebhookReceiver receiver = WebhookReceiver.builder(SECRET, sink)
        .quarantine(WebhookQuarantine.inMemory(1)).clock(clock).build();
    String body = "[" + lifecycle(1, "301", "lead") + "," + lifecycle(2, "302", "lead") + ","
        + lifecycle(3, "303", "lead") + "]";
    // when
    WebhookResponse answer = receiver.handle(signed(body));
    // then
    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.rejection().orElseThrow().detail()).startsWith(
        "1 of 3 events could be neither stored nor quarantined, first hubspot:62515:12345:2:302:");
    assertThat(stored).extracting(s -> s.subject().id()).containsExactly("303");
    assertThat(receiver.quarantine().list(10)).extracting(QuarantinedWebhookEvent::id)
        .containsExactly("hubspot:62515:12345:1:301:1564113600000");
  }

  @Test
  void should_keep_an_invalid_event_with_personal_data_redacted() {
    // given
    WebhookReceiver receiver = WebhookReceiver.builder(SECRET, sink).clock(clock).build();
    String invalid = "{\"eventId\":\"seven\",\"portalId\":62515,\"subscriptionType\":\"contact.propertyChange\","
        + "\"propertyName\":\"firstname\",\"propertyValue\":\"Ann\",\"note\":\"mail ann@example.com\"}";
    // when
    WebhookResponse first = receiver.handle(signed("[" + invalid + "]"));
    WebhookResponse redelivered = receiver.handle(signed("[" + invalid + "]"));
    // then
    assertThat(first.status()).isEqualTo(200);
    assertThat(redelivered.status()).isEqualTo(200);
    assertThat(receiver.quarantine().size()).isEqualTo(1);
    QuarantinedWebhookEvent kept = receiver.quarantine().list(1).get(0);
    assertThat(kept.kind()).isEqualTo(Kind.INVALID_EVENT);
    assertThat(kept.id()).startsWith("hubspot-invalid:").hasSize("hubspot-invalid:".length() + 32);
    assertThat(kept.reason()).isEqualTo("subscriptionId must be a whole number, but was missing");
    assertThat(kept.event())
        .contains("\"propertyValue\":\"[redacted]\"", "\"note\":\"[redacted]\"", "\"propertyName\":\"firstname\"")
        .doesNotContain("Ann", "ann@example.com");
    assertThat(kept.toString()).doesNotContain("Ann", "example.com");
  }

  @Test
  void should_resubmit_a_quarantined_event_once_the_sink_takes_it_and_then_forget_it() {
    // given
    refusedObjects.add(401L);
    WebhookReceiver receiver = WebhookReceiver.builder(SECRET, sink).clock(clock).build();
    receiver.handle(signed("[" + lifecycle(1, "401", "customer") + "]"));
    String id = receiver.quarantine().list(1).get(0).id();
    WebhookResponse stillRefused = receiver.resubmit(id);
    refusedObjects.clear();
    // when
    WebhookResponse answer = receiver.resubmit(id);
    // then
    assertThat(stillRefused.status()).isEqualTo(200);
    assertThat(answer.status()).isEqualTo(204);
    assertThat(stored).singleElement().satisfies(s -> {
      assertThat(s.id()).isEqualTo(id);
      assertThat(s.type()).isEqualTo(SignalTypes.LIFECYCLE_CHANGED);
      assertThat(s.stringAttribute("propertyValue")).hasValue("customer");
    });
    assertThat(receiver.quarantine().size()).isZero();
    assertThatThrownBy(() -> receiver.resubmit(id))
        .isInstanceOf(WebhookResubmitException.class)
        .hasMessage("quarantined webhook event " + id + " cannot be re-submitted: no quarantined event has this id");
  }

  @Test
  void should_cap_the_kept_text_and_refuse_to_resubmit_a_cut_event() {
    // given
    WebhookReceiver receiver = WebhookReceiver.builder(SECRET, sink).clock(clock).build();
    String huge = "{\"subscriptionType\":7,\"padding\":\"" + "x".repeat(20_000) + "\"}";
    // when
    receiver.handle(signed("[" + huge + "]"));
    // then
    QuarantinedWebhookEvent kept = receiver.quarantine().list(1).get(0);
    assertThat(kept.truncated()).isTrue();
    assertThat(kept.event()).hasSize(QuarantinedWebhookEvent.MAX_EVENT_CHARS);
    assertThatThrownBy(() -> receiver.resubmit(kept.id()))
        .isInstanceOf(WebhookResubmitException.class)
        .hasMessageEndingWith("cannot be re-submitted: its text was cut to 8192 characters");
  }

  @Test
  void should_keep_refused_events_in_the_stores_quarantine_area_and_resubmit_them_from_there() {
    // given
    refusedObjects.add(501L);
    dev.journey.core.memory.InMemoryJourneyStore store = dev.journey.core.memory.InMemoryJourneyStore.create();
    WebhookReceiver receiver = WebhookReceiver.builder(SECRET, sink)
        .quarantine(WebhookQuarantine.of(store)).clock(clock).build();
    receiver.handle(signed("[" + lifecycle(1, "501", "lead") + ",{\"subscriptionType\":7}]"));
    // when
    List<dev.journey.core.spi.QuarantinedInput> inStore = store.quarantined();
    refusedObjects.clear();
    WebhookResponse resubmitted = receiver.resubmit("hubspot:62515:12345:1:501:1564113600000");
    // then
    assertThat(inStore).extracting(dev.journey.core.spi.QuarantinedInput::kind)
        .containsOnly(dev.journey.core.spi.QuarantinedInput.Kind.EXTERNAL_EVENT).hasSize(2);
    assertThat(inStore.get(0).reason()).isEqualTo("SINK_FAILED: signal sink failed: IllegalStateException");
    assertThat(resubmitted.status()).isEqualTo(204);
    assertThat(stored).extracting(s -> s.subject().id()).containsExactly("501");
    assertThat(receiver.quarantine().list(10)).singleElement().satisfies(q -> {
      assertThat(q.kind()).isEqualTo(Kind.INVALID_EVENT);
      assertThat(q.reason()).isEqualTo("subscriptionType must be a string, but was number");
    });
    assertThat(store.quarantined()).hasSize(1);
  }

  @Test
  void should_refuse_a_put_beyond_capacity_without_dropping_what_it_holds() {
    // given
    WebhookQuarantine q = WebhookQuarantine.inMemory(1);
    QuarantinedWebhookEvent a = new QuarantinedWebhookEvent("a", Kind.INVALID_EVENT, "r", "{}", false, clock.instant());
    QuarantinedWebhookEvent b = new QuarantinedWebhookEvent("b", Kind.INVALID_EVENT, "r", "{}", false, clock.instant());
    q.put(a);
    // when / then
    assertThatThrownBy(() -> q.put(b))
        .isInstanceOf(WebhookQuarantineFullException.class)
        .hasMessage("webhook quarantine must keep at most 1 events, but is full; not kept: b"
            + " (inspect, re-submit or remove quarantined events)");
    q.put(a);
    assertThat(q.list(5)).containsExactly(a);
  }
}
