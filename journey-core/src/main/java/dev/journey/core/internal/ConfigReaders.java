package dev.journey.core.internal;

import dev.journey.core.calendar.BusinessCalendar;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Reads configuration objects from {@link ConfigNode}s. Not API. */
public final class ConfigReaders {
  private static final List<String> DAY_KEYS =
      List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

  private ConfigReaders() {}

  /** Reads a business calendar object: {@code zone}, {@code hours}, optional {@code holidays}. */
  public static BusinessCalendar calendar(ConfigNode node) {
    node.requireObject("zone", "hours", "holidays");
    BusinessCalendar.Builder b = BusinessCalendar.builder(node.get("zone").asZone());
    ConfigNode hours = node.get("hours");
    hours.requireObject(DAY_KEYS.toArray(new String[0]));
    for (String key : hours.keys()) {
      DayOfWeek day = DayOfWeek.of(DAY_KEYS.indexOf(key) + 1);
      for (ConfigNode range : hours.get(key).elements()) {
        String text = range.asString();
        LocalTime[] parsed = parseRange(text);
        if (parsed == null) {
          throw range.error("a range HH:mm-HH:mm such as 09:00-17:00", "'" + text + "'");
        }
        try {
          b.hours(day, parsed[0], parsed[1]);
        } catch (IllegalArgumentException e) {
          throw range.error(
              "a range that ends after it starts and overlaps no other range of " + key,
              "'" + text + "'");
        }
      }
    }
    node.find("holidays").ifPresent(h -> h.elements().forEach(d -> b.holiday(d.asDate())));
    if (hours.keys().isEmpty()) {
      throw hours.error("working hours on at least one weekday", "none");
    }
    return b.build();
  }

  private static LocalTime[] parseRange(String text) {
    int dash = text.indexOf('-');
    if (dash < 0) {
      return null;
    }
    try {
      LocalTime start = LocalTime.parse(text.substring(0, dash).trim());
      String endText = text.substring(dash + 1).trim();
      LocalTime end = endText.equals("24:00") ? LocalTime.MAX : LocalTime.parse(endText);
      return new LocalTime[] {start, end};
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
