package dev.journey.jdbc;

import java.time.Duration;
import java.util.Objects;

/**
 * What a timer that fires late (after downtime or a backlog) does, after Quartz's misfire
 * instructions. Lateness is the engine's clock minus the timer's due time; a timer at most
 * {@link #tolerance()} late is on time and fires normally under every policy.
 */
public sealed interface MisfirePolicy {

  /** Lateness up to which a firing counts as on time. */
  Duration tolerance();

  /**
   * Fire once, now, and mark the decision late in the audit (annotations {@code misfire=late} and
   * {@code misfire.lateBy}). Right for SLA breaches and escalations.
   */
  static MisfirePolicy fireNow(Duration tolerance) {
    return new FireNow(tolerance);
  }

  /**
   * Skip the firing when it is more than {@code bound} late: the timer is completed, the rules'
   * decision is discarded (its actions recorded as dropped by guardrail {@code misfire}) and the
   * audit says {@code misfire=skipped}. Right for reminders that make no sense hours later.
   */
  static MisfirePolicy skipIfLaterThan(Duration bound) {
    return new SkipIfLaterThan(bound);
  }

  /**
   * Fire once for all missed occurrences of a recurring timer: when the decision reschedules the
   * same timer at a time already past, it is moved forward by whole periods (period = new due
   * time minus the missed one) to the first occurrence after now; the audit says {@code
   * misfire=coalesced} and how many occurrences were skipped.
   */
  static MisfirePolicy coalesce(Duration tolerance) {
    return new Coalesce(tolerance);
  }

  /**
   * See {@link MisfirePolicy#fireNow}.
   *
   * @param tolerance lateness still on time
   */
  record FireNow(Duration tolerance) implements MisfirePolicy {
    /** Validates. */
    public FireNow {
      check(tolerance, "tolerance");
    }
  }

  /**
   * See {@link MisfirePolicy#skipIfLaterThan}.
   *
   * @param tolerance the bound: later than this is skipped
   */
  record SkipIfLaterThan(Duration tolerance) implements MisfirePolicy {
    /** Validates. */
    public SkipIfLaterThan {
      check(tolerance, "bound");
    }
  }

  /**
   * See {@link MisfirePolicy#coalesce}.
   *
   * @param tolerance lateness still on time
   */
  record Coalesce(Duration tolerance) implements MisfirePolicy {
    /** Validates. */
    public Coalesce {
      check(tolerance, "tolerance");
    }
  }

  private static void check(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must be >= 0, but was " + d);
    }
  }
}
