package dev.journey.core.spi;

import dev.journey.core.action.Action;

/**
 * What one kind of action does to the subject's snapshot when its decision commits: the
 * properties it writes, the suppressions it puts or lifts. Effects are part of the pure reduction
 * from (snapshot, decision) to the next snapshot, so they must be deterministic and do no I/O.
 *
 * <pre>{@code
 * ActionEffect dealStage = (action, edit) -> {
 *   if (action instanceof UpdateDealStage stage) {
 *     edit.property("dealstage", stage.stageId());
 *   }
 * };
 * }</pre>
 */
@FunctionalInterface
public interface ActionEffect {
  /** Applies {@code action}'s effect through {@code edit}. */
  void apply(Action action, SnapshotEdit edit);

  /**
   * The changes an {@link ActionEffect} may make to the snapshot being built. Properties are
   * written by the decision's rule set at the decision's time. Not thread-safe; valid only during
   * {@link ActionEffect#apply}.
   */
  interface SnapshotEdit {
    /** Writes a property. */
    SnapshotEdit property(String name, String value);

    /** Puts a suppression of outreach on {@code channel} (replacing one on the same channel). */
    SnapshotEdit suppress(String channel, String reason, java.time.Instant until);

    /** Lifts the suppression on {@code channel}, if any. */
    SnapshotEdit resume(String channel);
  }
}
