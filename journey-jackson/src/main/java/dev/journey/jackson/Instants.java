package dev.journey.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;

/**
 * Instants as {@link java.time.format.DateTimeFormatter#ISO_INSTANT} prints them (what
 * jackson-datatype-jsr310 writes with timestamps off, and {@link Instant#toString()}), without
 * the formatter: {@code yyyy-MM-ddTHH:mm:ss}, the fraction in groups of three digits (none, 3, 6
 * or 9) and {@code Z}. Years outside 0000-9999 (where the formatter adds a sign) go through {@link
 * Instant#toString()}.
 */
final class Instants {
  /** 0000-01-01T00:00:00Z. */
  static final long MIN_SECOND = -62_167_219_200L;
  /** 10000-01-01T00:00:00Z, exclusive. */
  static final long END_SECOND = 253_402_300_800L;

  private Instants() {}

  static void write(JsonGenerator gen, Instant instant) throws IOException {
    if (instant == null) {
      gen.writeNull();
      return;
    }
    long seconds = instant.getEpochSecond();
    if (seconds < MIN_SECOND || seconds >= END_SECOND) {
      gen.writeString(instant.toString());
      return;
    }
    char[] buf = new char[30];
    int len = format(seconds, instant.getNano(), buf);
    gen.writeString(buf, 0, len);
  }

  /** The text of {@link Instant#toString()}, for tests. */
  static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < MIN_SECOND || seconds >= END_SECOND) {
      return instant.toString();
    }
    char[] buf = new char[30];
    return new String(buf, 0, format(seconds, instant.getNano(), buf));
  }

  /** Writes the text into {@code buf} (30 chars), returns its length. */
  private static int format(long epochSecond, int nano, char[] buf) {
    long days = Math.floorDiv(epochSecond, 86_400L);
    int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
    // civil date from days since 1970-01-01 (H. Hinnant's algorithm), proleptic Gregorian
    long z = days + 719_468L;
    long era = Math.floorDiv(z, 146_097L);
    long dayOfEra = z - era * 146_097L;
    long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long mp = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
    int hour = secondOfDay / 3_600;
    int minute = secondOfDay / 60 % 60;
    int second = secondOfDay % 60;
    buf[0] = digit(year / 1_000);
    buf[1] = digit(year / 100 % 10);
    buf[2] = digit(year / 10 % 10);
    buf[3] = digit(year % 10);
    buf[4] = '-';
    two(buf, 5, month);
    buf[7] = '-';
    two(buf, 8, day);
    buf[10] = 'T';
    two(buf, 11, hour);
    buf[13] = ':';
    two(buf, 14, minute);
    buf[16] = ':';
    two(buf, 17, second);
    int pos = 19;
    if (nano > 0) {
      buf[pos++] = '.';
      int digits = nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
      int div = 100_000_000;
      for (int i = 0; i < digits; i++) {
        buf[pos++] = digit(nano / div % 10);
        div /= 10;
      }
    }
    buf[pos++] = 'Z';
    return pos;
  }

  private static void two(char[] buf, int at, int value) {
    buf[at] = digit(value / 10);
    buf[at + 1] = digit(value % 10);
  }

  private static char digit(int d) {
    return (char) ('0' + d);
  }
}
