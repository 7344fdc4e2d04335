package dev.journey.testkit.assertions;

import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.PendingTimer;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link JourneySnapshot}; get one from {@link
 * JourneyAssertions#assertThat(JourneySnapshot)}.
 */
public final class JourneySnapshotAssert
    extends AbstractAssert<JourneySnapshotAssert, JourneySnapshot> {
  JourneySnapshotAssert(JourneySnapshot actual) {
    super(actual, JourneySnapshotAssert.class);
  }

  /** Verifies the journey state. */
  public JourneySnapshotAssert isInState(String state) {
    Objects.requireNonNull(state, "state");
    isNotNull();
    if (!actual.state().equals(state)) {
      throwAssertionError(ShouldBeInState.shouldBeInState(actual, state));
    }
    return this;
  }

  /** Verifies the accountable owner. */
  public JourneySnapshotAssert hasOwner(String ownerId) {
    Objects.requireNonNull(ownerId, "ownerId");
    isNotNull();
    if (!actual.owner().equals(Optional.of(ownerId))) {
      throwAssertionError(ShouldHaveProperty.shouldHaveOwner(actual, ownerId));
    }
    return this;
  }

  /** Verifies a property's value. */
  public JourneySnapshotAssert hasProperty(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    isNotNull();
    if (!actual.property(name).equals(Optional.of(value))) {
      throwAssertionError(ShouldHaveProperty.shouldHaveProperty(actual, name, value));
    }
    return this;
  }

  /** Verifies a counter's value (absent counters are 0). */
  public JourneySnapshotAssert hasCounter(String name, long value) {
    Objects.requireNonNull(name, "name");
    isNotNull();
    if (actual.counter(name) != value) {
      throwAssertionError(ShouldHaveProperty.shouldHaveCounter(actual, name, value));
    }
    return this;
  }

  /** Verifies the optimistic-concurrency version. */
  public JourneySnapshotAssert hasVersion(long version) {
    isNotNull();
    if (actual.version() != version) {
      throwAssertionError(ShouldHaveProperty.shouldHaveVersion(actual, version));
    }
    return this;
  }

  /** Verifies that timer {@code name} is pending and due at {@code dueAt}. */
  public JourneySnapshotAssert hasTimer(String name, Instant dueAt) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dueAt, "dueAt");
    isNotNull();
    PendingTimer timer = actual.timers().get(name);
    if (timer == null || !timer.dueAt().equals(dueAt)) {
      throwAssertionError(ShouldHaveTimer.shouldHaveTimer(actual, name, dueAt));
    }
    return this;
  }

  /** Verifies that no timer {@code name} is pending. */
  public JourneySnapshotAssert hasNoTimer(String name) {
    Objects.requireNonNull(name, "name");
    isNotNull();
    if (actual.timers().containsKey(name)) {
      throwAssertionError(ShouldHaveTimer.shouldNotHaveTimer(actual, name));
    }
    return this;
  }

  /** Verifies that {@code channel} has a suppression recorded (whatever its end). */
  public JourneySnapshotAssert hasSuppression(String channel) {
    Objects.requireNonNull(channel, "channel");
    isNotNull();
    if (!actual.suppressions().containsKey(channel)) {
      throwAssertionError(ShouldHaveProperty.shouldHaveSuppression(actual, channel));
    }
    return this;
  }
}
