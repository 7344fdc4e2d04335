package dev.journey.testkit.assertions;

import org.assertj.core.error.BasicErrorMessageFactory;

/**
 * The base of this package's {@code ShouldX} factories: a message rendered in journey terms
 * (AssertJ adds the assertion's description in front).
 */
abstract class JourneyMessage extends BasicErrorMessageFactory {
  JourneyMessage(String message) {
    super(message.replace("%", "%%"));
  }
}
