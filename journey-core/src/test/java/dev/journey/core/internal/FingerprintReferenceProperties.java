package dev.journey.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The streamed fingerprint is byte for byte the SHA-256 of the canonical form as first defined
 * (keys sorted with {@code Arrays.sort}, every value tagged, strings length-prefixed as UTF-16
 * big-endian chars): the reference model below builds that form in full and digests it. Stored
 * fingerprints stay valid whatever the streaming does.
 */
final class FingerprintReferenceProperties {

  @Provide
  Arbitrary<Object> values() {
    Arbitrary<Object> leaf =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(300).map(s -> (Object) s),
            Arbitraries.longs().map(l -> (Object) l),
            Arbitraries.integers().map(i -> (Object) i),
            Arbitraries.doubles().map(d -> (Object) d),
            Arbitraries.of(true, false).map(b -> (Object) b));
    return Arbitraries.recursive(
        () -> leaf,
        inner ->
            Arbitraries.oneOf(
                leaf,
                inner.list().ofMaxSize(4).map(l -> (Object) l),
                Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(5), inner)
                    .ofMaxSize(20)
                    .map(m -> (Object) new LinkedHashMap<>(m))),
        3);
  }

  @Property
  void should_digest_exactly_the_canonical_form_when_values_nest(
      @ForAll("values") Object value, @ForAll("values") Object other) {
    // given
    String expected = reference(value, other);
    // when
    String streamed = Fingerprint.start().value(value).text("x", "y").value(other).hex();
    // then
    assertThat(streamed).isEqualTo(expected);
  }

  private static String reference(Object value, Object other) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    canonical(out, value);
    text(out, "xy");
    canonical(out, other);
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
      out.write(0);
      out.write('{');
      number(out, map.size());
      Object[] keys = map.keySet().toArray();
      Arrays.sort(keys);
      for (Object key : keys) {
        text(out, String.valueOf(key));
        canonical(out, map.get(key));
      }
    } else if (value instanceof List<?> list) {
      out.write(0);
      out.write('[');
      number(out, list.size());
      list.forEach(o -> canonical(out, o));
    } else if (value instanceof Long || value instanceof Integer) {
      out.write(0);
      out.write('l');
      number(out, ((Number) value).longValue());
    } else if (value instanceof Double d) {
      out.write(0);
      out.write('d');
      number(out, Double.doubleToLongBits(d));
    } else if (value instanceof Boolean b) {
      out.write(0);
      out.write(b ? 't' : 'f');
    } else {
      throw new IllegalArgumentException(String.valueOf(value));
    }
  }

  private static void text(ByteArrayOutputStream out, String s) {
    out.write(0);
    out.write('s');
    number(out, s.length());
    for (int i = 0; i < s.length(); i++) { // each char, lone surrogates included
      out.write(s.charAt(i) >>> 8);
      out.write(s.charAt(i));
    }
  }

  private static void number(ByteArrayOutputStream out, long n) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (n >>> shift));
    }
  }
}
