package dev.journey.examples.leadhandoff;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Sales business hours: Monday to Friday, 09:00 to 17:00 in a region's sales time zone. No
 * holidays. Stateless and thread-safe.
 */
final class BusinessHours {
  static final LocalTime OPEN = LocalTime.of(9, 0);
  static final LocalTime CLOSE = LocalTime.of(17, 0);

  private BusinessHours() {}

  /** Whether {@code at} falls within business hours in {@code zone}. */
  static boolean isOpen(Instant at, ZoneId zone) {
    ZonedDateTime local = at.atZone(zone);
    LocalTime time = local.toLocalTime();
    return isWorkday(local.getDayOfWeek()) && !time.isBefore(OPEN) && time.isBefore(CLOSE);
  }

  /** The instant {@code minutes} business minutes after {@code from} in {@code zone}. */
  static Instant plusBusinessMinutes(Instant from, long minutes, ZoneId zone) {
    ZonedDateTime cursor = from.atZone(zone);
    long remaining = minutes;
    while (true) {
      cursor = nextOpen(cursor);
      ZonedDateTime close = cursor.with(CLOSE);
      long available = Duration.between(cursor, close).getSeconds() / 60;
      if (remaining <= available) {
        return cursor.plusMinutes(remaining).toInstant();
      }
      remaining -= available;
      cursor = close;
    }
  }

  /** {@code cursor} if it is within business hours, otherwise the next opening. */
  private static ZonedDateTime nextOpen(ZonedDateTime cursor) {
    ZonedDateTime at = cursor;
    while (true) {
      LocalTime time = at.toLocalTime();
      if (isWorkday(at.getDayOfWeek()) && !time.isBefore(OPEN) && time.isBefore(CLOSE)) {
        return at;
      }
      if (isWorkday(at.getDayOfWeek()) && time.isBefore(OPEN)) {
        return at.with(OPEN);
      }
      at = at.toLocalDate().plusDays(1).atTime(OPEN).atZone(at.getZone());
    }
  }

  private static boolean isWorkday(DayOfWeek day) {
    return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
  }
}
