package dev.journey.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The fingerprint's faster walk (issue 23, round 12: four chars per store, a fast path for a
 * string that fits the buffer, the final classes tested first) digests exactly what the walk
 * before it did ({@link PreviousFingerprint}): for any sequence of strings, pairs of strings and
 * nested values, at any offset of the buffer, so that every fill level and every flush the
 * sequence reaches is compared. The durable stores keep these digests; a redelivery across an
 * upgrade must still read as a duplicate.
 */
final class FingerprintAgainstPreviousProperties {

  /** One call on a started fingerprint: {@code text(a)}, {@code text(a, b)} or {@code value(v)}. */
  private record Step(int kind, String a, String b, Object value) {}

  /** Strings of every kind of char, lone surrogates included, short and past the buffer. */
  private static Arbitrary<String> texts() {
    Arbitrary<Character> chars =
        Arbitraries.oneOf(
            Arbitraries.chars().range(' ', '~'),
            Arbitraries.chars().range('\u00a0', '\u00ff'),
            Arbitraries.chars().range('\u0100', '\ud7ff'),
            Arbitraries.chars().range('\ud800', '\udfff'),
            Arbitraries.chars().range('\ue000', '\uffff'));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(
            8, chars.list().ofMaxSize(9).map(FingerprintAgainstPreviousProperties::join)),
        net.jqwik.api.Tuple.of(
            8,
            chars.list().ofMaxSize(40).map(FingerprintAgainstPreviousProperties::join)),
        net.jqwik.api.Tuple.of(
            1, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(300).ofMaxLength(1_300)),
        net.jqwik.api.Tuple.of(
            1,
            Arbitraries.strings()
                .withCharRange('\u00e0', '\u0101') // Latin-1 and one past it
                .ofMinLength(300)
                .ofMaxLength(1_300)));
  }

  private static String join(List<Character> chars) {
    StringBuilder out = new StringBuilder(chars.size());
    chars.forEach(out::append);
    return out.toString();
  }

  @Provide
  Arbitrary<Object> values() {
    Arbitrary<Object> leaf =
        Arbitraries.oneOf(
            texts().map(s -> (Object) s),
            Arbitraries.longs().map(l -> (Object) l),
            Arbitraries.integers().map(i -> (Object) i),
            Arbitraries.doubles().map(d -> (Object) d),
            Arbitraries.of(true, false).map(b -> (Object) b));
    Arbitrary<String> keys = Arbitraries.strings().withCharRange('a', 'f').ofMaxLength(4);
    return Arbitraries.recursive(
        () -> leaf,
        inner ->
            Arbitraries.oneOf(
                leaf,
                inner.list().ofMaxSize(4).map(l -> (Object) new ArrayList<>(l)),
                Arbitraries.maps(keys, inner).ofMaxSize(12).map(m -> (Object) new LinkedHashMap<>(m)),
                // keys that are not strings: sorted by their natural order and written as text
                Arbitraries.maps(Arbitraries.integers().between(-50, 50), inner)
                    .ofMaxSize(6)
                    .map(m -> (Object) new TreeMap<>(m))),
        3);
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> step =
        Arbitraries.oneOf(
            texts().map(a -> new Step(0, a, null, null)),
            Combinators.combine(texts(), texts()).as((a, b) -> new Step(1, a, b, null)),
            values().map(v -> new Step(2, null, null, v)));
    return step.list().ofMinSize(1).ofMaxSize(12);
  }

  @Property(tries = 400)
  void should_digest_what_the_previous_walk_digested_when_any_calls_fill_the_buffer(
      @ForAll("steps") List<Step> steps) {
    // given
    Fingerprint current = Fingerprint.start();
    PreviousFingerprint previous = PreviousFingerprint.start();
    // when
    for (Step s : steps) {
      switch (s.kind()) {
        case 0 -> {
          current.text(s.a());
          previous.text(s.a());
        }
        case 1 -> {
          current.text(s.a(), s.b());
          previous.text(s.a(), s.b());
        }
        default -> {
          current.value(s.value());
          previous.value(s.value());
        }
      }
    }
    current.finish();
    previous.finish();
    // then
    assertThat(current.hex()).isEqualTo(previous.hex());
    assertThat(new long[] {current.high(), current.low()})
        .containsExactly(previous.high(), previous.low());
  }

  @Property(tries = 200)
  void should_digest_what_the_previous_walk_digested_when_a_map_holds_many_entries(
      @ForAll("values") Object value) {
    // given: the value in a map of its own, next to enough entries to grow the entry buffers
    Map<String, Object> wide = new LinkedHashMap<>();
    for (int i = 0; i < 40; i++) {
      wide.put("k" + (char) ('z' - i % 26) + i, i % 3 == 0 ? value : (long) i);
    }
    // when
    String current = Fingerprint.start().value(wide).hex();
    String previous = PreviousFingerprint.start().value(wide).hex();
    // then
    assertThat(current).isEqualTo(previous);
  }
}
