package dev.journey.core.runtime;

/**
 * What {@link JourneyRuntime#accept} does when the intake is full (as many signals in flight as
 * {@link JourneyRuntime.Builder#maxInFlight} allows).
 */
public enum IntakePolicy {
  /**
   * Refuse at once with an {@link IntakeFullException}; a webhook handler answers 503 with its
   * {@link IntakeFullException#retryAfter()}. The default: the sender keeps the event and retries.
   */
  REFUSE,
  /**
   * Wait up to {@link JourneyRuntime.Builder#blockTimeout} for a slot, then refuse with an {@link
   * IntakeFullException}. For callers that own their queue (a consumer loop) and prefer to slow
   * down.
   */
  BLOCK
}
