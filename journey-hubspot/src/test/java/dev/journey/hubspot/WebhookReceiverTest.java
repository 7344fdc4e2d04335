package dev.journey.hubspot;

import dev.journey.testkit.clock.VirtualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.hubspot.WebhookResponse.Reason;
import dev.journey.hubspot.internal.Signatures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

final class WebhookReceiverTest {
  // HubSpot's published test data (request validation guide) and the v3 vectors of the facts sheet.
  private static final String SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
  private static final String V1_BODY =
      "[{\"eventId\":1,\"subscriptionId\":12345,\"portalId\":62515,\"occurredAt\":1564113600000,"
          + "\"subscriptionType\":\"contact.creation\",\"attemptNumber\":0,\"objectId\":123,"
          + "\"changeSource\":\"CRM\",\"changeFlag\":\"NEW\",\"appId\":54321}]";
  private static final String URI = "https://www.example.com/webhook_uri";
  private static final String TS = "1564113600000";
  private static final String V3 = "DxmVAjFNa2xfF3YgQjdZP6TNcok9k1oaH7UXombPtvw=";
  private static final String V3_QUERY_URI = "https://www.example.com/webhook_uri?a=b%3Ac&x=%2Fy";
  private static final String V3_QUERY = "ASawFYh6bJHg+37iGcOsPx8RD5uH2b/yVa5Y9WEpik0=";

  private final VirtualClock clock = VirtualClock.at(Instant.ofEpochMilli(1564113600000L).plusSeconds(30));
  private final List<Signal> accepted = new ArrayList<>();

  private WebhookReceiver receiver() {
    return WebhookReceiver.builder(SECRET, accepted::add).clock(clock).build();
  }

