package dev.journey.core.sla;

import dev.journey.core.calendar.BusinessCalendar;
import dev.journey.core.internal.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A named service-level policy such as "first touch within 2 business hours".
 *
 * <p>Started by a decision ({@code decision.startSla("first-touch")}), satisfied by any signal of
 * a {@link Builder#satisfiedBy satisfying type} while running. Before the deadline the owner gets
 * a reminder at each configured fraction of the target. At the first breach the owner's manager
 * gets an {@code Escalate} and the owner a high-priority task; the SLA then runs for another
 * {@link Builder#escalationWindow escalation window}, and a second breach reassigns the subject
 * to the next eligible owner of the {@link Builder#reassignWith reassignment policy} (or the
 * {@link Builder#alternateQueue alternate queue}). Then the SLA ends.
 *
 * <pre>{@code
 * SlaPolicy firstTouch = SlaPolicy.builder("first-touch")
 *     .target(Duration.ofHours(2))
 *     .calendar(berlin)
 *     .satisfiedBy(SignalTypes.SALES_ACTIVITY, SignalTypes.MEETING_BOOKED)
 *     .reminderAt(0.5)
 *     .reassignWith("inbound")
 *     .build();
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class SlaPolicy {
  private final String name;
  private final Duration target;
  private final BusinessCalendar calendar;
  private final Set<String> satisfiedBy;
  private final List<Double> reminders;
  private final Duration escalationWindow;
  private final String reassignPolicy;
  private final String alternateQueue;

  private SlaPolicy(Builder b) {
    this.name = b.name;
    this.target = b.target;
    this.calendar = b.calendar;
    this.satisfiedBy = Collections.unmodifiableSet(new LinkedHashSet<>(b.satisfiedBy));
    List<Double> sorted = new ArrayList<>(b.reminders);
    Collections.sort(sorted);
    this.reminders = List.copyOf(sorted);
    this.escalationWindow = b.escalationWindow == null ? b.target : b.escalationWindow;
    this.reassignPolicy = b.reassignPolicy;
    this.alternateQueue = b.alternateQueue;
  }

  /** Starts a policy. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The name, as used in {@code decision.startSla(name)}. */
  public String name() {
    return name;
  }

  /** The target, in business time. */
  public Duration target() {
    return target;
  }

  /** The calendar business time is measured in. */
  public BusinessCalendar calendar() {
    return calendar;
  }

  /** The signal types that satisfy the SLA. */
  public Set<String> satisfiedBy() {
    return satisfiedBy;
  }

  /** The reminder fractions of the target, ascending. */
  public List<Double> reminders() {
    return reminders;
  }

  /** The business time between the first and the second breach. */
  public Duration escalationWindow() {
    return escalationWindow;
  }

  /** The routing policy used to reassign at the second breach; empty when none. */
  public String reassignPolicy() {
    return reassignPolicy;
  }

  /** The queue used at the second breach when no routing policy is set; empty when none. */
  public String alternateQueue() {
    return alternateQueue;
  }

  /** The name of the journey timer that drives this SLA: {@code sla:<name>}. */
  public String timerName() {
    return "sla:" + name;
  }

  /**
   * Configures an {@link SlaPolicy}. Setters validate immediately; {@link #build()} requires a
   * target, a calendar, at least one satisfying signal type and a reassignment target. Not
   * thread-safe.
   */
  public static final class Builder {
    private final String name;
    private Duration target;
    private BusinessCalendar calendar;
    private final Set<String> satisfiedBy = new LinkedHashSet<>();
    private final List<Double> reminders = new ArrayList<>();
    private Duration escalationWindow;
    private String reassignPolicy = "";
    private String alternateQueue = "";

    Builder(String name) {
      this.name = Checks.notBlank(name, "name");
    }

    /**
     * The target in business time.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder target(Duration target) {
      Objects.requireNonNull(target, "target");
      if (target.isZero() || target.isNegative()) {
        throw new IllegalArgumentException("target must be > 0, but was " + target);
      }
      this.target = target;
      return this;
    }

    /** The business calendar (required). */
    public Builder calendar(BusinessCalendar calendar) {
      this.calendar = Objects.requireNonNull(calendar, "calendar");
      return this;
    }

    /** Adds signal types that satisfy the SLA (e.g. {@code SALES_ACTIVITY}). */
    public Builder satisfiedBy(String... signalTypes) {
      for (String type : signalTypes) {
        satisfiedBy.add(Checks.notBlank(type, "signalType"));
      }
      return this;
    }

    /**
     * Adds a reminder at {@code fraction} of the target (e.g. 0.5 = half-way).
     *
     * @throws IllegalArgumentException when not strictly between 0 and 1, or added twice
     */
    public Builder reminderAt(double fraction) {
      if (!(fraction > 0 && fraction < 1)) {
        throw new IllegalArgumentException(
            "reminder fraction must be > 0 and < 1, but was " + fraction);
      }
      if (reminders.contains(fraction)) {
        throw new IllegalArgumentException("reminder fraction " + fraction + " was already added");
      }
      reminders.add(fraction);
      return this;
    }

    /**
     * The business time between the first and the second breach; default the target.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder escalationWindow(Duration window) {
      Objects.requireNonNull(window, "window");
      if (window.isZero() || window.isNegative()) {
        throw new IllegalArgumentException("escalationWindow must be > 0, but was " + window);
      }
      this.escalationWindow = window;
      return this;
    }

    /**
     * The routing policy that picks the next owner at the second breach (the current owner
     * excluded; its fallback queue when nobody is eligible).
     */
    public Builder reassignWith(String routingPolicy) {
      this.reassignPolicy = Checks.notBlank(routingPolicy, "routingPolicy");
      return this;
    }

    /** The queue that receives the subject at the second breach when no routing policy is set. */
    public Builder alternateQueue(String queueId) {
      this.alternateQueue = Checks.notBlank(queueId, "queueId");
      return this;
    }

    /**
     * Builds the policy.
     *
     * @throws IllegalStateException when target, calendar, satisfying signal types, or both
     *     reassignment targets are missing
     */
    public SlaPolicy build() {
      if (target == null) {
        throw new IllegalStateException("SLA '" + name + "' needs a target(...)");
      }
      if (calendar == null) {
        throw new IllegalStateException("SLA '" + name + "' needs a calendar(...)");
      }
      if (satisfiedBy.isEmpty()) {
        throw new IllegalStateException("SLA '" + name + "' needs satisfiedBy(...) signal types");
      }
      if (reassignPolicy.isEmpty() && alternateQueue.isEmpty()) {
        throw new IllegalStateException(
            "SLA '" + name + "' needs reassignWith(...) or alternateQueue(...) for the second breach");
      }
      return new SlaPolicy(this);
    }
  }
}
