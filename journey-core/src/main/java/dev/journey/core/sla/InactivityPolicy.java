package dev.journey.core.sla;

import dev.journey.core.calendar.BusinessCalendar;
import dev.journey.core.internal.Checks;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * "No qualifying activity for N business days": once watched ({@code
 * decision.request(SlaStage.INACTIVITY_WATCH, name, Map.of())}), every qualifying signal pushes
 * the deadline to N business days after it; when the deadline passes the subject's owner is
 * notified and the firing signal is marked as an inactivity signal ({@link
 * SlaStage#isInactivity}) so rules can recycle or re-route.
 *
 * <pre>{@code
 * InactivityPolicy stale = InactivityPolicy.builder("stale-lead")
 *     .businessDays(3)
 *     .calendar(berlin)
 *     .qualifying(SignalTypes.SALES_ACTIVITY, SignalTypes.MEETING_BOOKED)
 *     .build();
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class InactivityPolicy {
  private final String name;
  private final int businessDays;
  private final BusinessCalendar calendar;
  private final Set<String> qualifying;

  private InactivityPolicy(Builder b) {
    this.name = b.name;
    this.businessDays = b.businessDays;
    this.calendar = b.calendar;
    this.qualifying = Collections.unmodifiableSet(new LinkedHashSet<>(b.qualifying));
  }

  /** Starts a policy. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The name. */
  public String name() {
    return name;
  }

  /** The threshold in business days. */
  public int businessDays() {
    return businessDays;
  }

  /** The calendar. */
  public BusinessCalendar calendar() {
    return calendar;
  }

  /** The signal types that count as activity. */
  public Set<String> qualifying() {
    return qualifying;
  }

  /** The journey timer's name: {@code inactivity:<name>}. */
  public String timerName() {
    return "inactivity:" + name;
  }

  /**
   * Configures an {@link InactivityPolicy}. {@link #build()} requires days, a calendar and at
   * least one qualifying signal type. Not thread-safe.
   */
  public static final class Builder {
    private final String name;
    private int businessDays;
    private BusinessCalendar calendar;
    private final Set<String> qualifying = new LinkedHashSet<>();

    Builder(String name) {
      this.name = Checks.notBlank(name, "name");
    }

    /**
     * The threshold.
     *
     * @throws IllegalArgumentException when below 1
     */
    public Builder businessDays(int days) {
      this.businessDays = (int) Checks.atLeast(days, 1, "businessDays");
      return this;
    }

    /** The calendar (required). */
    public Builder calendar(BusinessCalendar calendar) {
      this.calendar = Objects.requireNonNull(calendar, "calendar");
      return this;
    }

    /** Adds signal types that count as activity. */
    public Builder qualifying(String... signalTypes) {
      for (String type : signalTypes) {
        qualifying.add(Checks.notBlank(type, "signalType"));
      }
      return this;
    }

    /**
     * Builds the policy.
     *
     * @throws IllegalStateException when days, calendar or qualifying types are missing
     */
    public InactivityPolicy build() {
      if (businessDays == 0) {
        throw new IllegalStateException("inactivity policy '" + name + "' needs businessDays(...)");
      }
      if (calendar == null) {
        throw new IllegalStateException("inactivity policy '" + name + "' needs a calendar(...)");
      }
      if (qualifying.isEmpty()) {
        throw new IllegalStateException("inactivity policy '" + name + "' needs qualifying(...) signal types");
      }
      return new InactivityPolicy(this);
    }
  }
}