  private static WebhookRequest v3(String method, String uri, String body, String ts, String signature) {
    return WebhookRequest.of(method, uri,
        Map.of("x-hubspot-signature-v3", List.of(signature), "X-HubSpot-Request-Timestamp", List.of(ts)),
        body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void should_match_hubspot_v1_and_v2_test_vectors() {
    // given / when / then
    assertThat(Signatures.v1(SECRET, V1_BODY.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de");
    assertThat(Signatures.v2(SECRET, "GET", URI, new byte[0]))
        .isEqualTo("eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e");
    assertThat(Signatures.v2(SECRET, "POST", URI,
            "{\"example_field\":\"example_value\"}".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900");
  }

  @Test
  void should_match_v3_vectors_including_percent_decoding() {
    // given / when / then
    assertThat(Signatures.v3(SECRET, "POST", URI, V1_BODY.getBytes(StandardCharsets.UTF_8), TS)).isEqualTo(V3);
    assertThat(Signatures.v3(SECRET, "POST", V3_QUERY_URI, V1_BODY.getBytes(StandardCharsets.UTF_8), TS))
        .isEqualTo(V3_QUERY);
    assertThat(Signatures.decodeUri("https://x/p?a=b%3ac&c=%2f%20%41")).isEqualTo("https://x/p?a=b:c&c=/%20%41");
  }

  @Test
  void should_accept_the_v3_vector_and_hand_the_signal_to_the_sink() {
    // given
    WebhookReceiver receiver = receiver();
    // when
    WebhookResponse answer = receiver.handle(v3("POST", URI, V1_BODY, TS, V3));
    // then
    assertThat(answer.status()).isEqualTo(204);
    assertThat(answer.rejection()).isEmpty();
    assertThat(accepted).hasSize(1);
    Signal signal = accepted.get(0);
    assertThat(signal.id()).isEqualTo("hubspot:62515:12345:1:123:1564113600000");
    assertThat(signal.subject()).isEqualTo(SubjectRef.contact("123"));
    assertThat(signal.type()).isEqualTo(WebhookMapping.CONTACT_CREATED);
    assertThat(signal.occurredAt()).isEqualTo(Instant.ofEpochMilli(1564113600000L));
    assertThat(signal.source()).isEqualTo("hubspot");
  }

  @Test
  void should_accept_the_query_vector() {
    // when
    WebhookResponse answer = receiver().handle(v3("POST", V3_QUERY_URI, V1_BODY, TS, V3_QUERY));
    // then
    assertThat(answer.acknowledged()).isTrue();
  }

  @Test
  void should_reject_each_tampered_variant() {
    // given
    WebhookReceiver receiver = receiver();
    String signedForPut = Signatures.v3(SECRET, "PUT", URI, V1_BODY.getBytes(StandardCharsets.UTF_8), TS);
    String tamperedBody = V1_BODY.replace("\"objectId\":123", "\"objectId\":124");
    // when / then
    assertThat(receiver.handle(v3("POST", URI, V1_BODY, TS, signedForPut)).rejection())
        .hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(Reason.BAD_SIGNATURE));
    assertThat(receiver.handle(v3("POST", URI + "x", V1_BODY, TS, V3)).rejection())
        .hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(Reason.BAD_SIGNATURE));
    assertThat(receiver.handle(v3("POST", URI, tamperedBody, TS, V3)).rejection())
        .hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(Reason.BAD_SIGNATURE));
    assertThat(receiver.handle(v3("POST", URI, V1_BODY, "1564113600001", V3)).rejection())
        .hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(Reason.BAD_SIGNATURE));
    assertThat(receiver.handle(v3("PUT", URI, V1_BODY, TS, V3)).status()).isEqualTo(405);
    assertThat(accepted).isEmpty();
  }

  @Test
  void should_reject_stale_and_future_timestamps() {
    // given
    WebhookReceiver receiver = receiver();
    // when
    clock.set(Instant.ofEpochMilli(1564113600000L).plus(Duration.ofMinutes(5)).plusMillis(1));
    WebhookResponse stale = receiver.handle(v3("POST", URI, V1_BODY, TS, V3));
    clock.set(Instant.ofEpochMilli(1564113600000L).minusSeconds(61));
    WebhookResponse future = receiver.handle(v3("POST", URI, V1_BODY, TS, V3));
    clock.set(Instant.ofEpochMilli(1564113600000L).plus(Duration.ofMinutes(5)));
    WebhookResponse edge = receiver.handle(v3("POST", URI, V1_BODY, TS, V3));
    // then
    assertThat(stale.status()).isEqualTo(401);
    assertThat(stale.rejection().orElseThrow().reason()).isEqualTo(Reason.STALE_TIMESTAMP);
    assertThat(future.rejection().orElseThrow().reason()).isEqualTo(Reason.FUTURE_TIMESTAMP);
    assertThat(edge.acknowledged()).isTrue();
  }

  @Test
  void should_accept_v1_and_v2_only_when_enabled() {
    // given
    Map<String, List<String>> v1Headers = Map.of(
        "X-HubSpot-Signature", List.of("232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de"),
        "X-HubSpot-Signature-Version", List.of("v1"));
    WebhookRequest request = WebhookRequest.of("POST", URI, v1Headers, V1_BODY.getBytes(StandardCharsets.UTF_8));
    WebhookReceiver strict = receiver();
    WebhookReceiver lenient = WebhookReceiver.builder(SECRET, accepted::add).clock(clock).allowV1(true).build();
    // when
    WebhookResponse refused = strict.handle(request);
    WebhookResponse allowed = lenient.handle(request);
    // then
    assertThat(refused.rejection().orElseThrow().reason()).isEqualTo(Reason.MISSING_SIGNATURE);
    assertThat(refused.rejection().orElseThrow().detail())
        .isEqualTo("signature must be one of v3, but was a v1 signature, which is not enabled");
    assertThat(allowed.acknowledged()).isTrue();
  }

  @Test
  void should_accept_a_v2_signature_only_when_v2_is_enabled() {
    // given
    String body = "[{\"eventId\":9,\"subscriptionId\":1,\"portalId\":62515,\"occurredAt\":1564113600000,"
        + "\"subscriptionType\":\"deal.creation\",\"objectId\":77}]";
    String v2 = Signatures.v2(SECRET, "POST", URI, body.getBytes(StandardCharsets.UTF_8));
    WebhookRequest request = WebhookRequest.of("POST", URI,
        Map.of("X-HubSpot-Signature", List.of(v2), "X-HubSpot-Signature-Version", List.of("v2")),
        body.getBytes(StandardCharsets.UTF_8));
    WebhookRequest tampered = WebhookRequest.of("POST", URI + "?x=1",
        Map.of("X-HubSpot-Signature", List.of(v2), "X-HubSpot-Signature-Version", List.of("v2")),
        body.getBytes(StandardCharsets.UTF_8));
    WebhookReceiver v1Only = WebhookReceiver.builder(SECRET, accepted::add).clock(clock).allowV1(true).build();
    WebhookReceiver v2Too = WebhookReceiver.builder(SECRET, accepted::add).clock(clock).allowV2(true).build();
    // when
    WebhookResponse refused = v1Only.handle(request);
    WebhookResponse allowed = v2Too.handle(request);
    WebhookResponse wrongUri = v2Too.handle(tampered);
    // then
    assertThat(refused.rejection().orElseThrow().reason()).isEqualTo(Reason.MISSING_SIGNATURE);
    assertThat(allowed.accepted()).extracting(Signal::subject).containsExactly(SubjectRef.deal("77"));
    assertThat(wrongUri.rejection().orElseThrow().reason()).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void should_reject_a_malformed_body_as_a_whole() {
    // given
    WebhookReceiver receiver = receiver();
    String broken = "[{\"eventId\":1,";
    String notArray = "{\"eventId\":1}";
    String deep = "[" + "[".repeat(50) + "]".repeat(50) + "]";
    // when
    WebhookResponse a = receiver.handle(signed(broken));
    WebhookResponse b = receiver.handle(signed(notArray));
    WebhookResponse c = receiver.handle(signed(deep));
    // then
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.rejection().orElseThrow().reason()).isEqualTo(Reason.MALFORMED_BODY);
    assertThat(b.rejection().orElseThrow().detail()).isEqualTo("body must be a JSON array of events, but was object");
    assertThat(c.rejection().orElseThrow().reason()).isEqualTo(Reason.MALFORMED_BODY);
    assertThat(accepted).isEmpty();
  }

  @Test
  void should_reject_a_body_over_the_cap_before_checking_anything_else() {
    // given
    WebhookReceiver receiver = WebhookReceiver.builder(SECRET, accepted::add).clock(clock).maxBodyBytes(100).build();
    // when
    WebhookResponse answer = receiver.handle(v3("POST", URI, V1_BODY, TS, V3));
    // then
    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.rejection().orElseThrow().detail())
        .isEqualTo("body must be at most 100 bytes, but was " + V1_BODY.length());
  }

  @Test
  void should_quarantine_an_invalid_event_and_ignore_unmapped_ones() {
    // given
    String body = "[" + event("contact.creation", 1, "7", null, null)
        + "," + event("contact.creation", 2, "\"x\"", null, null)
        + "," + event("contact.propertyChange", 3, "8", "lifecyclestage", "customer")
        + "," + event("contact.propertyChange", 4, "8", "firstname", "Ann")
        + "," + event("ticket.creation", 5, "9", null, null)
        + "," + event("deal.propertyChange", 6, "90000000001", "dealstage", "closedwon")
        + ",42]";
    WebhookReceiver receiver = receiver();
    // when
    WebhookResponse answer = receiver.handle(signed(body));
    // then
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("accepted 3, quarantined 2, ignored 2");
    assertThat(receiver.quarantine().size()).isEqualTo(2);
    assertThat(answer.accepted()).extracting(Signal::type)
        .containsExactly(WebhookMapping.CONTACT_CREATED, SignalTypes.LIFECYCLE_CHANGED, SignalTypes.DEAL_STAGE_CHANGED);
    assertThat(answer.accepted().get(2).subject()).isEqualTo(SubjectRef.deal("90000000001"));
    assertThat(answer.accepted().get(1).stringAttribute("propertyValue")).hasValue("customer");
    assertThat(answer.quarantined()).containsExactly(
        new QuarantinedEvent(1, "objectId must be a whole number, but was string"),
        new QuarantinedEvent(6, "event must be a JSON object, but was number"));
    assertThat(answer.ignored()).isEqualTo(2);
    assertThat(receiver.ignoredTotal()).isEqualTo(2);
    assertThat(accepted).hasSize(3);
  }

  @Test
  void should_not_acknowledge_when_the_sink_and_the_quarantine_both_fail() {
    // given
    WebhookQuarantine broken = new WebhookQuarantine() {
      @Override
      public void put(QuarantinedWebhookEvent event) {
        throw new IllegalStateException("store down");
      }

      @Override
      public List<QuarantinedWebhookEvent> list(int limit) {
        return List.of();
      }

      @Override
      public java.util.Optional<QuarantinedWebhookEvent> get(String id) {
        return java.util.Optional.empty();
      }

      @Override
      public boolean remove(String id) {
        return false;
      }

      @Override
      public int size() {
        return 0;
      }
    };
    WebhookReceiver receiver = WebhookReceiver.builder(SECRET, s -> {
      throw new IllegalStateException("store down");
    }).quarantine(broken).clock(clock).build();
    // when
    WebhookResponse answer = receiver.handle(v3("POST", URI, V1_BODY, TS, V3));
    // then
    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.acknowledged()).isFalse();
    assertThat(answer.rejection().orElseThrow().reason()).isEqualTo(Reason.SINK_FAILED);
    assertThat(answer.rejection().orElseThrow().detail())
        .isEqualTo("1 of 1 events could be neither stored nor quarantined, first hubspot:62515:12345:1:123:1564113600000"
            + " (SINK_FAILED; quarantine failed: IllegalStateException)");
  }

