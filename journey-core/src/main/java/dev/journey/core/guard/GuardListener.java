package dev.journey.core.guard;

/**
 * Notified by a {@link RolloutGuard}, e.g. to page someone on a rollback or post to a channel.
 * Every method has a default; an exception thrown by a listener is logged and ignored, never
 * allowed to stop the guard.
 */
public interface GuardListener {
  /** After every check, whatever it did. */
  default void onChecked(GuardCheck check) {}

  /** After a regression paused (and, if configured, rolled back) the rollout. */
  default void onRegression(GuardCheck check) {}

  /** After the guard stepped or promoted the candidate. */
  default void onAdvanced(GuardCheck check) {}
}
