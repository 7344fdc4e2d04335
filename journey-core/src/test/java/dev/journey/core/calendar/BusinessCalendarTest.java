package dev.journey.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

final class BusinessCalendarTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  // tag::calendars[]
  static final BusinessCalendar NY =
      BusinessCalendar.builder(NEW_YORK)
          .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
          .holiday(LocalDate.of(2026, 11, 26)) // Thanksgiving
          .build();

  static final BusinessCalendar BER =
      BusinessCalendar.builder(BERLIN)
          .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
          .holiday(LocalDate.of(2026, 12, 25))
          .build();
  // end::calendars[]

  @Test
  void should_count_business_hours_across_the_us_spring_forward_weekend() {
    // given: Friday 16:00 EST; DST starts Sunday 2026-03-08
    Instant friday = Instant.parse("2026-03-06T21:00:00Z");

    // when
    // tag::plus-business-time[]
    Instant due = NY.plusBusinessTime(friday, Duration.ofHours(2));
    // end::plus-business-time[]

    // then: 1h on Friday, 1h on Monday -> Monday 10:00 EDT (UTC-4)
    assertThat(due).isEqualTo(Instant.parse("2026-03-09T14:00:00Z"));
    assertThat(NY.businessTimeBetween(friday, due)).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void should_count_business_hours_across_the_us_fall_back_weekend() {
    // given: Friday 16:30 EDT; DST ends Sunday 2026-11-01
    Instant friday = Instant.parse("2026-10-30T20:30:00Z");

    // when
    Instant due = NY.plusBusinessTime(friday, Duration.ofHours(1));

    // then: Monday 09:30 EST (UTC-5)
    assertThat(due).isEqualTo(Instant.parse("2026-11-02T14:30:00Z"));
  }

  @Test
  void should_count_business_hours_across_both_berlin_transitions() {
    // given: Fridays 16:00 local before each transition (2026-03-29, 2026-10-25)
    Instant beforeSpring = Instant.parse("2026-03-27T15:00:00Z"); // 16:00 CET
    Instant beforeFall = Instant.parse("2026-10-23T14:00:00Z"); // 16:00 CEST

    // when
    Instant spring = BER.plusBusinessTime(beforeSpring, Duration.ofHours(2));
    Instant fall = BER.plusBusinessTime(beforeFall, Duration.ofHours(2));

    // then: Monday 10:00 local, CEST (UTC+2) then CET (UTC+1)
    assertThat(spring).isEqualTo(Instant.parse("2026-03-30T08:00:00Z"));
    assertThat(fall).isEqualTo(Instant.parse("2026-10-26T09:00:00Z"));
  }

  @Test
  void should_skip_holidays_and_weekends() {
    // given: Wednesday before Thanksgiving 16:00 EST; Christmas Eve 16:00 CET
    Instant thanksgivingEve = Instant.parse("2026-11-25T21:00:00Z");
    Instant christmasEve = Instant.parse("2026-12-24T15:00:00Z");

    // when
    Instant ny = NY.plusBusinessTime(thanksgivingEve, Duration.ofHours(3));
    Instant berlin = BER.plusBusinessTime(christmasEve, Duration.ofHours(2));

    // then: 1h Wednesday, Thursday off, Friday 11:00 EST; 1h Thursday, Friday holiday, weekend, Monday 10:00
    assertThat(ny).isEqualTo(Instant.parse("2026-11-27T16:00:00Z"));
    assertThat(berlin).isEqualTo(Instant.parse("2026-12-28T09:00:00Z"));
    assertThat(NY.isBusinessDay(LocalDate.of(2026, 11, 26))).isFalse();
    assertThat(BER.isBusinessDay(LocalDate.of(2026, 12, 26))).isFalse();
  }

  @Test
  void should_end_at_closing_time_when_the_amount_uses_up_the_day() {
    // given: Monday 09:00 Berlin
    Instant monday = Instant.parse("2026-03-02T08:00:00Z");

    // when
    Instant due = BER.plusBusinessTime(monday, Duration.ofHours(8));

    // then
    assertThat(due).isEqualTo(Instant.parse("2026-03-02T16:00:00Z"));
  }

  @Test
  void should_measure_real_elapsed_time_in_hours_that_contain_a_transition() {
    // given: a night shift 00:00-04:00 on Sundays; 2026-03-08 loses 02:00-03:00 in New York
    BusinessCalendar night =
        BusinessCalendar.builder(NEW_YORK)
            .hours(DayOfWeek.SUNDAY, LocalTime.MIDNIGHT, LocalTime.of(4, 0))
            .build();
    Instant start = Instant.parse("2026-03-08T05:00:00Z"); // 00:00 EST

    // when
    Duration springSunday = night.businessTimeBetween(start, start.plus(Duration.ofDays(1)));
    Duration fallSunday =
        night.businessTimeBetween(
            Instant.parse("2026-11-01T04:00:00Z"), Instant.parse("2026-11-02T04:00:00Z"));

    // then
    assertThat(springSunday).isEqualTo(Duration.ofHours(3));
    assertThat(fallSunday).isEqualTo(Duration.ofHours(5));
  }

  @Test
  void should_add_business_days_keeping_the_local_time_across_dst_and_holidays() {
    // given
    Instant fridayMorning = Instant.parse("2026-03-06T15:00:00Z"); // 10:00 EST
    Instant wednesday = Instant.parse("2026-11-25T15:00:00Z"); // 10:00 EST
    Instant saturday = Instant.parse("2026-03-07T15:00:00Z");

    // when / then
    assertThat(NY.plusBusinessDays(fridayMorning, 1)).isEqualTo(Instant.parse("2026-03-09T14:00:00Z"));
    assertThat(NY.plusBusinessDays(wednesday, 2)).isEqualTo(Instant.parse("2026-11-30T15:00:00Z"));
    assertThat(NY.plusBusinessDays(saturday, 0)).isEqualTo(Instant.parse("2026-03-09T13:00:00Z"));
    assertThat(NY.plusBusinessDays(saturday, 1)).isEqualTo(Instant.parse("2026-03-10T13:00:00Z"));
  }

  @Test
  void should_clamp_a_business_day_target_into_the_working_hours_of_that_day() {
    // given: Fridays 09:00-17:00, Mondays only 09:00-12:00
    BusinessCalendar shortMonday =
        BusinessCalendar.builder(BERLIN)
            .hours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))
            .hours(DayOfWeek.FRIDAY, LocalTime.of(9, 0), LocalTime.of(17, 0))
            .build();
    Instant fridayAfternoon = Instant.parse("2026-03-06T15:30:00Z"); // 16:30 CET
    Instant fridayMorning = Instant.parse("2026-03-06T07:30:00Z"); // 08:30 CET, before opening

    // when / then: Monday 16:30 is after Monday's close, so Monday 12:00
    assertThat(shortMonday.plusBusinessDays(fridayAfternoon, 1)).isEqualTo(Instant.parse("2026-03-09T11:00:00Z"));
    // Friday 08:30 first moves to the 09:00 opening, so Monday 09:00
    assertThat(shortMonday.plusBusinessDays(fridayMorning, 1)).isEqualTo(Instant.parse("2026-03-09T08:00:00Z"));
  }

  @Test
  void should_tell_working_time_and_next_opening() {
    assertThat(BER.isWorkingTime(Instant.parse("2026-03-02T08:00:00Z"))).isTrue();
    assertThat(BER.isWorkingTime(Instant.parse("2026-03-02T16:00:00Z"))).isFalse();
    assertThat(BER.nextWorkingTime(Instant.parse("2026-03-07T10:00:00Z")))
        .isEqualTo(Instant.parse("2026-03-09T08:00:00Z"));
  }

  @Test
  void should_reject_invalid_hours_with_specific_messages() {
    assertThatThrownBy(
            () -> BusinessCalendar.builder(BERLIN).hours(DayOfWeek.MONDAY, LocalTime.of(17, 0), LocalTime.of(9, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("end must be after start (17:00), but was 09:00");
    assertThatThrownBy(
            () ->
                BusinessCalendar.builder(BERLIN)
                    .hours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(13, 0))
                    .hours(DayOfWeek.MONDAY, LocalTime.of(12, 0), LocalTime.of(17, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("hours on MONDAY must not overlap 09:00-13:00, but was 12:00-17:00");
    assertThatThrownBy(() -> BusinessCalendar.builder(BERLIN).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("a calendar needs working hours on at least one weekday");
    assertThatThrownBy(() -> BER.plusBusinessTime(Instant.EPOCH, Duration.ofHours(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("amount must be >= 0, but was PT-1H");
  }

  @Property(tries = 300)
  void business_time_between_start_and_due_is_the_amount(
      @ForAll @LongRange(min = 1_767_225_600L, max = 1_830_297_600L) long startSecond,
      @ForAll @IntRange(min = 1, max = 6000) int minutes) {
    // given: a Berlin calendar with a lunch break and holidays, any start in 2026-2027
    BusinessCalendar calendar =
        BusinessCalendar.builder(BERLIN)
            .weekdays(LocalTime.of(9, 0), LocalTime.of(12, 0))
            .weekdays(LocalTime.of(13, 0), LocalTime.of(17, 30))
            .holiday(LocalDate.of(2026, 12, 25))
            .holiday(LocalDate.of(2027, 1, 1))
            .build();
    Instant start = Instant.ofEpochSecond(startSecond);
    Duration amount = Duration.ofMinutes(minutes);

    // when
    Instant due = calendar.plusBusinessTime(start, amount);

    // then
    assertThat(calendar.businessTimeBetween(start, due)).isEqualTo(amount);
    assertThat(calendar.isWorkingTime(due.minusNanos(1))).isTrue();
  }
}
