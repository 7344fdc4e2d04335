package dev.journey.core.state;

import dev.journey.core.internal.Redact;
import java.time.Instant;
import java.util.Objects;

/**
 * A property value of a journey subject with the writer that set it (a rule set name or a signal
 * source) and when.
 *
 * @param value the value
 * @param writer who wrote it
 * @param writtenAt when
 */
public record PropertyValue(String value, String writer, Instant writtenAt) {
  /** Validates. */
  public PropertyValue {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(writer, "writer");
    Objects.requireNonNull(writtenAt, "writtenAt");
  }

  /** Prints everything but free text and values, which may be personal data. */
  @Override
  public String toString() {
    return "PropertyValue[value=" + Redact.text(value) + ", writer=" + writer + ", writtenAt=" + writtenAt + "]";
  }
}
