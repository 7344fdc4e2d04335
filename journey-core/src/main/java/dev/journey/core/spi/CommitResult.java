package dev.journey.core.spi;

/** The result of {@link JourneyStore#commit}. */
public enum CommitResult {
  /** Everything was written. */
  COMMITTED,
  /** The signal id was already in the inbox; nothing was written. */
  DUPLICATE,
  /** A version did not match (snapshot or shared state); nothing was written. */
  CONFLICT
}
