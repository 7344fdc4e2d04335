package dev.journey.core.spi;

import dev.journey.core.internal.Checks;
import dev.journey.core.internal.Redact;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.Action;
import dev.journey.core.action.AssignOwner;
import dev.journey.core.action.CreateTask;
import dev.journey.core.action.EnrollSequence;
import dev.journey.core.action.Escalate;
import dev.journey.core.action.Notify;
import dev.journey.core.action.Recycle;
import dev.journey.core.action.ResumeOutreach;
import dev.journey.core.action.SetProperty;
import dev.journey.core.action.SuppressOutreach;
import dev.journey.core.action.UnenrollSequence;
import dev.journey.core.action.UpdateDealStage;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An action waiting in the outbox. Entries of one subject are executed in {@link #sequence()}
 * order.
 *
 * @param action the action (its id is the entry's id)
 * @param sequence the per-subject order
 * @param createdAt when it was committed
 * @param attempts how many attempts were made
 * @param nextAttemptAt when it may be attempted next
 * @param lastError the last failure (or deferral) reason; empty when no attempt failed yet
 */
public record OutboxEntry(
    Action action,
    long sequence,
    Instant createdAt,
    int attempts,
    Instant nextAttemptAt,
    Optional<String> lastError) {

  /** Validates. */
  public OutboxEntry {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    Objects.requireNonNull(lastError, "lastError");
    // the persisted form writes an absent error as "": a present one must not be blank
    lastError.ifPresent(e -> Checks.notBlank(e, "lastError"));
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must be >= 0, but was " + attempts);
    }
  }

  /** An entry no attempt has failed for yet. */
  public OutboxEntry(Action action, long sequence, Instant createdAt, int attempts, Instant nextAttemptAt) {
    this(action, sequence, createdAt, attempts, nextAttemptAt, Optional.empty());
  }

  /** The action id. */
  public String actionId() {
    return action.id();
  }

  /** The subject. */
  public SubjectRef subject() {
    return action.subject();
  }

  /**
   * A copy that waits until {@code next} without counting an attempt, for {@code reason} (a blank
   * reason is recorded as {@value #NO_REASON}).
   */
  public OutboxEntry deferredUntil(Instant next, String reason) {
    return new OutboxEntry(action, sequence, createdAt, attempts, next, Optional.of(reason(reason)));
  }

  /**
   * A copy after a failed attempt, failed with {@code error} (a blank error is recorded as
   * {@value #NO_REASON}).
   */
  public OutboxEntry failedAttempt(Instant next, String error) {
    return new OutboxEntry(action, sequence, createdAt, attempts + 1, next, Optional.of(reason(error)));
  }

  /** The last error recorded for a failure or deferral whose executor gave no reason. */
  public static final String NO_REASON = "no reason given";

  private static String reason(String text) {
    Objects.requireNonNull(text, "reason");
    return text.isBlank() ? NO_REASON : text;
  }

  /**
   * A copy for another subject's queue (a merge moves the absorbed subject's pending entries to
   * the survivor): the action targets {@code subject} with the same id, so that an effect already
   * executed under that id is not executed again; attempts and timing are kept.
   */
  public OutboxEntry rekeyed(SubjectRef subject, long newSequence) {
    Objects.requireNonNull(subject, "subject");
    Action a = action;
    Action moved;
    if (a instanceof AssignOwner x) {
      moved = new AssignOwner(x.id(), subject, x.ownerId(), x.reason());
    } else if (a instanceof CreateTask x) {
      moved = new CreateTask(x.id(), subject, x.title(), x.body(), x.ownerId(), x.dueAt(), x.priority(), x.taskType(), x.context());
    } else if (a instanceof EnrollSequence x) {
      moved = new EnrollSequence(x.id(), subject, x.sequenceId(), x.senderOwnerId(), x.channel());
    } else if (a instanceof UnenrollSequence x) {
      moved = new UnenrollSequence(x.id(), subject, x.sequenceId(), x.reason());
    } else if (a instanceof SetProperty x) {
      moved = new SetProperty(x.id(), subject, x.name(), x.value());
    } else if (a instanceof UpdateDealStage x) {
      moved = new UpdateDealStage(x.id(), subject, x.pipelineId(), x.stageId());
    } else if (a instanceof Notify x) {
      moved = new Notify(x.id(), subject, x.recipientId(), x.message());
    } else if (a instanceof SuppressOutreach x) {
      moved = new SuppressOutreach(x.id(), subject, x.channel(), x.reason(), x.until());
    } else if (a instanceof ResumeOutreach x) {
      moved = new ResumeOutreach(x.id(), subject, x.channel());
    } else if (a instanceof Escalate x) {
      moved = new Escalate(x.id(), subject, x.toOwnerId(), x.level(), x.reason());
    } else if (a instanceof Recycle x) {
      moved = new Recycle(x.id(), subject, x.reasonCode());
    } else {
      throw new IllegalStateException("unknown action type " + a.getClass().getName());
    }
    return new OutboxEntry(moved, newSequence, createdAt, attempts, nextAttemptAt, lastError);
  }

  /** Prints everything but free text and values, which may be personal data. */
  @Override
  public String toString() {
    return "OutboxEntry[action=" + action + ", sequence=" + sequence + ", createdAt=" + createdAt + ", attempts=" + attempts + ", nextAttemptAt=" + nextAttemptAt + ", lastError=" + Redact.text(lastError.orElse("")) + "]";
  }
}
