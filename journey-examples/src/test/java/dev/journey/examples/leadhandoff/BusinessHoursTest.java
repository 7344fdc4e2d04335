package dev.journey.examples.leadhandoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

final class BusinessHoursTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void should_add_minutes_within_the_same_business_day() {
    // given
    Instant monday10 = Instant.parse("2026-03-02T09:00:00Z"); // 10:00 in Berlin
    // when
    Instant later = BusinessHours.plusBusinessMinutes(monday10, 90, BERLIN);
    // then
    assertThat(later).isEqualTo(Instant.parse("2026-03-02T10:30:00Z"));
  }

  @Test
  void should_carry_minutes_over_the_weekend() {
    // given
    Instant friday1630 = Instant.parse("2026-03-06T15:30:00Z"); // 16:30 in Berlin
    // when
    Instant later = BusinessHours.plusBusinessMinutes(friday1630, 60, BERLIN);
    // then: 30 minutes on Friday, 30 on Monday
    assertThat(later).isEqualTo(Instant.parse("2026-03-09T08:30:00Z"));
  }

  @Test
  void should_start_counting_at_the_next_opening_outside_business_hours() {
    // given
    Instant saturday = Instant.parse("2026-03-07T12:00:00Z");
    // when
    Instant later = BusinessHours.plusBusinessMinutes(saturday, 0, BERLIN);
    // then
    assertThat(later).isEqualTo(Instant.parse("2026-03-09T08:00:00Z"));
  }

  @Test
  void should_follow_daylight_saving_time() {
    // given: Berlin moves to CEST on Sunday 29 March 2026
    Instant friday = Instant.parse("2026-03-27T15:00:00Z"); // 16:00 CET
    // when
    Instant later = BusinessHours.plusBusinessMinutes(friday, 120, BERLIN);
    // then: 60 minutes on Friday, then Monday 09:00 CEST (07:00Z) plus 60 minutes
    assertThat(later).isEqualTo(Instant.parse("2026-03-30T08:00:00Z"));
  }

  @Property(tries = 200)
  void should_land_inside_business_hours_and_not_before_the_start(
      @ForAll @LongRange(min = 1_767_225_600L, max = 1_798_761_600L) long epochSecond,
      @ForAll @IntRange(min = 0, max = 10_000) int minutes) {
    // given
    Instant from = Instant.ofEpochSecond(epochSecond);
    // when
    Instant later = BusinessHours.plusBusinessMinutes(from, minutes, BERLIN);
    // then
    LocalTime local = later.atZone(BERLIN).toLocalTime();
    assertThat(later).isAfterOrEqualTo(from.plusSeconds(60L * minutes));
    assertThat(BusinessHours.isOpen(later, BERLIN) || local.equals(BusinessHours.CLOSE))
        .as("%s is %s in Berlin", later, local)
        .isTrue();
  }
}
