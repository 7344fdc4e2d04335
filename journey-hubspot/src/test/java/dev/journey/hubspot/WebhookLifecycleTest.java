package dev.journey.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.hubspot.internal.Signatures;
import dev.journey.testkit.clock.VirtualClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 18, "what a real portal needs": lifecycle events, redacted values, own writes, drift. */
final class WebhookLifecycleTest {
  private static final String SECRET = "lifecycle-secret";
  private static final String URI = "https://hooks.example.com/hubspot";
  private static final String APP = "54321";

  private final VirtualClock clock = VirtualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
  private final List<Signal> stored = new ArrayList<>();

  private WebhookResponse send(WebhookMapping mapping, String... events) {
    String body = "[" + String.join(",", events) + "]";
    String ts = Long.toString(clock.millis());
    WebhookReceiver receiver = WebhookReceiver.builder(SECRET, stored::add).mapping(mapping).clock(clock).build();
    return receiver.handle(WebhookRequest.of("POST", URI,
        Map.of("X-HubSpot-Signature-v3",
            List.of(Signatures.v3(SECRET, "POST", URI, body.getBytes(StandardCharsets.UTF_8), ts)),
            "X-HubSpot-Request-Timestamp", List.of(ts)),
        body.getBytes(StandardCharsets.UTF_8)));
  }

  private static String base(String type, long eventId, String extra) {
    return "{\"eventId\":" + eventId + ",\"subscriptionId\":77,\"portalId\":62515,\"appId\":" + APP
        + ",\"occurredAt\":1772442000000,\"subscriptionType\":\"" + type + "\",\"attemptNumber\":0" + extra + "}";
  }

  @Test
  void should_map_merge_deletion_privacy_deletion_restore_and_association_changes_to_signals() {
    // when
    WebhookResponse answer = send(WebhookMapping.ofDefaults(),
        base("contact.merge", 1, ",\"objectId\":11,\"primaryObjectId\":11,\"mergedObjectIds\":[12,13],"
            + "\"newObjectId\":11,\"changeFlag\":\"MERGED\""),
        base("contact.deletion", 2, ",\"objectId\":14,\"changeFlag\":\"DELETED\""),
        base("contact.privacyDeletion", 3, ",\"objectId\":15,\"changeFlag\":\"DELETED\""),
        base("company.restore", 4, ",\"objectId\":16,\"changeFlag\":\"RESTORED\""),
        base("deal.associationChange", 5, ",\"fromObjectId\":17,\"toObjectId\":18,"
            + "\"associationType\":\"DEAL_TO_CONTACT\",\"associationRemoved\":true"));
    // then
    assertThat(answer.status()).isEqualTo(204);
    assertThat(stored).extracting(Signal::type, Signal::subject).containsExactly(
        tuple(WebhookMapping.SUBJECT_MERGED, SubjectRef.contact("11")),
        tuple(WebhookMapping.SUBJECT_DELETED, SubjectRef.contact("14")),
        tuple(WebhookMapping.SUBJECT_PRIVACY_DELETED, SubjectRef.contact("15")),
        tuple(WebhookMapping.SUBJECT_RESTORED, SubjectRef.company("16")),
        tuple(WebhookMapping.ASSOCIATION_CHANGED, SubjectRef.deal("17")));
    assertThat(stored.get(0).stringAttribute("mergedObjectIds")).hasValue("12,13");
    assertThat(stored.get(0).stringAttribute("newObjectId")).hasValue("11");
    assertThat(stored.get(2).attributes()).containsEntry("erase", true);
    assertThat(stored.get(4).stringAttribute("toObjectId")).hasValue("18");
    assertThat(stored.get(4).stringAttribute("associationType")).hasValue("DEAL_TO_CONTACT");
    assertThat(stored.get(4).attributes()).containsEntry("associationRemoved", true);
  }

  @Test
  void should_quarantine_a_merge_without_merged_ids() {
    // when
    WebhookResponse answer = send(WebhookMapping.ofDefaults(),
        base("contact.merge", 1, ",\"objectId\":11,\"primaryObjectId\":11"));
    // then
    assertThat(answer.quarantined()).containsExactly(
        new QuarantinedEvent(0, "mergedObjectIds must be a non-empty array of ids, but was missing"));
  }

  @Test
  void should_not_pass_a_redacted_sensitive_value_on_as_a_value() {
    // given
    WebhookMapping mapping = WebhookMapping.builder(WebhookMapping.ofDefaults())
        .propertyChange("contact", "hs_sensitive_note", "SENSITIVE_CHANGED").build();
    // when
    send(mapping, base("contact.propertyChange", 1, ",\"objectId\":21,\"propertyName\":\"hs_sensitive_note\","
        + "\"propertyValue\":\"REDACTED\""));
    // then
    assertThat(stored).singleElement().satisfies(s -> {
      assertThat(s.attributes()).doesNotContainKey("propertyValue").containsEntry("propertyValueRedacted", true);
    });
  }

  @Test
  void should_ignore_the_integrations_own_writes_and_report_others_writes_of_owned_properties_as_drift() {
    // given
    WebhookMapping mapping = WebhookMapping.builder(WebhookMapping.ofDefaults())
        .ownAppId(APP)
        .ownedProperty("contact", "hubspot_owner_id")
        .build();
    WebhookReceiver receiver = WebhookReceiver.builder(SECRET, stored::add).mapping(mapping).clock(clock).build();
    String own = base("contact.propertyChange", 1, ",\"objectId\":31,\"propertyName\":\"hubspot_owner_id\","
        + "\"propertyValue\":\"501\",\"changeSource\":\"INTEGRATION\",\"sourceId\":\"" + APP + "\"");
    String rep = base("contact.propertyChange", 2, ",\"objectId\":31,\"propertyName\":\"hubspot_owner_id\","
        + "\"propertyValue\":\"777\",\"changeSource\":\"CRM_UI\",\"sourceId\":\"userId:9001\"");
    String lifecycle = base("contact.propertyChange", 3, ",\"objectId\":31,\"propertyName\":\"lifecyclestage\","
        + "\"propertyValue\":\"salesqualifiedlead\",\"changeSource\":\"API\",\"sourceId\":\"" + APP + "\"");
    String body = "[" + own + "," + rep + "," + lifecycle + "]";
    String ts = Long.toString(clock.millis());
    // when
    WebhookResponse answer = receiver.handle(WebhookRequest.of("POST", URI,
        Map.of("X-HubSpot-Signature-v3",
            List.of(Signatures.v3(SECRET, "POST", URI, body.getBytes(StandardCharsets.UTF_8), ts)),
            "X-HubSpot-Request-Timestamp", List.of(ts)),
        body.getBytes(StandardCharsets.UTF_8)));
    // then
    assertThat(answer.status()).isEqualTo(204);
    assertThat(receiver.ownWritesTotal()).isEqualTo(2);
    assertThat(receiver.driftTotal()).isEqualTo(1);
    assertThat(answer.ignored()).isEqualTo(2);
    assertThat(stored).singleElement().satisfies(s -> {
      assertThat(s.type()).isEqualTo(WebhookMapping.OWNED_PROPERTY_DRIFTED);
      assertThat(s.stringAttribute("propertyValue")).hasValue("777");
      assertThat(s.stringAttribute("changeSource")).hasValue("CRM_UI");
      assertThat(s.stringAttribute("sourceId")).hasValue("userId:9001");
    });
    assertThat(SignalTypes.LIFECYCLE_CHANGED).isNotEqualTo(stored.get(0).type());
  }
}
