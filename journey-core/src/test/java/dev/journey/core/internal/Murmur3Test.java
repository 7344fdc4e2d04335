package dev.journey.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

final class Murmur3Test {

  @Test
  void should_give_the_published_murmur3_x86_32_values() {
    // given the reference vectors of MurmurHash3_x86_32 with seed 0
    // when / then
    assertThat(Murmur3.hash32("")).isZero();
    assertThat(Murmur3.hash32("a")).isEqualTo(0x3c2569b2);
    assertThat(Murmur3.hash32("abc")).isEqualTo(0xb3dd93fa);
    assertThat(Murmur3.hash32("The quick brown fox jumps over the lazy dog")).isEqualTo(0x2e4ff723);
  }

  @Property(tries = 2000)
  void should_equal_guavas_murmur3_32_fixed_for_any_string(@ForAll String text) {
    // given any string, supplementary characters and lone surrogates included
    // when
    int ours = Murmur3.hash32(text);
    // then it is Guava's value, which rollout buckets were first computed with
    assertThat(ours)
        .isEqualTo(Hashing.murmur3_32_fixed().hashString(text, StandardCharsets.UTF_8).asInt());
  }

  @Property(tries = 2000)
  void should_equal_guavas_murmur3_32_fixed_for_any_bytes(@ForAll byte[] bytes) {
    // when / then
    assertThat(Murmur3.hash32(bytes)).isEqualTo(Hashing.murmur3_32_fixed().hashBytes(bytes).asInt());
  }
}
