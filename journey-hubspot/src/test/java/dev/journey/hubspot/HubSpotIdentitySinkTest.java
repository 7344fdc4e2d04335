package dev.journey.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Alias;
import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.identity.IdentityResolver;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.state.JourneyModel;
import dev.journey.hubspot.internal.Signatures;
import dev.journey.testkit.clock.VirtualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HubSpot's merge, deletion and association webhooks applied to the identity graph. */
final class HubSpotIdentitySinkTest {
  private static final String SECRET = "identity-secret";
  private static final String URI = "https://hooks.example.com/hubspot";
  private static final JavaRuleSet RULES =
      JavaRuleSet.builder("hubspot-identity", "1")
          .rule(
              "demo starts an SLA",
              f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED),
              (f, d) -> d.transitionTo(JourneyModel.SALES_ENGAGED).startTimer("sla", f.now().plus(Duration.ofHours(2))))
          .build();

  private final VirtualClock clock = VirtualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
  private final InMemoryJourneyStore store = InMemoryJourneyStore.create();
  private final IdentityResolver identity =
      IdentityResolver.builder().store(store).model(JourneyModel.leadHandoff()).clock(clock).build();
  private final JourneyEngine engine =
      JourneyEngine.builder()
          .definition(JourneyDefinition.builder("lead-handoff").model(JourneyModel.leadHandoff()).evaluator(RULES).build())
          .store(store)
          .clock(clock)
          .identity(identity)
          .build();
  private final WebhookReceiver receiver =
      WebhookReceiver.builder(SECRET, HubSpotIdentitySink.of(engine::accept, identity, store))
          .mapping(WebhookMapping.ofDefaults())
          .clock(clock)
          .build();

  private WebhookResponse send(String... events) {
    String body = "[" + String.join(",", events) + "]";
    String ts = Long.toString(clock.millis());
    return receiver.handle(WebhookRequest.of("POST", URI,
        Map.of("X-HubSpot-Signature-v3",
            List.of(Signatures.v3(SECRET, "POST", URI, body.getBytes(StandardCharsets.UTF_8), ts)),
            "X-HubSpot-Request-Timestamp", List.of(ts)),
        body.getBytes(StandardCharsets.UTF_8)));
  }

  private static String event(String type, long eventId, String extra) {
    return "{\"eventId\":" + eventId + ",\"subscriptionId\":77,\"portalId\":62515,\"appId\":1,"
        + "\"occurredAt\":1772442000000,\"subscriptionType\":\"" + type + "\",\"attemptNumber\":0" + extra + "}";
  }

  private void demo(String contact) {
    engine.accept(Signal.builder().id("demo-" + contact).subject(SubjectRef.contact(contact))
        .type(SignalTypes.DEMO_REQUESTED).occurredAt(clock.instant()).source("hubspot").build());
  }

  @Test
  void should_fold_a_contact_merge_into_the_primary_once_even_when_redelivered() {
    // given
    demo("11");
    demo("12");
    String merge = event("contact.merge", 1, ",\"objectId\":11,\"primaryObjectId\":11,\"mergedObjectIds\":[12]");

    // when
    WebhookResponse first = send(merge);
    WebhookResponse again = send(merge);

    // then
    assertThat(first.status()).isEqualTo(204);
    assertThat(again.status()).isEqualTo(204);
    assertThat(store.load(SubjectRef.contact("12"))).isEmpty();
    assertThat(store.load(SubjectRef.contact("11")).orElseThrow().timers()).containsOnlyKeys("sla");
    assertThat(store.resolve(Alias.subject(SubjectRef.contact("12")))).contains(SubjectRef.contact("11"));
    assertThat(store.audit(SubjectRef.contact("11"))).hasSize(2);
    assertThat(store.nextTimerDue()).isPresent();
  }

  @Test
  void should_link_and_unlink_a_contact_and_its_company_from_either_side() {
    // given
    demo("11");

    // when
    send(event("company.associationChange", 1, ",\"fromObjectId\":77,\"toObjectId\":11,"
        + "\"associationType\":\"COMPANY_TO_CONTACT\",\"associationRemoved\":false"));

    // then
    assertThat(identity.accountOf(SubjectRef.contact("11"))).contains(SubjectRef.company("77"));

    // when
    send(event("contact.associationChange", 2, ",\"fromObjectId\":11,\"toObjectId\":77,"
        + "\"associationType\":\"CONTACT_TO_COMPANY\",\"associationRemoved\":true"));

    // then
    assertThat(identity.accountOf(SubjectRef.contact("11"))).isEmpty();
  }

  @Test
  void should_erase_a_privacy_deleted_contact_with_its_aliases_and_merged_duplicates() {
    // given
    demo("11");
    demo("12");
    send(event("contact.merge", 1, ",\"objectId\":11,\"primaryObjectId\":11,\"mergedObjectIds\":[12]"));

    // when
    WebhookResponse answer = send(event("contact.privacyDeletion", 2, ",\"objectId\":12"));

    // then: the deletion names the merged id; the person it belongs to is erased
    assertThat(answer.status()).isEqualTo(204);
    assertThat(store.load(SubjectRef.contact("11"))).isEmpty();
    assertThat(store.audit(SubjectRef.contact("11"))).isEmpty();
    assertThat(store.audit(SubjectRef.contact("12"))).isEmpty();
    assertThat(store.resolve(Alias.subject(SubjectRef.contact("12")))).isEmpty();
    assertThat(store.nextTimerDue()).isEmpty();
  }
}
