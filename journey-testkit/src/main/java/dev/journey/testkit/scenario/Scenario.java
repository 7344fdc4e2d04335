package dev.journey.testkit.scenario;

import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.testkit.JourneyDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A playbook written as a specification: given a subject in some state, when signals arrive at
 * given times, then the journey is in this state with these decisions, actions and timers.
 *
 * <pre>{@code
 * Scenario scenario = Scenario.on(JourneyDriver.builder().definition(journey).build());
 * scenario.given(contact("1")).inState(NURTURE)
 *     .when(at("09:00"), demoRequested())
 *     .then().state(SALES_ENGAGED).fired("demo request qualifies").actions(ASSIGN_OWNER, CREATE_TASK)
 *     .and().advanceTo(at("13:00"))
 *     .then().fired("first touch missed").actions(ESCALATE);
 * }</pre>
 *
 * <p>The model, rule set (any {@code JourneyEvaluator}, plain Java or Drools) and decision stages
 * (routing with its owner directory and calendar, SLAs, guardrails) are the driver's. Time only
 * moves forward, through the engine, so timers fire on the way. Not thread-safe: one scenario per
 * test.
 */
public final class Scenario {
  private final JourneyDriver driver;
  private int sequence;

  private Scenario(JourneyDriver driver) {
    this.driver = driver;
  }

  /** A scenario over {@code driver}'s engine, clock and store. */
  public static Scenario on(JourneyDriver driver) {
    return new Scenario(Objects.requireNonNull(driver, "driver"));
  }

  /** The driver. */
  public JourneyDriver driver() {
    return driver;
  }

  /** Starts the story of {@code subject}; several subjects may share a scenario. */
  public Given given(SubjectRef subject) {
    return new Given(this, Objects.requireNonNull(subject, "subject"));
  }

  String nextSignalId(SubjectRef subject, String type) {
    sequence++;
    return "scenario:" + subject + ":" + type + ":" + sequence;
  }

  /**
   * A time of day ({@code "09:00"}) on the day the scenario's clock started, in the clock's zone,
   * or an ISO instant ({@code "2026-03-02T09:00:00Z"}).
   *
   * @throws IllegalArgumentException when the text is neither
   */
  public static Moment at(String text) {
    return Moment.parse(text);
  }

  /** An instant. */
  public static Moment at(Instant instant) {
    return Moment.of(instant);
  }

  /** A duration after the clock's instant when the step runs. */
  public static Moment after(Duration duration) {
    return Moment.after(duration);
  }

  /** A signal of any type, from source {@code hubspot}. */
  public static SignalSpec signal(String type) {
    return new SignalSpec(type, "hubspot", null, Map.of());
  }

  /** {@link SignalTypes#DEMO_REQUESTED}. */
  public static SignalSpec demoRequested() {
    return signal(SignalTypes.DEMO_REQUESTED);
  }

  /** {@link SignalTypes#FORM_SUBMITTED}. */
  public static SignalSpec formSubmitted() {
    return signal(SignalTypes.FORM_SUBMITTED);
  }

  /** {@link SignalTypes#PRICING_PAGE_VIEWED}. */
  public static SignalSpec pricingPageViewed() {
    return signal(SignalTypes.PRICING_PAGE_VIEWED);
  }

  /** {@link SignalTypes#CONTENT_ENGAGED}. */
  public static SignalSpec contentEngaged() {
    return signal(SignalTypes.CONTENT_ENGAGED);
  }

  /** {@link SignalTypes#MEETING_BOOKED}. */
  public static SignalSpec meetingBooked() {
    return signal(SignalTypes.MEETING_BOOKED);
  }

  /** {@link SignalTypes#SALES_ACTIVITY}. */
  public static SignalSpec salesActivity() {
    return signal(SignalTypes.SALES_ACTIVITY);
  }

  /** {@link SignalTypes#LIFECYCLE_CHANGED} with attribute {@code lifecyclestage}. */
  public static SignalSpec lifecycleChanged(String stage) {
    return signal(SignalTypes.LIFECYCLE_CHANGED).with("lifecyclestage", stage);
  }

  /** {@link SignalTypes#DEAL_STAGE_CHANGED} with attribute {@code dealstage}. */
  public static SignalSpec dealStageChanged(String stage) {
    return signal(SignalTypes.DEAL_STAGE_CHANGED).with("dealstage", stage);
  }

  /** {@link SignalTypes#USAGE_DROPPED}. */
  public static SignalSpec usageDropped() {
    return signal(SignalTypes.USAGE_DROPPED);
  }

  /** {@link SignalTypes#INACTIVITY}. */
  public static SignalSpec inactivity() {
    return signal(SignalTypes.INACTIVITY);
  }
}
