package dev.journey.testkit.assertions;

import dev.journey.core.action.Action;
import dev.journey.core.action.ActionKind;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a list of actions (a decision's, an outbox's); get one from {@link
 * JourneyAssertions#assertThat(List)}.
 */
public final class ActionsAssert extends AbstractAssert<ActionsAssert, List<Action>> {
  private final String what;

  ActionsAssert(List<Action> actual) {
    this(actual, "actions");
  }

  ActionsAssert(List<Action> actual, String what) {
    super(actual, ActionsAssert.class);
    this.what = what;
  }

  /** Verifies the kinds, exactly and in order. */
  public ActionsAssert hasKinds(ActionKind... kinds) {
    isNotNull();
    List<ActionKind> expected = List.of(kinds);
    List<ActionKind> kindsOf = actual.stream().map(Action::kind).collect(Collectors.toList());
    if (!kindsOf.equals(expected)) {
      throwAssertionError(ShouldHaveActionKinds.shouldHaveActionKinds(what, expected, actual));
    }
    return this;
  }

  /** Verifies that there is no action. */
  public ActionsAssert isEmpty() {
    isNotNull();
    if (!actual.isEmpty()) {
      throwAssertionError(ShouldHaveActionKinds.shouldBeEmpty(what, actual));
    }
    return this;
  }

  /** Verifies that an action of {@code kind} is among them. */
  public ActionsAssert containsKind(ActionKind kind) {
    Objects.requireNonNull(kind, "kind");
    isNotNull();
    if (actual.stream().noneMatch(a -> a.kind() == kind)) {
      throwAssertionError(ShouldHaveActionKinds.shouldContainActionKind(what, kind, actual));
    }
    return this;
  }

  /** Verifies that no action of {@code kind} is among them. */
  public ActionsAssert doesNotContainKind(ActionKind kind) {
    Objects.requireNonNull(kind, "kind");
    isNotNull();
    if (actual.stream().anyMatch(a -> a.kind() == kind)) {
      throwAssertionError(ShouldHaveActionKinds.shouldNotContainActionKind(what, kind, actual));
    }
    return this;
  }

  /** Verifies that the set of action ids equals that of {@code expected} (order ignored). */
  public ActionsAssert hasSameIdsAs(Collection<? extends Action> expected) {
    Objects.requireNonNull(expected, "expected");
    isNotNull();
    Set<String> want = expected.stream().map(Action::id).collect(Collectors.toCollection(TreeSet::new));
    Set<String> have = actual.stream().map(Action::id).collect(Collectors.toCollection(TreeSet::new));
    if (!want.equals(have)) {
      throwAssertionError(ShouldHaveSameActionIds.shouldHaveSameActionIds(what, want, have));
    }
    return this;
  }
}
