package dev.journey.testkit.assertions;

import dev.journey.core.action.Action;
import dev.journey.core.decision.Decision;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.state.JourneySnapshot;
import java.util.List;

/**
 * The single entry point to the testkit's AssertJ assertions, in journey terms.
 *
 * <pre>{@code
 * import static dev.journey.testkit.assertions.JourneyAssertions.assertThat;
 *
 * assertThat(result).isDecided().decision().hasStateAfter(SALES_ENGAGED).hasFired("demo request");
 * assertThat(snapshot).isInState(SALES_ENGAGED).hasOwner("42").hasTimer("sla", due);
 * assertThat(decision.actions()).hasKinds(ASSIGN_OWNER, CREATE_TASK);
 * JourneyAssertions.assertThatAudit(store.audit(subject)).hasOutcomes(DECIDED, REJECTED);
 * }</pre>
 *
 * <p>Audit lists have their own name, {@link #assertThatAudit}, because Java cannot overload
 * {@code assertThat} on {@code List<Action>} and {@code List<AuditRecord>} (same erasure). For
 * plain AssertJ next to these without two static imports, implement {@link
 * JourneyWithAssertions}.
 */
public final class JourneyAssertions {
  private JourneyAssertions() {}

  /** Assertions on a decision: state after, rules fired, actions, drops, timer commands. */
  public static DecisionAssert assertThat(Decision actual) {
    return new DecisionAssert(actual);
  }

  /** Assertions on a snapshot: state, owner, properties, counters, timers, suppressions. */
  public static JourneySnapshotAssert assertThat(JourneySnapshot actual) {
    return new JourneySnapshotAssert(actual);
  }

  /** Assertions on actions: kinds in order, ids. */
  public static ActionsAssert assertThat(List<Action> actual) {
    return new ActionsAssert(actual);
  }

  /** Assertions on actions, under the name {@link JourneyWithAssertions} uses too. */
  public static ActionsAssert assertThatActions(List<Action> actual) {
    return new ActionsAssert(actual);
  }

  /** Assertions on what the engine did with a signal. */
  public static SignalResultAssert assertThat(SignalResult actual) {
    return new SignalResultAssert(actual);
  }

  /** Assertions on audit records: outcomes, rejections, rules fired. */
  public static AuditAssert assertThatAudit(List<AuditRecord> actual) {
    return new AuditAssert(actual);
  }
}
