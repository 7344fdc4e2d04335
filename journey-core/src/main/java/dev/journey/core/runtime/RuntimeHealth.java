package dev.journey.core.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link JourneyRuntime} is doing, with every reason that is not "up", for an application
 * to expose (a {@code /health} endpoint, a readiness probe). Immutable.
 *
 * @param status up, degraded or down: the worst of the reasons, {@link Status#UP} when none
 * @param reasons what is wrong, in a stable order; empty when up
 * @param checkedAt when it was computed (the runtime's clock)
 */
public record RuntimeHealth(Status status, List<Reason> reasons, Instant checkedAt) {

  /** The overall status. */
  public enum Status {
    /** Everything works. */
    UP,
    /** Working, but falling behind or failing partly: look at the reasons. */
    DEGRADED,
    /** Not doing its job: not running, or the store cannot be reached. */
    DOWN
  }

  /** Validates and copies. */
  public RuntimeHealth {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(checkedAt, "checkedAt");
    reasons = List.copyOf(reasons);
    Status worst = Status.UP;
    for (Reason r : reasons) {
      if (r.kind().status().compareTo(worst) > 0) {
        worst = r.kind().status();
      }
    }
    if (worst != status) {
      throw new IllegalArgumentException(
          "status must be the worst of the reasons (" + worst + "), but was " + status);
    }
  }

  /** A health computed from its reasons. */
  static RuntimeHealth of(List<Reason> reasons, Instant checkedAt) {
    Status worst = Status.UP;
    for (Reason r : reasons) {
      if (r.kind().status().compareTo(worst) > 0) {
        worst = r.kind().status();
      }
    }
    return new RuntimeHealth(worst, reasons, checkedAt);
  }

  /** Returns {@code true} when a reason of {@code kind} is present. */
  public boolean has(Kind kind) {
    return reasons.stream().anyMatch(r -> r.kind() == kind);
  }

  /** What can be wrong, and the status each implies. */
  public enum Kind {
    /** The runtime is not started, stopping or closed. */
    NOT_RUNNING(Status.DOWN),
    /** A store call failed. */
    STORE_UNREACHABLE(Status.DOWN),
    /** Ready actions wait longer than the relay-lag threshold. */
    RELAY_LAG(Status.DEGRADED),
    /** The executor failed at least the threshold share of recent attempts. */
    EXECUTOR_FAILING(Status.DEGRADED),
    /** New dead letters appeared within the dead-letter window. */
    DEAD_LETTERS_GROWING(Status.DEGRADED),
    /** The earliest pending timer is overdue by more than the timer-overdue threshold. */
    TIMERS_OVERDUE(Status.DEGRADED);

    private final Status status;

    Kind(Status status) {
      this.status = status;
    }

    /** The status this reason implies. */
    public Status status() {
      return status;
    }
  }

  /**
   * One reason the runtime is not up.
   *
   * @param kind what is wrong
   * @param detail a human-readable detail with the measured figure and the threshold; no
   *     personal data
   */
  public record Reason(Kind kind, String detail) {
    /** Validates. */
    public Reason {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
