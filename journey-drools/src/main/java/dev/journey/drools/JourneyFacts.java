package dev.journey.drools;

import dev.journey.core.ObjectType;
import dev.journey.core.Signal;
import dev.journey.core.TimerFiring;
import dev.journey.core.SignalTypes;
import dev.journey.core.sla.SlaStep;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.PendingTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The one fact a journey rule matches: a flat, read-only view of the signal, the subject's
 * snapshot and the engine's "now". Rules constrain its top-level {@code String}, {@code int},
 * {@code long} and {@code boolean} properties ({@code signalType}, {@code state}, {@code owner},
 * {@code fitScore}...), which Drools indexes by hash across all rules, so a rule set of hundreds of
 * rules only considers the rules that can match. Anything else is reachable through the helper
 * methods ({@link #attr}, {@link #prop}, {@link #counter}...) and the immutable {@link #getSignal()
 * signal} and {@link #getSnapshot() snapshot}.
 *
 * <pre>{@code
 * rule "demo request from nurture"
 *   @label("demo request qualifies")
 * when
 *   JourneyFacts(signalType == "DEMO_REQUESTED", state == "NURTURE", fitScore >= 50)
 * then
 *   decision.transitionTo("SALES_ENGAGED");
 * end
 * }</pre>
 *
 * <p>Immutable and thread-safe. Missing values are empty strings or zero, never {@code null}.
 */
public final class JourneyFacts {
  /** The signal attribute read by {@link #getFitScore()}. */
  public static final String FIT_SCORE = "fitScore";
  /** The signal attribute read by {@link #getIntentScore()}. */
  public static final String INTENT_SCORE = "intentScore";
  /** The signal attribute read by {@link #getSegment()}. */
  public static final String SEGMENT = "segment";
  /** The signal attribute read by {@link #getCountry()}. */
  public static final String COUNTRY = "country";
  /** The snapshot property read by {@link #getLifecycleStage()}. */
  public static final String LIFECYCLE_STAGE = "lifecycle_stage";

  /** The subject types' names in lower case, by ordinal (not one lower-cased copy per fact). */
  private static final String[] SUBJECT_TYPES = subjectTypes();

  private final Signal signal;
  private final JourneySnapshot snapshot;
  private final Instant now;
  private final String signalType;
  private final String source;
  private final String subjectType;
  private final String state;
  private final String owner;
  private final String timer;
  private final int fitScore;
  private final int intentScore;

  /**
   * Creates the view.
   *
   * @param snapshot the subject's snapshot
   * @param signal the signal
   * @param now the engine's clock reading
   */
  public JourneyFacts(JourneySnapshot snapshot, Signal signal, Instant now) {
    this.snapshot = snapshot;
    this.signal = signal;
    this.now = now;
    this.signalType = signal.type();
    this.source = signal.source();
    this.subjectType = SUBJECT_TYPES[snapshot.subject().type().ordinal()];
    this.state = snapshot.state();
    this.owner = snapshot.owner().orElse("");
    this.timer = signal.firing().map(TimerFiring::name).orElse("");
    this.fitScore = intAttr(signal, FIT_SCORE);
    this.intentScore = intAttr(signal, INTENT_SCORE);
  }

  private static String[] subjectTypes() {
    ObjectType[] types = ObjectType.values();
    String[] names = new String[types.length];
    for (ObjectType type : types) {
      names[type.ordinal()] = type.name().toLowerCase(Locale.ROOT);
    }
    return names;
  }

  private static int intAttr(Signal signal, String name) {
    long value = signal.longAttribute(name).orElse(0L);
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
  }

  /** The signal's type, e.g. {@code DEMO_REQUESTED}. */
  public String getSignalType() {
    return signalType;
  }

  /** The signal's id. */
  public String getSignalId() {
    return signal.id();
  }

  /** Who reported the signal, e.g. {@code hubspot}. */
  public String getSource() {
    return source;
  }

  /** The subject's object type in lower case: {@code contact}, {@code company} or {@code deal}. */
  public String getSubjectType() {
    return subjectType;
  }

  /** The subject's journey state before this signal. */
  public String getState() {
    return state;
  }

  /** The accountable owner's id; empty when unassigned. */
  public String getOwner() {
    return owner;
  }

  /** Returns {@code true} when an owner is assigned. */
  public boolean isOwned() {
    return !owner.isEmpty();
  }

  /**
   * For a {@code TIMER_FIRED} signal, the timer's name; empty otherwise. (Named {@code timerName}
   * because {@code timer} is a DRL keyword.)
   */
  public String getTimerName() {
    return timer;
  }

  /**
   * The SLA {@code policy} as the current signal sees it: {@code sla("first-touch").breached()} is
   * true on that SLA's breach firing, {@code sla("first-touch").reminder()} on its reminders.
   */
  public SlaView sla(String policy) {
    return SlaStep.of(signal)
        .filter(step -> step.policy().equals(policy))
        .map(SlaView::of)
        .orElse(SlaView.NONE);
  }

  /** The signal's numeric {@value #FIT_SCORE} attribute, 0 when absent. */
  public int getFitScore() {
    return fitScore;
  }

  /** The signal's numeric {@value #INTENT_SCORE} attribute, 0 when absent. */
  public int getIntentScore() {
    return intentScore;
  }

  /**
   * The signal's {@value #SEGMENT} attribute as text (e.g. {@code ENTERPRISE}); empty when absent.
   * A top-level property, so {@code segment == "ENTERPRISE"} is indexed across rules.
   */
  public String getSegment() {
    return text(signal.attributes().get(SEGMENT));
  }

  /** The signal's {@value #COUNTRY} attribute as text (e.g. {@code US}); empty when absent. */
  public String getCountry() {
    return text(signal.attributes().get(COUNTRY));
  }

  /**
   * The snapshot's {@value #LIFECYCLE_STAGE} property (e.g. {@code salesqualifiedlead}); empty
   * when unset.
   */
  public String getLifecycleStage() {
    return snapshot.property(LIFECYCLE_STAGE).orElse("");
  }

  private static String text(Object value) {
    return value == null ? "" : value instanceof String s ? s : String.valueOf(value);
  }

  /** The snapshot's version: 0 for a subject never seen. */
  public long getVersion() {
    return snapshot.version();
  }

  /** Whole hours since the subject entered its state. */
  public long getHoursInState() {
    return Duration.between(snapshot.stateSince(), now).toHours();
  }

  /** The engine's "now". */
  public Instant getNow() {
    return now;
  }

  /** The signal (immutable). */
  public Signal getSignal() {
    return signal;
  }

  /** The snapshot (immutable). */
  public JourneySnapshot getSnapshot() {
    return snapshot;
  }

  /** A signal attribute as text (numbers and booleans printed); empty when absent or null. */
  public String attr(String name) {
    return signal.attribute(name).map(String::valueOf).orElse("");
  }

  /** A numeric signal attribute as a long (doubles truncated); 0 when absent or not a number. */
  public long longAttr(String name) {
    return signal.longAttribute(name).orElse(0L);
  }

  /** Returns {@code true} when the signal has the attribute. */
  public boolean hasAttr(String name) {
    return signal.attributes().containsKey(name);
  }

  /** A snapshot property's value; empty when unset. */
  public String prop(String name) {
    return snapshot.property(name).orElse("");
  }

  /**
   * A declared feature's value, the signal at hand included ({@code feature("pricing_views_7d")
   * >= 3}); {@code journey check} rejects a name the journey does not declare.
   *
   * @throws dev.journey.core.feature.UnknownFeatureException when the journey does not declare
   *     {@code name}
   */
  public double feature(String name) {
    return snapshot.features().value(name);
  }

  /** A snapshot counter, 0 when absent. */
  public long counter(String name) {
    return snapshot.counter(name);
  }

  /** Returns {@code true} when the channel is suppressed now. */
  public boolean suppressed(String channel) {
    return snapshot.isSuppressed(channel, now);
  }

  /** Returns {@code true} when the timer is pending. */
  public boolean timerPending(String name) {
    return snapshot.timers().containsKey(name);
  }

  /** When the pending timer is due; {@link Instant#MAX} when it is not pending. */
  public Instant timerDue(String name) {
    return snapshot.timer(name).map(PendingTimer::dueAt).orElse(Instant.MAX);
  }

  /** {@code now} plus the given minutes, for due dates. */
  public Instant inMinutes(long minutes) {
    return now.plus(Duration.ofMinutes(minutes));
  }

  /** {@code now} plus the given hours, for due dates. */
  public Instant inHours(long hours) {
    return now.plus(Duration.ofHours(hours));
  }

  /** Prints the dispatch fields only (no attribute values: they can be personal data). */
  @Override
  public String toString() {
    return "JourneyFacts[signalType=" + signalType + ", state=" + state + ", subject="
        + snapshot.subject() + "]";
  }
}
