package dev.journey.testkit.assertions;

import dev.journey.core.action.Action;
import dev.journey.core.action.ActionKind;
import dev.journey.core.action.AssignOwner;
import dev.journey.core.action.CreateTask;
import dev.journey.core.action.Escalate;
import dev.journey.core.action.Notify;
import dev.journey.core.action.Recycle;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.DroppedAction;
import dev.journey.core.decision.TimerCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a {@link Decision}; get one from {@link JourneyAssertions#assertThat(Decision)}. */
public final class DecisionAssert extends AbstractAssert<DecisionAssert, Decision> {
  DecisionAssert(Decision actual) {
    super(actual, DecisionAssert.class);
  }

  /** Verifies that the decision leads to {@code state}. */
  public DecisionAssert hasStateAfter(String state) {
    Objects.requireNonNull(state, "state");
    isNotNull();
    if (!actual.stateAfter().equals(state)) {
      throwAssertionError(ShouldHaveStateAfter.shouldHaveStateAfter(actual, state));
    }
    return this;
  }

  /** Verifies that the decision does not change the state. */
  public DecisionAssert keepsState() {
    isNotNull();
    if (actual.changesState()) {
      throwAssertionError(ShouldHaveStateAfter.shouldKeepState(actual));
    }
    return this;
  }

  /** Verifies that every one of {@code labels} fired (others may have fired too). */
  public DecisionAssert hasFired(String... labels) {
    isNotNull();
    List<String> missing = new ArrayList<>(Arrays.asList(labels));
    missing.removeAll(actual.rulesFired());
    if (!missing.isEmpty()) {
      throwAssertionError(
          ShouldHaveFired.shouldHaveFired(
              Render.decision(actual), List.of(labels), actual.rulesFired(), missing));
    }
    return this;
  }

  /** Verifies that exactly {@code labels} fired, in that order. */
  public DecisionAssert hasFiredExactly(String... labels) {
    isNotNull();
    if (!actual.rulesFired().equals(List.of(labels))) {
      throwAssertionError(
          ShouldHaveFired.shouldHaveFiredExactly(
              Render.decision(actual), List.of(labels), actual.rulesFired()));
    }
    return this;
  }

  /** Verifies that the rule labelled {@code label} did not fire. */
  public DecisionAssert hasNotFired(String label) {
    Objects.requireNonNull(label, "label");
    isNotNull();
    if (actual.rulesFired().contains(label)) {
      throwAssertionError(
          ShouldHaveFired.shouldNotHaveFired(Render.decision(actual), label, actual.rulesFired()));
    }
    return this;
  }

  /** Verifies the kinds of the decision's actions, exactly and in order. */
  public DecisionAssert hasActionKinds(ActionKind... kinds) {
    isNotNull();
    actions().hasKinds(kinds);
    return this;
  }

  /** Verifies that the decision carries no action. */
  public DecisionAssert hasNoActions() {
    isNotNull();
    actions().isEmpty();
    return this;
  }

  /** Verifies that a guardrail named {@code guardrail} dropped an action of kind {@code kind}. */
  public DecisionAssert hasDropped(ActionKind kind, String guardrail) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(guardrail, "guardrail");
    isNotNull();
    for (DroppedAction dropped : actual.dropped()) {
      if (dropped.action().kind() == kind && dropped.guardrail().equals(guardrail)) {
        return this;
      }
    }
    throwAssertionError(ShouldHaveDropped.shouldHaveDropped(actual, kind, guardrail));
    return this;
  }

  /** Verifies that no guardrail dropped anything. */
  public DecisionAssert hasNoDroppedActions() {
    isNotNull();
    if (!actual.dropped().isEmpty()) {
      throwAssertionError(ShouldHaveDropped.shouldHaveNoDroppedActions(actual));
    }
    return this;
  }

  /** Verifies that the decision schedules timer {@code name} due at {@code dueAt}. */
  public DecisionAssert schedulesTimer(String name, Instant dueAt) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dueAt, "dueAt");
    isNotNull();
    for (TimerCommand command : actual.timerCommands()) {
      if (command instanceof TimerCommand.Schedule
          && command.name().equals(name)
          && ((TimerCommand.Schedule) command).dueAt().equals(dueAt)) {
        return this;
      }
    }
    throwAssertionError(ShouldHaveTimer.shouldScheduleTimer(actual, name, dueAt));
    return this;
  }

  /** Verifies that the decision cancels timer {@code name}. */
  public DecisionAssert cancelsTimer(String name) {
    Objects.requireNonNull(name, "name");
    isNotNull();
    for (TimerCommand command : actual.timerCommands()) {
      if (command instanceof TimerCommand.Cancel && command.name().equals(name)) {
        return this;
      }
    }
    throwAssertionError(ShouldHaveTimer.shouldCancelTimer(actual, name));
    return this;
  }

  /** Verifies the deciding rule set, by name ({@code lead-handoff}) or key ({@code lead-handoff@2}). */
  public DecisionAssert isDecidedBy(String ruleSet) {
    Objects.requireNonNull(ruleSet, "ruleSet");
    isNotNull();
    if (!actual.ruleSet().name().equals(ruleSet) && !actual.ruleSet().key().equals(ruleSet)) {
      throwAssertionError(ShouldBeDecidedBy.shouldBeDecidedBy(actual, ruleSet));
    }
    return this;
  }

  /**
   * Assertions on the decision's only {@link CreateTask}; fails when it has none or several (use
   * {@link #task(String)} then).
   */
  public TaskAssert task() {
    return new TaskAssert(only(CreateTask.class, ActionKind.CREATE_TASK, "", t -> true), actual);
  }

  /** Assertions on the decision's {@link CreateTask} titled {@code title}. */
  public TaskAssert task(String title) {
    Objects.requireNonNull(title, "title");
    return new TaskAssert(
        only(
            CreateTask.class,
            ActionKind.CREATE_TASK,
            " titled \"" + title + "\"",
            t -> t.title().equals(title)),
        actual);
  }

  /** Assertions on the decision's only {@link AssignOwner}. */
  public AssignmentAssert assignment() {
    return new AssignmentAssert(
        only(AssignOwner.class, ActionKind.ASSIGN_OWNER, "", a -> true), actual);
  }

  /** Assertions on the decision's only {@link Escalate}. */
  public EscalationAssert escalation() {
    return new EscalationAssert(only(Escalate.class, ActionKind.ESCALATE, "", a -> true), actual);
  }

  /** Assertions on the decision's only {@link Recycle}. */
  public RecycleAssert recycle() {
    return new RecycleAssert(only(Recycle.class, ActionKind.RECYCLE, "", a -> true), actual);
  }

  /** Assertions on the decision's only {@link Notify}. */
  public NotificationAssert notification() {
    return new NotificationAssert(only(Notify.class, ActionKind.NOTIFY, "", a -> true), actual);
  }

  private <A extends Action> A only(
      Class<A> type, ActionKind kind, String which, Predicate<A> matching) {
    isNotNull();
    List<A> found = new ArrayList<>();
    for (Action action : actual.actions()) {
      if (type.isInstance(action) && matching.test(type.cast(action))) {
        found.add(type.cast(action));
      }
    }
    if (found.size() != 1) {
      throwAssertionError(ShouldHaveActionField.shouldHaveOne(actual, kind, which, found));
    }
    return found.get(0);
  }

  /** Assertions on the decision's actions. */
  public ActionsAssert actions() {
    isNotNull();
    ActionsAssert actions = new ActionsAssert(actual.actions(), Render.decision(actual));
    return info.description() == null ? actions : actions.as(info.description());
  }
}
