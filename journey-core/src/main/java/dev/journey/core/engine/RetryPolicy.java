package dev.journey.core.engine;

import dev.journey.core.spi.ExecutionResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * How a relay retries an action that failed transiently or ambiguously: exponential backoff from
 * {@code initialBackoff}, doubled per failed attempt up to {@code maxBackoff}, with a jitter of
 * ±{@code jitter} derived from the action id and attempt number (not from a random source, so a
 * run is reproducible), and at most {@code maxAttempts} attempts. Shared by {@link OutboxRelay}
 * and the Kafka actions-topic relay, so that both retry alike.
 *
 * @param maxAttempts attempts before giving up, at least 1
 * @param initialBackoff the wait after the first failed attempt, at least 0
 * @param maxBackoff the longest wait, at least {@code initialBackoff}
 * @param jitter the jitter fraction, within [0, 1]
 */
public record RetryPolicy(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter) {

  /** Validates. */
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, but was " + maxAttempts);
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (initialBackoff.isNegative()) {
      throw new IllegalArgumentException("initialBackoff must be >= 0, but was " + initialBackoff);
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff must be >= initialBackoff (" + initialBackoff + "), but was " + maxBackoff);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter must be within [0, 1], but was " + jitter);
    }
  }

  /**
   * The wait before attempt {@code failedAttempts + 1}: exponential, capped, with stable jitter.
   *
   * @param actionId the action's id (seeds the jitter)
   * @param failedAttempts attempts made and failed so far, at least 1
   */
  public Duration backoff(String actionId, int failedAttempts) {
    Objects.requireNonNull(actionId, "actionId");
    if (failedAttempts < 1) {
      throw new IllegalArgumentException("failedAttempts must be >= 1, but was " + failedAttempts);
    }
    double base = initialBackoff.toMillis() * Math.pow(2, Math.min(failedAttempts - 1, 62));
    double capped = Math.min(base, maxBackoff.toMillis());
    if (jitter == 0) {
      return Duration.ofMillis(Math.round(capped));
    }
    CRC32 crc = new CRC32();
    crc.update((actionId + "#" + failedAttempts).getBytes(StandardCharsets.UTF_8));
    double unit = (crc.getValue() / (double) 0xFFFFFFFFL) * 2 - 1; // [-1, 1]
    long millis = Math.max(0, Math.round(capped * (1 + jitter * unit)));
    return Duration.ofMillis(millis);
  }

  /**
   * What to do after a failed attempt that may be retried ({@link ExecutionResult.RetryAfter} or
   * {@link ExecutionResult.Ambiguous}): the wait before the next attempt (the backoff, or the
   * executor's retry-after when longer), or empty when the attempts are used up.
   *
   * @param actionId the action's id
   * @param failedAttempts attempts made and failed so far, including this one
   * @param result the result of this attempt
   * @throws IllegalArgumentException when the result is not one to retry
   */
  public Optional<Duration> nextWait(String actionId, int failedAttempts, ExecutionResult result) {
    Duration atLeast;
    if (result instanceof ExecutionResult.RetryAfter retryAfter) {
      atLeast = retryAfter.delay();
    } else if (result instanceof ExecutionResult.Ambiguous) {
      atLeast = Duration.ZERO;
    } else {
      throw new IllegalArgumentException(
          "only a retry-after or an ambiguous result is retried, but was " + result);
    }
    if (failedAttempts >= maxAttempts) {
      return Optional.empty();
    }
    Duration wait = backoff(actionId, failedAttempts);
    return Optional.of(atLeast.compareTo(wait) > 0 ? atLeast : wait);
  }

  /** Why a retried attempt failed, as the executor said: the reason of a retry-after or ambiguous result. */
  public static String reason(ExecutionResult result) {
    if (result instanceof ExecutionResult.RetryAfter retryAfter) {
      return retryAfter.reason();
    }
    if (result instanceof ExecutionResult.Ambiguous ambiguous) {
      return "ambiguous: " + ambiguous.reason();
    }
    return result.toString();
  }
}
