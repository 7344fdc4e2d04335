package dev.journey.core.spi;

import dev.journey.core.internal.Redact;
import java.time.Duration;
import java.util.Objects;

/** What an {@link ActionExecutor} reports for one action. */
public sealed interface ExecutionResult {

  /** The action took effect. */
  static ExecutionResult done() {
    return Done.INSTANCE;
  }

  /** A transient failure; try again after at least {@code delay} (zero = use backoff). */
  static ExecutionResult retryAfter(Duration delay, String reason) {
    return new RetryAfter(delay, reason);
  }

  /**
   * The action was not attempted and should be tried again after {@code delay}: a rate limit
   * window, an approval not yet given. Unlike {@link #retryAfter} this does not count as a failed
   * attempt; the relay bounds how long an action may be deferred in total.
   */
  static ExecutionResult deferred(Duration delay, String reason) {
    return new Deferred(delay, reason);
  }

  /** A failure that will not go away by retrying (validation, missing scope, not found). */
  static ExecutionResult permanent(String reason) {
    return new Permanent(reason);
  }

  /** The outcome is unknown (e.g. a timeout after sending); retried with the same action id. */
  static ExecutionResult ambiguous(String reason) {
    return new Ambiguous(reason);
  }

  /** Success. */
  enum Done implements ExecutionResult {
    /** The instance. */
    INSTANCE
  }

  /**
   * Transient failure.
   *
   * @param delay the minimum wait
   * @param reason why
   */
  record RetryAfter(Duration delay, String reason) implements ExecutionResult {
    /** Prints everything but free text, which may be personal data. */
    @Override
    public String toString() {
      return "RetryAfter[delay=" + delay + ", reason=" + Redact.text(reason) + "]";
    }

    /** Validates. */
    public RetryAfter {
      Objects.requireNonNull(delay, "delay");
      Objects.requireNonNull(reason, "reason");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("delay must be >= 0, but was " + delay);
      }
    }
  }

  /**
   * Not attempted; try again later without counting an attempt.
   *
   * @param delay the minimum wait
   * @param reason why
   */
  record Deferred(Duration delay, String reason) implements ExecutionResult {
    /** Prints everything but free text, which may be personal data. */
    @Override
    public String toString() {
      return "Deferred[delay=" + delay + ", reason=" + Redact.text(reason) + "]";
    }

    /** Validates. */
    public Deferred {
      Objects.requireNonNull(delay, "delay");
      Objects.requireNonNull(reason, "reason");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("delay must be >= 0, but was " + delay);
      }
    }
  }

  /**
   * Permanent failure: dead-lettered at once.
   *
   * @param reason why
   */
  record Permanent(String reason) implements ExecutionResult {
    /** Prints everything but free text, which may be personal data. */
    @Override
    public String toString() {
      return "Permanent[reason=" + Redact.text(reason) + "]";
    }

    /** Validates. */
    public Permanent {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Unknown outcome: retried (the executor must be idempotent on the action id).
   *
   * @param reason why
   */
  record Ambiguous(String reason) implements ExecutionResult {
    /** Prints everything but free text, which may be personal data. */
    @Override
    public String toString() {
      return "Ambiguous[reason=" + Redact.text(reason) + "]";
    }

    /** Validates. */
    public Ambiguous {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
