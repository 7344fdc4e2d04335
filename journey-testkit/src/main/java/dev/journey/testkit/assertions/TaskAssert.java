package dev.journey.testkit.assertions;

import dev.journey.core.action.CreateTask;
import dev.journey.core.decision.Decision;
import java.time.Instant;
import java.util.Objects;

/**
 * Assertions on a decision's {@link CreateTask}: owner, title, due time, priority and the handoff
 * context. Get one from {@link DecisionAssert#task()}.
 *
 * <pre>{@code
 * assertThat(decision).task().hasOwner("owner-7").hasContextEntry("source", "pricing page");
 * }</pre>
 */
public final class TaskAssert extends ActionAssert<TaskAssert, CreateTask> {
  TaskAssert(CreateTask actual, Decision decision) {
    super(actual, decision, TaskAssert.class);
  }

  /** Verifies the task's owner. */
  public TaskAssert hasOwner(String ownerId) {
    return field("owner", ownerId, actual.ownerId().orElse("(none: the subject's owner)"));
  }

  /** Verifies the task's title. */
  public TaskAssert hasTitle(String title) {
    return field("title", title, actual.title());
  }

  /** Verifies that the task's body contains {@code part}. */
  public TaskAssert hasBodyContaining(String part) {
    return fieldContaining("body", part, actual.body());
  }

  /** Verifies the task's due time. */
  public TaskAssert isDueAt(Instant dueAt) {
    return field("due time", dueAt, actual.dueAt());
  }

  /** Verifies the task's priority. */
  public TaskAssert hasPriority(String priority) {
    return field("priority", priority, actual.priority());
  }

  /** Verifies one entry of the task's handoff context. */
  public TaskAssert hasContextEntry(String key, String value) {
    Objects.requireNonNull(key, "key");
    if (!actual.context().containsKey(key)) {
      return field("context key", key, actual.context().keySet());
    }
    return field("context[" + key + "]", value, actual.context().get(key));
  }
}
