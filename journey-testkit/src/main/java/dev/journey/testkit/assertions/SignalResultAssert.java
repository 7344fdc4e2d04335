package dev.journey.testkit.assertions;

import dev.journey.core.decision.Decision;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.state.JourneySnapshot;
import java.util.Objects;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on what the engine did with a signal; get one from {@link
 * JourneyAssertions#assertThat(SignalResult)}.
 */
public final class SignalResultAssert extends AbstractAssert<SignalResultAssert, SignalResult> {
  SignalResultAssert(SignalResult actual) {
    super(actual, SignalResultAssert.class);
  }

  /** Verifies the status. */
  public SignalResultAssert hasStatus(SignalResult.Status status) {
    Objects.requireNonNull(status, "status");
    isNotNull();
    if (actual.status() != status) {
      throwAssertionError(ShouldHaveStatus.shouldHaveStatus(actual, status));
    }
    return this;
  }

  /** Verifies that the signal was decided and committed. */
  public SignalResultAssert isDecided() {
    return hasStatus(SignalResult.Status.DECIDED);
  }

  /** Verifies that the signal was recognised as a duplicate. */
  public SignalResultAssert isDuplicate() {
    return hasStatus(SignalResult.Status.DUPLICATE);
  }

  /** Verifies that the decision was rejected (and audited). */
  public SignalResultAssert isRejected() {
    return hasStatus(SignalResult.Status.REJECTED);
  }

  /** Verifies that the signal was a stale timer firing. */
  public SignalResultAssert isStaleTimer() {
    return hasStatus(SignalResult.Status.STALE_TIMER);
  }

  /** Verifies that the signal was parked by loop protection. */
  public SignalResultAssert isParked() {
    return hasStatus(SignalResult.Status.PARKED);
  }

  /** Verifies that the rejection or parking reason contains {@code text}. */
  public SignalResultAssert hasErrorContaining(String text) {
    Objects.requireNonNull(text, "text");
    isNotNull();
    if (!Results.reason(actual).orElse("").contains(text)) {
      throwAssertionError(ShouldHaveStatus.shouldHaveErrorContaining(actual, text));
    }
    return this;
  }

  /** Assertions on the decision; fails for a duplicate, which has none. */
  public DecisionAssert decision() {
    isNotNull();
    Optional<Decision> found = Results.decision(actual);
    if (found.isEmpty()) {
      throwAssertionError(ShouldHaveStatus.shouldHave(actual, "decision"));
    }
    DecisionAssert decision = new DecisionAssert(found.get());
    return info.description() == null ? decision : decision.as(info.description());
  }

  /** Assertions on the snapshot after the signal; fails for a duplicate, which has none. */
  public JourneySnapshotAssert snapshot() {
    isNotNull();
    Optional<JourneySnapshot> found = Results.snapshot(actual);
    if (found.isEmpty()) {
      throwAssertionError(ShouldHaveStatus.shouldHave(actual, "snapshot"));
    }
    JourneySnapshotAssert snapshot = new JourneySnapshotAssert(found.get());
    return info.description() == null ? snapshot : snapshot.as(info.description());
  }
}
