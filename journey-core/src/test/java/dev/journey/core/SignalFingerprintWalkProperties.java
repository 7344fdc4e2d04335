package dev.journey.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A signal's fingerprint digests exactly the input of the walk as first written (2026-12-01):
 * the reference model below is that walk, byte by byte ({@code charAt} and two byte writes per
 * char, the keys of every map sorted with {@code Arrays.sort}, each number written a byte at a
 * time), digested in one piece. The streamed walk (bulk char copies, two-byte and eight-byte
 * stores, runs across the buffer's flushes) must give the same digest for any signal: strings of
 * ASCII, Latin-1, other BMP chars, surrogate pairs and lone surrogates, long enough to cross the
 * buffer, empty and nested maps and lists, timer firings (whose wire attributes are fingerprinted).
 */
final class SignalFingerprintWalkProperties {
  private static final Instant T = Instant.parse("2026-03-02T09:15:00Z");

  /** Chars of every kind the walk must write as they are, lone surrogates included. */
  private static Arbitrary<String> texts(int maxLength) {
    Arbitrary<Character> ascii = Arbitraries.chars().range(' ', '~');
    Arbitrary<Character> latin1 = Arbitraries.chars().range('\u00a0', '\u00ff');
    Arbitrary<Character> bmp = Arbitraries.chars().range('\u0100', '\ud7ff');
    Arbitrary<Character> surrogates = Arbitraries.chars().range('\ud800', '\udfff');
    Arbitrary<String> pieces =
        Arbitraries.oneOf(
            ascii.map(String::valueOf),
            latin1.map(String::valueOf),
            bmp.map(String::valueOf),
            surrogates.map(String::valueOf), // alone: not a valid pair
            Arbitraries.integers().between(0x10000, 0x10ffff).map(Character::toString));
    return pieces.list().ofMaxSize(maxLength).map(l -> String.join("", l));
  }

  /** Long runs: a string that crosses the digest buffer (1,024 bytes) once or more. */
  private static Arbitrary<String> longTexts() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(400).ofMaxLength(1_500),
        Arbitraries.strings().withCharRange('\u00e0', '\u00ff').ofMinLength(400).ofMaxLength(1_500),
        texts(40).list().ofMinSize(20).ofMaxSize(40).map(l -> String.join("", l)));
  }

  @Provide
  Arbitrary<Map<String, Object>> attributes() {
    Arbitrary<Object> leaf =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, texts(20).map(s -> (Object) s)),
            net.jqwik.api.Tuple.of(1, longTexts().map(s -> (Object) s)),
            net.jqwik.api.Tuple.of(3, Arbitraries.longs().map(l -> (Object) l)),
            net.jqwik.api.Tuple.of(2, Arbitraries.doubles().between(-1e12, 1e12).map(d -> (Object) d)),
            net.jqwik.api.Tuple.of(1, Arbitraries.of(true, false).map(b -> (Object) b)));
    Arbitrary<String> keys = texts(6).filter(k -> !k.isEmpty());
    Arbitrary<Object> nested =
        Arbitraries.recursive(
            () -> leaf,
            inner ->
                Arbitraries.oneOf(
                    leaf,
                    inner.list().ofMaxSize(4).map(l -> (Object) l),
                    Arbitraries.maps(keys, inner).ofMaxSize(6).map(m -> (Object) new LinkedHashMap<>(m))),
            3);
    return Arbitraries.maps(keys, nested).ofMaxSize(12).map(LinkedHashMap::new);
  }

  @Provide
  Arbitrary<Signal> signals() {
    Arbitrary<SubjectRef> subjects =
        Combinators.combine(
                Arbitraries.of(ObjectType.class),
                texts(30).filter(SignalFingerprintWalkProperties::validSubjectId))
            .as(SubjectRef::new);
    Arbitrary<String> types = Arbitraries.of(SignalTypes.FORM_SUBMITTED, "x.y-z:1", SignalTypes.TIMER_FIRED);
    return Combinators.combine(subjects, types, attributes(), Arbitraries.longs().between(0, 9))
        .as(
            (subject, type, attrs, generation) -> {
              if (JsonValues.jsonLength(attrs) > Limits.ATTRIBUTES_LENGTH) {
                return null; // too large for a signal: rare, filtered out
              }
              if (SignalTypes.TIMER_FIRED.equals(type)) {
                attrs.remove(TimerFiring.NAME_ATTRIBUTE);
                attrs.remove(TimerFiring.GENERATION_ATTRIBUTE);
                return Signal.timerFired("t", subject, new TimerFiring("sla", generation, T), attrs);
              }
              return new Signal("s", subject, type, T, "src/x-1", attrs);
            })
        .filter(s -> s != null);
  }

  private static boolean validSubjectId(String id) {
    if (id.isBlank() || id.length() > SubjectRef.MAX_ID_LENGTH) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (Character.isWhitespace(c) || c == ':' || Character.isISOControl(c)) {
        return false;
      }
    }
    return true;
  }

  @Property(tries = 300)
  void should_fingerprint_the_same_input_as_the_first_walk_for_any_signal(
      @ForAll("signals") Signal signal) {
    // given
    String expected = reference(signal);
    // when
    String streamed = signal.fingerprint();
    // then
    assertThat(streamed).isEqualTo(expected);
  }

  @Property(tries = 100)
  void should_fingerprint_the_same_input_as_the_first_walk_when_the_thread_fingerprinted_before(
      @ForAll("signals") Signal before, @ForAll("signals") Signal signal) {
    // given: the thread's buffers used by another, larger or smaller, signal first
    before.fingerprint();
    // when
    String streamed = signal.fingerprint();
    // then
    assertThat(streamed).isEqualTo(reference(signal));
  }

  /** The first walk: what the fingerprint digests, built in full. */
  private static String reference(Signal signal) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    text(out, signal.subject().toString());
    text(out, signal.type());
    text(out, signal.source());
    canonical(out, signal.wireAttributes());
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(out.toByteArray());
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void canonical(ByteArrayOutputStream out, Object value) {
    if (value instanceof String s) {
      text(out, s);
    } else if (value instanceof Map<?, ?> map) {
      tag(out, '{');
      number(out, map.size());
      Object[] keys = map.keySet().toArray();
      Arrays.sort(keys);
      for (Object key : keys) {
        text(out, String.valueOf(key));
        canonical(out, map.get(key));
      }
    } else if (value instanceof List<?> list) {
      tag(out, '[');
      number(out, list.size());
      list.forEach(o -> canonical(out, o));
    } else if (value instanceof Long || value instanceof Integer) {
      tag(out, 'l');
      number(out, ((Number) value).longValue());
    } else if (value instanceof Double d) {
      tag(out, 'd');
      number(out, Double.doubleToLongBits(d));
    } else if (value instanceof Boolean b) {
      tag(out, b ? 't' : 'f');
    } else {
      throw new IllegalArgumentException(String.valueOf(value));
    }
  }

  private static void tag(ByteArrayOutputStream out, char c) {
    out.write(c >>> 8);
    out.write(c);
  }

  private static void text(ByteArrayOutputStream out, String s) {
    tag(out, 's');
    number(out, s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      out.write(c >>> 8);
      out.write(c);
    }
  }

  private static void number(ByteArrayOutputStream out, long n) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (n >>> shift));
    }
  }
}
