package dev.journey.jackson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JacksonFeatureSet;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeFeature;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;

/**
 * Reads an instant in the one form journey documents hold it, {@code yyyy-MM-ddTHH:mm:ssZ} with
 * an optional fraction of 1 to 9 digits (what {@link Instants} writes), straight from the
 * parser's characters, without {@link java.time.format.DateTimeFormatter}. Every other input
 * (another form, a number, a field out of range, a leap second, an error) goes to the {@link
 * InstantDeserializer} of {@code JavaTimeModule}, so what is accepted, what it reads as and the
 * error messages are that deserializer's (checked by a property against {@link
 * JourneyJson#reflectiveMapper()}).
 */
final class InstantReader extends StdScalarDeserializer<Instant> implements ContextualDeserializer {
  private static final long serialVersionUID = 1L;

  /** The deserializer {@code new JavaTimeModule()} registers for {@link Instant}. */
  private final InstantDeserializer<Instant> fallback;

  InstantReader() {
    super(Instant.class);
    this.fallback =
        InstantDeserializer.INSTANT.withFeatures(JacksonFeatureSet.fromDefaults(JavaTimeFeature.values()));
  }

  @Override
  public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
      throws JsonMappingException {
    JsonDeserializer<?> contextual = fallback.createContextual(ctxt, property);
    // a property or type with a format of its own is read as the module reads it
    return contextual == fallback ? this : contextual;
  }

  @Override
  public Instant getNullValue(DeserializationContext ctxt) throws JsonMappingException {
    return fallback.getNullValue(ctxt);
  }

  @Override
  public Object getEmptyValue(DeserializationContext ctxt) throws JsonMappingException {
    return fallback.getEmptyValue(ctxt);
  }

  @Override
  public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (p.hasToken(JsonToken.VALUE_STRING)) {
      Instant fast = parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
      if (fast != null) {
        return fast;
      }
    }
    return fallback.deserialize(p, ctxt);
  }

  /** The instant of the canonical text at {@code chars[off, off + len)}, or {@code null}. */
  static Instant parse(char[] c, int off, int len) {
    if (len < 20 || len > 30 || len == 21 || c[off + len - 1] != 'Z') {
      return null;
    }
    if (c[off + 4] != '-' || c[off + 7] != '-' || c[off + 10] != 'T' || c[off + 13] != ':'
        || c[off + 16] != ':') {
      return null;
    }
    int year = digits(c, off, 4);
    int month = digits(c, off + 5, 2);
    int day = digits(c, off + 8, 2);
    int hour = digits(c, off + 11, 2);
    int minute = digits(c, off + 14, 2);
    int second = digits(c, off + 17, 2);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    if (month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month) || hour > 23
        || minute > 59 || second > 59) {
      return null;
    }
    int nano = 0;
    if (len > 20) {
      if (c[off + 19] != '.') {
        return null;
      }
      int fraction = len - 21; // 1 to 9 digits
      int value = digits(c, off + 20, fraction);
      if (value < 0) {
        return null;
      }
      nano = value;
      for (int i = fraction; i < 9; i++) {
        nano *= 10;
      }
    }
    long days = daysFromCivil(year, month, day);
    return Instant.ofEpochSecond(days * 86_400L + hour * 3_600L + minute * 60L + second, nano);
  }

  /** The decimal value of {@code n} ASCII digits, or -1 when one is not a digit. */
  private static int digits(char[] c, int at, int n) {
    int value = 0;
    for (int i = 0; i < n; i++) {
      int d = c[at + i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }

  private static int lengthOfMonth(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
  private static long daysFromCivil(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yearOfEra = y - era * 400;
    long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }
}
