package dev.journey.testkit.store;

/** Where {@link FaultInjectingStore} can "crash" the process. */
public enum CrashPoint {
  /** In {@code commit}, before the store is called: nothing is written. */
  BEFORE_COMMIT,
  /**
   * In {@code commit}, while the store's transaction is open: the transaction must roll back.
   * Needs a during-commit hook that makes the store's own commit fail (e.g. a connection whose
   * {@code commit()} throws); without one the store is simply not called.
   */
  DURING_COMMIT,
  /** After the store committed, before the engine learns it: the signal is not acknowledged. */
  AFTER_COMMIT_BEFORE_ACK,
  /** After due timers were claimed (leased), before any of them fired. */
  AFTER_TIMER_CLAIM,
  /** After outbox actions were claimed (leased), before the executor ran them. */
  AFTER_OUTBOX_CLAIM,
  /** After the executor performed an action, before it was marked done in the store. */
  AFTER_EXECUTE_BEFORE_MARK_DONE
}