  @Test
  void should_give_a_redelivered_event_the_same_signal_id() {
    // given
    WebhookReceiver receiver = receiver();
    // when
    receiver.handle(v3("POST", URI, V1_BODY, TS, V3));
    receiver.handle(v3("POST", URI, V1_BODY, TS, V3));
    // then
    assertThat(accepted).hasSize(2);
    assertThat(accepted.get(0).id()).isEqualTo(accepted.get(1).id());
  }

  @Test
  void should_validate_builder_arguments() {
    // when / then
    assertThatThrownBy(() -> WebhookReceiver.builder(" ", s -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("clientSecret must not be blank, but was blank");
    assertThatThrownBy(() -> WebhookReceiver.builder(SECRET, s -> {}).maxAge(Duration.ofMinutes(6)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxAge must be > 0 and <= PT5M, but was PT6M");
    assertThatThrownBy(() -> WebhookMapping.builder().creation("ticket", "X"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("object must be one of contact, company, deal, but was 'ticket'");
  }

  @Test
  void should_never_print_the_secret() {
    // when / then
    assertThat(receiver().toString()).doesNotContain(SECRET);
  }

  @Property(tries = 200)
  void any_single_byte_change_of_a_signed_body_is_rejected(
      @ForAll @Size(min = 1, max = 200) byte[] body, @ForAll @IntRange(min = 0, max = 10_000) int position) {
    // given
    String signature = Signatures.v3(SECRET, "POST", URI, body, TS);
    byte[] changed = body.clone();
    changed[position % body.length] ^= 0x01;
    // when
    boolean original = Signatures.constantTimeEquals(signature, Signatures.v3(SECRET, "POST", URI, body, TS));
    boolean tampered = Signatures.constantTimeEquals(signature, Signatures.v3(SECRET, "POST", URI, changed, TS));
    // then
    assertThat(original).isTrue();
    assertThat(tampered).isFalse();
  }

  WebhookRequest signed(String body) {
    String ts = Long.toString(clock.millis());
    return v3("POST", URI, body, ts, Signatures.v3(SECRET, "POST", URI, body.getBytes(StandardCharsets.UTF_8), ts));
  }

  static String event(String type, long eventId, String objectId, String property, String value) {
    String base = "{\"eventId\":" + eventId + ",\"subscriptionId\":12345,\"portalId\":62515,"
        + "\"occurredAt\":1564113600000,\"subscriptionType\":\"" + type + "\",\"attemptNumber\":0,"
        + "\"objectId\":" + objectId + ",\"changeSource\":\"CRM\",\"appId\":54321";
    if (property != null) {
      base += ",\"propertyName\":\"" + property + "\",\"propertyValue\":\"" + value + "\"";
    }
    return base + "}";
  }
}
