package dev.journey.testkit.scenario;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;

/**
 * When something happens in a scenario: a time of day on the scenario's first day ({@link
 * Scenario#at(String)}), an instant, or a duration after the clock's current instant ({@link
 * Scenario#after(Duration)}). Resolved against the scenario's clock when used. Immutable.
 */
public final class Moment {
  private final LocalTime timeOfDay;
  private final int days;
  private final Instant instant;
  private final Duration after;

  private Moment(LocalTime timeOfDay, int days, Instant instant, Duration after) {
    this.timeOfDay = timeOfDay;
    this.days = days;
    this.instant = instant;
    this.after = after;
  }

  static Moment parse(String text) {
    Objects.requireNonNull(text, "text");
    try {
      if (text.contains("T")) {
        return new Moment(null, 0, Instant.parse(text), null);
      }
      return new Moment(LocalTime.parse(text), 0, null, null);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "moment must be a time of day like '09:00' or an instant like"
                  + " '2026-03-02T09:00:00Z', but was '%s'",
              text),
          e);
    }
  }

  static Moment of(Instant instant) {
    return new Moment(null, 0, Objects.requireNonNull(instant, "instant"), null);
  }

  static Moment after(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must be >= 0, but was " + duration);
    }
    return new Moment(null, 0, null, duration);
  }

  /**
   * The same time of day {@code days} later, e.g. {@code at("09:00").plusDays(1)} for the next
   * morning.
   *
   * @throws IllegalStateException when this moment is not a time of day
   */
  public Moment plusDays(int days) {
    if (timeOfDay == null) {
      throw new IllegalStateException("plusDays applies to a time of day like at(\"09:00\") only");
    }
    if (days < 0) {
      throw new IllegalArgumentException("days must be >= 0, but was " + days);
    }
    return new Moment(timeOfDay, this.days + days, null, null);
  }

  /** The instant this moment means for a scenario that started at {@code start} and is at {@code now}. */
  Instant resolve(Instant start, ZoneId zone, Instant now) {
    if (instant != null) {
      return instant;
    }
    if (after != null) {
      return now.plus(after);
    }
    LocalDate day = start.atZone(zone).toLocalDate().plusDays(days);
    return day.atTime(timeOfDay).atZone(zone).toInstant();
  }

  @Override
  public String toString() {
    if (instant != null) {
      return instant.toString();
    }
    if (after != null) {
      return "after " + after;
    }
    return days == 0 ? timeOfDay.toString() : "day " + (days + 1) + " " + timeOfDay;
  }
}
