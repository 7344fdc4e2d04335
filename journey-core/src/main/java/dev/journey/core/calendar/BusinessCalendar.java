package dev.journey.core.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Working hours per weekday in one time zone, plus holidays: answers "is this working time?",
 * "when is N business hours (or days) after t?" and "how much working time lies between a and
 * b?".
 *
 * <p>Working hours are local wall-clock times, turned into instants per date with the zone's
 * rules, so a calendar is DST-correct: a 09:00-17:00 day is 8 real hours on both sides of a
 * transition, and the Monday after the spring change still opens at 09:00 local time. Hours that
 * fall into a DST gap start at the first valid instant after it; hours in an overlap use the
 * earlier offset. Durations are real elapsed time between instants.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder(ZoneId)} (module {@code journey-config}
 * loads calendars from a journey's configuration file):
 *
 * <pre>{@code
 * BusinessCalendar berlin = BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
 *     .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
 *     .holiday(LocalDate.of(2026, 12, 25))
 *     .build();
 * Instant due = berlin.plusBusinessTime(receivedAt, Duration.ofHours(2));
 * }</pre>
 */
public final class BusinessCalendar {
  /** How far {@link #plusBusinessTime} and friends search before giving up: 3660 days. */
  public static final int MAX_SEARCH_DAYS = 3660;

  private final ZoneId zone;
  private final Map<DayOfWeek, List<TimeRange>> hours;
  private final Set<LocalDate> holidays;
  private final String fingerprint;

  private BusinessCalendar(Builder b) {
    this.zone = b.zone;
    Map<DayOfWeek, List<TimeRange>> copy = new EnumMap<>(DayOfWeek.class);
    b.hours.forEach(
        (day, ranges) -> {
          List<TimeRange> sorted = new ArrayList<>(ranges);
          sorted.sort((x, y) -> x.start().compareTo(y.start()));
          copy.put(day, List.copyOf(sorted));
        });
    this.hours = Collections.unmodifiableMap(copy);
    this.holidays = Collections.unmodifiableSet(new TreeSet<>(b.holidays));
    dev.journey.core.internal.Fingerprint f =
        dev.journey.core.internal.Fingerprint.start().text(zone.getId()).text(hours.toString());
    for (LocalDate holiday : holidays) {
      f.text(holiday.toString());
    }
    this.fingerprint = f.hex().substring(0, 16);
  }

  /**
   * A short fingerprint of the calendar's zone, hours and holidays: equal calendars have equal
   * fingerprints, and a changed hour or holiday changes it. Decision stages note it as a stage
   * input, so a reproduction tells when a calendar changed.
   */
  public String fingerprint() {
    return fingerprint;
  }

  /** Starts a calendar in {@code zone} with no working hours yet. */
  public static Builder builder(ZoneId zone) {
    return new Builder(zone);
  }

  /** A calendar in which every instant is working time (no holidays). */
  public static BusinessCalendar alwaysOpen(ZoneId zone) {
    Builder b = builder(zone);
    for (DayOfWeek day : DayOfWeek.values()) {
      b.hours(day, LocalTime.MIDNIGHT, LocalTime.MAX);
    }
    return b.build();
  }

  /** The zone working hours are expressed in. */
  public ZoneId zone() {
    return zone;
  }

  /** The working hours per weekday, sorted; days without hours are absent. */
  public Map<DayOfWeek, List<TimeRange>> hours() {
    return hours;
  }

  /** The holidays (local dates without working time). */
  public Set<LocalDate> holidays() {
    return holidays;
  }

  /** Returns {@code true} when {@code date} is a holiday. */
  public boolean isHoliday(LocalDate date) {
    return holidays.contains(date);
  }

  /** Returns {@code true} when {@code date} has working hours and is no holiday. */
  public boolean isBusinessDay(LocalDate date) {
    return !holidays.contains(date) && hours.containsKey(date.getDayOfWeek());
  }

  /** Returns {@code true} when {@code instant} lies within working hours. */
  public boolean isWorkingTime(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    for (Instant[] interval : intervals(LocalDate.ofInstant(instant, zone))) {
      if (!instant.isBefore(interval[0]) && instant.isBefore(interval[1])) {
        return true;
      }
    }
    return false;
  }

  /**
   * The earliest working instant at or after {@code instant}.
   *
   * @throws IllegalArgumentException when there is none within {@link #MAX_SEARCH_DAYS}
   */
  public Instant nextWorkingTime(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    LocalDate date = LocalDate.ofInstant(instant, zone);
    for (int i = 0; i < MAX_SEARCH_DAYS; i++, date = date.plusDays(1)) {
      for (Instant[] interval : intervals(date)) {
        if (interval[1].isAfter(instant)) {
          return interval[0].isAfter(instant) ? interval[0] : instant;
        }
      }
    }
    throw noWorkingTime(instant);
  }

  /**
   * The instant at which {@code amount} of working time has elapsed after {@code start}: "2
   * business hours after t". Time outside working hours does not count; an amount that uses up
   * a day exactly ends at that day's closing time.
   *
   * @throws IllegalArgumentException when {@code amount} is negative, or the calendar has no
   *     working time within {@link #MAX_SEARCH_DAYS}
   */
  public Instant plusBusinessTime(Instant start, Duration amount) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(amount, "amount");
    if (amount.isNegative()) {
      throw new IllegalArgumentException("amount must be >= 0, but was " + amount);
    }
    if (amount.isZero()) {
      return start;
    }
    Duration remaining = amount;
    LocalDate date = LocalDate.ofInstant(start, zone);
    for (int i = 0; i < MAX_SEARCH_DAYS; i++, date = date.plusDays(1)) {
      for (Instant[] interval : intervals(date)) {
        if (!interval[1].isAfter(start)) {
          continue;
        }
        Instant from = interval[0].isAfter(start) ? interval[0] : start;
        Duration available = Duration.between(from, interval[1]);
        if (remaining.compareTo(available) <= 0) {
          return from.plus(remaining);
        }
        remaining = remaining.minus(available);
      }
    }
    throw noWorkingTime(start);
  }

  /**
   * "N business days after t": the same local time of day on the N-th business day after the
   * first working instant at or after {@code start}, moved into that day's working hours (to the
   * next opening when it falls before or between them, to the closing time when after the last).
   * Zero days means {@link #nextWorkingTime}.
   *
   * @throws IllegalArgumentException when {@code days} is negative, or the calendar has no
   *     working time within {@link #MAX_SEARCH_DAYS}
   */
  public Instant plusBusinessDays(Instant start, int days) {
    Objects.requireNonNull(start, "start");
    if (days < 0) {
      throw new IllegalArgumentException("days must be >= 0, but was " + days);
    }
    Instant open = nextWorkingTime(start);
    if (days == 0) {
      return open;
    }
    ZonedDateTime local = open.atZone(zone);
    LocalDate date = local.toLocalDate();
    int counted = 0;
    for (int i = 0; counted < days; i++) {
      if (i > MAX_SEARCH_DAYS) {
        throw noWorkingTime(start);
      }
      date = date.plusDays(1);
      if (isBusinessDay(date)) {
        counted++;
      }
    }
    Instant target = ZonedDateTime.of(date, local.toLocalTime(), zone).toInstant();
    List<Instant[]> intervals = intervals(date);
    for (Instant[] interval : intervals) {
      if (target.isBefore(interval[1])) {
        return target.isBefore(interval[0]) ? interval[0] : target;
      }
    }
    return intervals.get(intervals.size() - 1)[1];
  }

  /**
   * The working time between {@code from} and {@code to}.
   *
   * @throws IllegalArgumentException when {@code to} is before {@code from}
   */
  public Duration businessTimeBetween(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to must be >= from (" + from + "), but was " + to);
    }
    Duration total = Duration.ZERO;
    LocalDate last = LocalDate.ofInstant(to, zone);
    for (LocalDate date = LocalDate.ofInstant(from, zone);
        !date.isAfter(last);
        date = date.plusDays(1)) {
      for (Instant[] interval : intervals(date)) {
        Instant a = interval[0].isAfter(from) ? interval[0] : from;
        Instant b = interval[1].isBefore(to) ? interval[1] : to;
        if (b.isAfter(a)) {
          total = total.plus(Duration.between(a, b));
        }
      }
    }
    return total;
  }

  /** The working intervals of a local date as instants, empty on holidays and days off. */
  private List<Instant[]> intervals(LocalDate date) {
    if (holidays.contains(date)) {
      return List.of();
    }
    List<TimeRange> ranges = hours.get(date.getDayOfWeek());
    if (ranges == null) {
      return List.of();
    }
    List<Instant[]> out = new ArrayList<>(ranges.size());
    for (TimeRange range : ranges) {
      Instant from = ZonedDateTime.of(date, range.start(), zone).toInstant();
      Instant to =
          range.end().equals(LocalTime.MAX)
              ? date.plusDays(1).atStartOfDay(zone).toInstant()
              : ZonedDateTime.of(date, range.end(), zone).toInstant();
      if (to.isAfter(from)) {
        out.add(new Instant[] {from, to});
      }
    }
    return out;
  }

  private IllegalArgumentException noWorkingTime(Instant start) {
    return new IllegalArgumentException(
        String.format(
            Locale.ROOT,
            "calendar in %s has no working time within %d days after %s",
            zone,
            MAX_SEARCH_DAYS,
            start));
  }

  @Override
  public String toString() {
    return "BusinessCalendar[" + zone + ", " + hours + ", " + holidays.size() + " holidays]";
  }

  /**
   * Working hours on one day, local time. {@link LocalTime#MAX} as the end means midnight at the
   * end of the day ({@code 24:00}).
   *
   * @param start the opening time
   * @param end the closing time, after {@code start}
   */
  public record TimeRange(LocalTime start, LocalTime end) {
    /** Validates. */
    public TimeRange {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
      if (!end.isAfter(start)) {
        throw new IllegalArgumentException(
            "end must be after start (" + start + "), but was " + end);
      }
    }

    @Override
    public String toString() {
      return start + "-" + (end.equals(LocalTime.MAX) ? "24:00" : end.toString());
    }
  }

  /**
   * Configures a {@link BusinessCalendar}. Setters validate immediately; {@link #build()} requires
   * working hours on at least one weekday. Not thread-safe.
   */
  public static final class Builder {
    private final ZoneId zone;
    private final Map<DayOfWeek, List<TimeRange>> hours = new EnumMap<>(DayOfWeek.class);
    private final Set<LocalDate> holidays = new TreeSet<>();

    Builder(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * Adds working hours on {@code day}; several ranges per day are allowed (a lunch break).
     *
     * @throws IllegalArgumentException when {@code end} is not after {@code start}, or the range
     *     overlaps one already added for that day
     */
    public Builder hours(DayOfWeek day, LocalTime start, LocalTime end) {
      Objects.requireNonNull(day, "day");
      TimeRange range = new TimeRange(start, end);
      List<TimeRange> ranges = hours.computeIfAbsent(day, d -> new ArrayList<>());
      for (TimeRange other : ranges) {
        if (range.start().isBefore(other.end()) && other.start().isBefore(range.end())) {
          throw new IllegalArgumentException(
              "hours on " + day + " must not overlap " + other + ", but was " + range);
        }
      }
      ranges.add(range);
      return this;
    }

    /** Adds the same working hours Monday to Friday. */
    public Builder weekdays(LocalTime start, LocalTime end) {
      for (DayOfWeek day : DayOfWeek.values()) {
        if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
          hours(day, start, end);
        }
      }
      return this;
    }

    /** Adds a holiday. */
    public Builder holiday(LocalDate date) {
      holidays.add(Objects.requireNonNull(date, "date"));
      return this;
    }

    /**
     * Builds the calendar.
     *
     * @throws IllegalStateException when no weekday has working hours
     */
    public BusinessCalendar build() {
      if (hours.isEmpty()) {
        throw new IllegalStateException(
            "a calendar needs working hours on at least one weekday: call hours(...) or weekdays(...)");
      }
      return new BusinessCalendar(this);
    }
  }
}
