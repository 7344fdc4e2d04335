package dev.journey.testkit.assertions;

import dev.journey.core.action.Action;
import dev.journey.core.decision.Decision;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.state.JourneySnapshot;
import java.util.List;
import org.assertj.core.api.WithAssertions;

/**
 * Plain AssertJ and the journey assertions from one place: a test class that {@code implements
 * JourneyWithAssertions} calls {@code assertThat(..)} on journey values and on anything else
 * without a static import.
 *
 * <pre>{@code
 * final class HandoffTest implements JourneyWithAssertions {
 *   void check(Decision decision) {
 *     assertThat(decision).task().hasOwner("owner-7");
 *     assertThat(decision.rulesFired()).hasSize(1);   // plain AssertJ
 *   }
 * }
 * }</pre>
 *
 * <p>Lists of actions are asserted with {@link #assertThatActions} here: AssertJ's own {@code
 * assertThat(List)} has the same erasure, so Java cannot overload it.
 */
public interface JourneyWithAssertions extends WithAssertions {

  /** Assertions on a decision: state after, rules fired, actions, drops, typed actions. */
  default DecisionAssert assertThat(Decision actual) {
    return JourneyAssertions.assertThat(actual);
  }

  /** Assertions on a snapshot: state, owner, properties, counters, timers, suppressions. */
  default JourneySnapshotAssert assertThat(JourneySnapshot actual) {
    return JourneyAssertions.assertThat(actual);
  }

  /** Assertions on what the engine did with a signal. */
  default SignalResultAssert assertThat(SignalResult actual) {
    return JourneyAssertions.assertThat(actual);
  }

  /** Assertions on actions: kinds in order, ids. */
  default ActionsAssert assertThatActions(List<Action> actual) {
    return JourneyAssertions.assertThat(actual);
  }

  /** Assertions on audit records: outcomes, rejections, rules fired. */
  default AuditAssert assertThatAudit(List<AuditRecord> actual) {
    return JourneyAssertions.assertThatAudit(actual);
  }
}
