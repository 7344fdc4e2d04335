package dev.journey.core.guardrail;

import dev.journey.core.action.Action;
import dev.journey.core.internal.Checks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The approval queue of an {@link ApprovalGate}: what waits for a person, and the calls that
 * approve or reject it. Clock-driven: an entry still pending at its expiry becomes {@link
 * Approval.Status#EXPIRED} the next time it is looked at.
 *
 * <p>Held in memory: after a restart the queue is empty, and an action still in the outbox is
 * queued again (with a fresh expiry) on its next attempt. Thread-safe.
 */
public final class ApprovalQueue {
  private final Clock clock;
  private final Duration expireAfter;
  private final ConcurrentHashMap<String, Approval> entries = new ConcurrentHashMap<>();

  ApprovalQueue(Clock clock, Duration expireAfter) {
    this.clock = clock;
    this.expireAfter = expireAfter;
  }

  /** Queues {@code action} if not queued yet; returns its current entry (expiry applied). */
  Approval request(Action action) {
    Instant now = clock.instant();
    Approval approval =
        entries.computeIfAbsent(
            action.id(),
            id -> new Approval(action, Approval.Status.PENDING, now, now.plus(expireAfter), Optional.empty(),
                    Optional.empty()));
    return expire(approval, now);
  }

  private Approval expire(Approval approval, Instant now) {
    if (approval.status() == Approval.Status.PENDING && !now.isBefore(approval.expiresAt())) {
      Approval expired =
          new Approval(
              approval.action(), Approval.Status.EXPIRED, approval.requestedAt(),
              approval.expiresAt(), Optional.empty(),
              Optional.of("not approved by " + approval.expiresAt()));
      entries.replace(approval.action().id(), approval, expired);
      return entries.get(approval.action().id());
    }
    return approval;
  }

  /** The entries still pending at the clock's instant, oldest first. */
  public List<Approval> pending() {
    Instant now = clock.instant();
    List<Approval> list = new ArrayList<>();
    for (Approval approval : entries.values()) {
      Approval current = expire(approval, now);
      if (current.status() == Approval.Status.PENDING) {
        list.add(current);
      }
    }
    list.sort(Comparator.comparing(Approval::requestedAt).thenComparing(a -> a.action().id()));
    return list;
  }

  /** The entry of an action, if the gate has seen it. */
  public Optional<Approval> get(String actionId) {
    Approval approval = entries.get(Objects.requireNonNull(actionId, "actionId"));
    return approval == null ? Optional.empty() : Optional.of(expire(approval, clock.instant()));
  }

  /**
   * Approves a pending action; the gate executes it on its next attempt.
   *
   * @return {@code false} when there is no such pending action (unknown, decided or expired)
   */
  public boolean approve(String actionId, String approver) {
    return decide(actionId, approver, Approval.Status.APPROVED, Optional.empty());
  }

  /**
   * Rejects a pending action; its next attempt fails permanently with {@code reason}.
   *
   * @return {@code false} when there is no such pending action (unknown, decided or expired)
   */
  public boolean reject(String actionId, String approver, String reason) {
    Checks.notNull(reason, "reason");
    return decide(
        actionId, approver, Approval.Status.REJECTED,
        reason.isBlank() ? Optional.empty() : Optional.of(reason));
  }

  private boolean decide(
      String actionId, String approver, Approval.Status status, Optional<String> note) {
    Checks.notBlank(approver, "approver");
    Optional<Approval> current = get(actionId);
    if (current.isEmpty() || current.get().status() != Approval.Status.PENDING) {
      return false;
    }
    Approval a = current.get();
    return entries.replace(
        actionId, a, new Approval(
            a.action(), status, a.requestedAt(), a.expiresAt(), Optional.of(approver), note));
  }
}
