package dev.journey.testkit.scenario;

import static dev.journey.testkit.assertions.JourneyAssertions.assertThat;
import static dev.journey.testkit.assertions.JourneyAssertions.assertThatAudit;

import dev.journey.core.action.Action;
import dev.journey.core.action.ActionKind;
import dev.journey.core.decision.Decision;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.sla.SlaStep;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.testkit.JourneyDriver;
import dev.journey.testkit.assertions.ActionsAssert;
import dev.journey.testkit.assertions.AuditAssert;
import dev.journey.testkit.assertions.DecisionAssert;
import dev.journey.testkit.assertions.JourneySnapshotAssert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The "then" of one step: checks on the subject's snapshot and on the audit records the step
 * committed for it (the signal's decision and any timer firings on the way). Each check fails
 * with a {@link dev.journey.testkit.assertions.JourneyAssertions} message prefixed by the subject
 * and step, e.g. {@code [contact:1, step 2: when 09:00 DEMO_REQUESTED]}.
 */
public final class Then {
  private final Given given;
  private final String description;
  private final List<AuditRecord> records;
  private final List<SignalResult> results;

  Then(Given given, String description, List<AuditRecord> records, List<SignalResult> results) {
    this.given = given;
    this.description = description;
    this.records = List.copyOf(records);
    this.results = List.copyOf(results);
  }

  /** Checks the subject's current journey state. */
  public Then state(String state) {
    snapshot().isInState(state);
    return this;
  }

  /** Checks the subject's current owner. */
  public Then owner(String ownerId) {
    snapshot().hasOwner(ownerId);
    return this;
  }

  /** Checks one of the subject's current properties. */
  public Then property(String name, String value) {
    snapshot().hasProperty(name, value);
    return this;
  }

  /**
   * Checks that each of the labels fired in some decision of this step. At least one label is
   * required: a check that names nothing would pass without checking anything.
   */
  public Then fired(String label, String... more) {
    String[] labels = new String[more.length + 1];
    labels[0] = label;
    System.arraycopy(more, 0, labels, 1, more.length);
    audit().hasFired(labels);
    return this;
  }

  /** Checks the kinds of the actions this step's committed decisions carry, in order. */
  public Then actions(ActionKind... kinds) {
    stepActions().hasKinds(kinds);
    return this;
  }

  /** Checks that this step's committed decisions carry no action. */
  public Then noActions() {
    stepActions().isEmpty();
    return this;
  }

  /** Checks that timer {@code name} is pending, due at {@code due}. */
  public Then timer(String name, Moment due) {
    JourneyDriver driver = given.scenario().driver();
    snapshot().hasTimer(name, due.resolve(driver.start(), driver.clock().getZone(), driver.now()));
    return this;
  }

  /**
   * Checks that SLA {@code policy} is running and due at {@code due}. Its timer ({@code
   * sla:<policy>}, checked with {@link #timer}) fires at the SLA's next step, which is a reminder
   * before the due time when the policy has reminders; this checks the due time itself.
   */
  public Then slaDue(String policy, Moment due) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(due, "due");
    JourneyDriver driver = given.scenario().driver();
    Instant expected = due.resolve(driver.start(), driver.clock().getZone(), driver.now());
    Optional<Instant> dueAt = current().timer("sla:" + policy).flatMap(SlaStep::of).map(SlaStep::dueAt);
    org.assertj.core.api.Assertions.assertThat(dueAt)
        .as("the due time of SLA %s of %s (empty: no such SLA running)", policy, current().subject())
        .contains(expected);
    return this;
  }

  /** Checks that no timer {@code name} is pending. */
  public Then noTimer(String name) {
    snapshot().hasNoTimer(name);
    return this;
  }

  /** Checks the outcomes of this step's audit records, in order. */
  public Then outcomes(AuditRecord.Outcome... outcomes) {
    audit().hasOutcomes(outcomes);
    return this;
  }

  /** Checks that this step had a rejected decision whose reason contains {@code text}. */
  public Then rejected(String text) {
    audit().hasRejectionContaining(text);
    return this;
  }

  /** Assertions on the subject's current snapshot. */
  public JourneySnapshotAssert snapshot() {
    return assertThat(given.snapshot()).as(description);
  }

  /** Assertions on this step's last decision; fails when the step committed none. */
  public DecisionAssert decision() {
    return audit().lastDecision();
  }

  /** Assertions on the actions of this step's committed ({@code DECIDED}) decisions, in order. */
  public ActionsAssert stepActions() {
    return assertThat(actionList()).as(description);
  }

  /** Assertions on this step's audit records. */
  public AuditAssert audit() {
    return assertThatAudit(records).as(description);
  }

  /** This step's audit records for the subject, in commit order. */
  public List<AuditRecord> records() {
    return records;
  }

  /** This step's decisions, in commit order. */
  public List<Decision> decisions() {
    List<Decision> decisions = new ArrayList<>();
    records.forEach(r -> decisions.add(r.decision()));
    return decisions;
  }

  /** What the engine returned for the step's signals (empty for an {@code advance}). */
  public List<SignalResult> results() {
    return results;
  }

  /** The subject's snapshot now. */
  public JourneySnapshot current() {
    return given.snapshot();
  }

  /** Back to the subject, for the next step. */
  public Given and() {
    return given;
  }

  private List<Action> actionList() {
    List<Action> actions = new ArrayList<>();
    for (AuditRecord record : records) {
      if (record.outcome() == AuditRecord.Outcome.DECIDED) {
        actions.addAll(record.decision().actions());
      }
    }
    return actions;
  }

  @Override
  public String toString() {
    return "Then[" + Objects.requireNonNull(description) + "]";
  }
}
