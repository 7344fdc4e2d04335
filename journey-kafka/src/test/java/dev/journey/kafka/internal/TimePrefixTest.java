package dev.journey.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

final class TimePrefixTest {
  private static final long YEAR_1 = -62_135_596_800L;
  private static final long YEAR_9999 = 253_402_300_799L;

  /** The reference is the String.format the digit-by-digit version replaced. */
  @Property(tries = 500)
  void should_write_the_prefix_the_format_wrote_and_keep_time_order(
      @ForAll @LongRange(min = YEAR_1, max = YEAR_9999) long seconds,
      @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
      @ForAll @LongRange(min = YEAR_1, max = YEAR_9999) long otherSeconds,
      @ForAll @IntRange(min = 0, max = 999_999_999) int otherNanos) {
    // given
    Instant at = Instant.ofEpochSecond(seconds, nanos);
    Instant other = Instant.ofEpochSecond(otherSeconds, otherNanos);
    // when
    String prefix = StateStoreJourneyStore.timePrefix(at);
    // then
    assertThat(prefix).isEqualTo(String.format("%013d%09d", seconds + 62_135_596_800L, nanos));
    assertThat(Integer.signum(prefix.compareTo(StateStoreJourneyStore.timePrefix(other))))
        .isEqualTo(Integer.signum(at.compareTo(other)));
  }

  /** The reference is the String.format("%019d") the digit-by-digit version replaced. */
  @Property(tries = 500)
  void should_write_the_generation_of_a_timer_key_as_the_format_wrote_it(
      @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long generation) {
    // when
    String written = StateStoreJourneyStore.generation(generation);
    // then
    assertThat(written).isEqualTo(String.format("%019d", generation));
  }
}
