package dev.journey.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The fingerprint tells contents apart exactly as equality of the (normalized) content does: the
 * reference model is {@code subject, type, source, attributes} compared with {@code equals}.
 */
final class SignalFingerprintProperties {
  private static final Instant T = Instant.parse("2026-03-02T09:15:00Z");

  @Provide
  Arbitrary<Map<String, Object>> attributes() {
    Arbitrary<Object> leaf =
        Arbitraries.oneOf(
            Arbitraries.of("a", "b", "1", "").map(s -> (Object) s),
            Arbitraries.longs().between(0, 2).map(l -> (Object) l),
            Arbitraries.of(1.0d, 2.5d).map(d -> (Object) d),
            Arbitraries.of(true, false).map(b -> (Object) b),
            Arbitraries.of("a", "1").list().ofMaxSize(2).map(l -> (Object) List.copyOf(l)));
    return Arbitraries.maps(Arbitraries.of("x", "y", "z"), leaf).ofMaxSize(3);
  }

  @Provide
  Arbitrary<SubjectRef> subjects() {
    return Arbitraries.of(SubjectRef.contact("1"), SubjectRef.contact("2"), SubjectRef.company("1"));
  }

  @Provide
  Arbitrary<String> types() {
    return Arbitraries.of(SignalTypes.FORM_SUBMITTED, SignalTypes.DEMO_REQUESTED);
  }

  private static Signal signal(String id, SubjectRef subject, String type, Instant at, Map<String, Object> attrs) {
    return Signal.builder().id(id).subject(subject).type(type).occurredAt(at).source("test")
        .attributes(attrs).build();
  }

  @Property
  void should_give_equal_fingerprints_exactly_to_equal_contents(
      @ForAll("subjects") SubjectRef s1, @ForAll("types") String t1, @ForAll("attributes") Map<String, Object> a1,
      @ForAll("subjects") SubjectRef s2, @ForAll("types") String t2, @ForAll("attributes") Map<String, Object> a2) {
    // given
    Signal first = signal("same", s1, t1, T, a1);
    Signal second = signal("same", s2, t2, T.plusSeconds(60), a2);
    boolean sameContent =
        first.subject().equals(second.subject())
            && first.type().equals(second.type())
            && first.attributes().equals(second.attributes());
    // when
    boolean sameFingerprint = first.fingerprint().equals(second.fingerprint());
    // then
    assertThat(sameFingerprint).isEqualTo(sameContent);
  }

  @Property
  void should_ignore_the_id_the_time_and_the_order_of_attributes(
      @ForAll("attributes") Map<String, Object> attrs) {
    // given
    Map<String, Object> reversed = new java.util.LinkedHashMap<>();
    List<String> keys = new java.util.ArrayList<>(attrs.keySet());
    java.util.Collections.reverse(keys);
    keys.forEach(k -> reversed.put(k, attrs.get(k)));
    // when
    String a = signal("a", SubjectRef.contact("1"), SignalTypes.FORM_SUBMITTED, T, attrs).fingerprint();
    String b = signal("b", SubjectRef.contact("1"), SignalTypes.FORM_SUBMITTED, T.plusSeconds(5), reversed).fingerprint();
    // then
    assertThat(a).isEqualTo(b).hasSize(32).matches("[0-9a-f]{32}");
  }

  @net.jqwik.api.Example
  void should_keep_the_fingerprints_durable_stores_hold_when_computed_again() {
    // given: two signals whose fingerprints the SHA-256 implementation of 2026-12-01 computed
    Map<String, Object> attributes = new java.util.LinkedHashMap<>();
    attributes.put("fitScore", 72);
    attributes.put("intentScore", 3.5);
    attributes.put("plan", "pro-\u00fc");
    attributes.put("tags", List.of("a", "b"));
    attributes.put("nested", Map.of("k", true));
    Signal rich = new Signal("sig-1", SubjectRef.contact("1000042"), "DEMO_REQUESTED",
        Instant.parse("2026-03-02T09:00:00Z"), "hubspot", attributes);
    Signal bare = new Signal("t-1", SubjectRef.deal("d-9"), "DEAL_STAGE_CHANGED",
        Instant.parse("2026-03-02T09:00:00Z"), "app", Map.of());
    // when / then: a redelivery after an upgrade must still match what the inbox stored
    assertThat(rich.fingerprint()).isEqualTo("845efaf35d57915fff784c4ba625e53b");
    assertThat(bare.fingerprint()).isEqualTo("72e2f56b895a3a3b4813e7d2497f1792");
  }

  @Property
  void should_spell_the_hex_fingerprint_when_read_as_two_longs(
      @ForAll("subjects") SubjectRef subject, @ForAll("types") String type,
      @ForAll("attributes") Map<String, Object> attrs) {
    // given
    Signal signal = signal("s", subject, type, T, attrs);
    String hex = signal.fingerprint();
    // when
    dev.journey.core.internal.Fingerprint bits = dev.journey.core.internal.Fingerprint.ofSignal(signal);
    String spelled = String.format("%016x%016x", bits.high(), bits.low());
    // then: the store keeps the longs, the durable stores the text; both the same 128 bits
    assertThat(spelled).isEqualTo(hex);
  }

  @net.jqwik.api.Example
  void should_read_the_pinned_fingerprints_as_two_longs() {
    // given: the pinned signal above, without attributes
    Signal bare = new Signal("t-1", SubjectRef.deal("d-9"), "DEAL_STAGE_CHANGED",
        Instant.parse("2026-03-02T09:00:00Z"), "app", Map.of());
    // when
    dev.journey.core.internal.Fingerprint bits = dev.journey.core.internal.Fingerprint.ofSignal(bare);
    // then
    assertThat(bits.high()).isEqualTo(0x72e2f56b895a3a3bL);
    assertThat(bits.low()).isEqualTo(0x4813e7d2497f1792L);
  }

  @net.jqwik.api.Example
  void should_refuse_to_fingerprint_what_is_not_a_signal() {
    // when / then
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> dev.journey.core.internal.Fingerprint.ofSignal("not a signal"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be a Signal")
        .hasMessageContaining("java.lang.String");
  }
}
