package dev.journey.core.action;

import dev.journey.core.internal.Redact;
import dev.journey.core.SubjectRef;
import dev.journey.core.internal.Checks;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Creates a task for an owner, carrying the handoff context (source, last conversion, key pages,
 * fit attributes, the triggering signal).
 *
 * @param id the deterministic action id
 * @param subject the subject
 * @param title the task subject line
 * @param body the task body
 * @param ownerId the assignee; empty means the subject's owner after the decision (the engine binds
 *     it before the action reaches the outbox)
 * @param dueAt when the task is due
 * @param priority {@code LOW}, {@code MEDIUM} or {@code HIGH}
 * @param taskType {@code CALL}, {@code EMAIL} or {@code TODO}
 * @param context handoff context, name to value
 */
public record CreateTask(
    String id,
    SubjectRef subject,
    String title,
    String body,
    Optional<String> ownerId,
    Instant dueAt,
    String priority,
    String taskType,
    Map<String, String> context)
    implements Action {
  /** Prints everything but free text, which may be personal data. */
  @Override
  public String toString() {
    return "CreateTask[id=" + id + ", subject=" + subject + ", title=" + Redact.text(title) + ", body="
        + Redact.text(body) + ", ownerId=" + ownerId.orElse("") + ", dueAt=" + dueAt + ", priority=" + priority
        + ", taskType=" + taskType + ", context=" + Redact.keys(context) + "]";
  }


  /** Validates and copies. */
  public CreateTask {
    Checks.notBlank(id, "id");
    Objects.requireNonNull(subject, "subject");
    Checks.notBlank(title, "title");
    Checks.notNull(body, "body");
    Objects.requireNonNull(ownerId, "ownerId");
    ownerId.ifPresent(o -> Checks.notBlank(o, "ownerId"));
    Objects.requireNonNull(dueAt, "dueAt");
    if (!priority.equals("LOW") && !priority.equals("MEDIUM") && !priority.equals("HIGH")) {
      throw new IllegalArgumentException(
          "priority must be one of LOW, MEDIUM, HIGH, but was '" + priority + "'");
    }
    if (!taskType.equals("CALL") && !taskType.equals("EMAIL") && !taskType.equals("TODO")) {
      throw new IllegalArgumentException(
          "taskType must be one of CALL, EMAIL, TODO, but was '" + taskType + "'");
    }
    context = Collections.unmodifiableMap(new TreeMap<>(context));
  }

  /** A task for the owner {@code ownerId} (not blank). */
  public CreateTask(
      String id,
      SubjectRef subject,
      String title,
      String body,
      String ownerId,
      Instant dueAt,
      String priority,
      String taskType,
      Map<String, String> context) {
    this(id, subject, title, body, Optional.of(Checks.notBlank(ownerId, "ownerId")), dueAt, priority,
        taskType, context);
  }

  /** A task for the subject's owner after the decision. */
  public CreateTask(
      String id,
      SubjectRef subject,
      String title,
      String body,
      Instant dueAt,
      String priority,
      String taskType,
      Map<String, String> context) {
    this(id, subject, title, body, Optional.empty(), dueAt, priority, taskType, context);
  }

  /** Returns a copy assigned to {@code owner} (not blank). */
  public CreateTask withOwner(String owner) {
    return new CreateTask(id, subject, title, body, owner, dueAt, priority, taskType, context);
  }

  @Override
  public ActionKind kind() {
    return ActionKind.CREATE_TASK;
  }
}
