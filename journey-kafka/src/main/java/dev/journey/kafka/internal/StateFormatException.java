package dev.journey.kafka.internal;

import dev.journey.core.JourneyException;

/**
 * A value in a journey state store that this version cannot read: an unknown format byte, a
 * truncated value, or a field its record refuses. The message says which value, where and what
 * is allowed; nothing is written when it is thrown.
 */
public final class StateFormatException extends JourneyException {
  private static final long serialVersionUID = 1L;

  StateFormatException(String message) {
    super(message);
  }

  StateFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
