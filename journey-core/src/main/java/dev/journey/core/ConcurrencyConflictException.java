package dev.journey.core;

import java.util.Locale;

/**
 * A signal could not be committed because the subject's snapshot (or shared routing state) kept
 * changing under it, e.g. another engine instance working on the same subject. Nothing was
 * written; redelivering the signal is safe.
 */
public final class ConcurrencyConflictException extends JourneyException {
  private static final long serialVersionUID = 1L;

  private final String signalId;
  private final int attempts;

  /**
   * Creates the exception.
   *
   * @param signalId the signal
   * @param subject the subject
   * @param attempts how many commits were tried
   */
  public ConcurrencyConflictException(String signalId, SubjectRef subject, int attempts) {
    super(
        String.format(
            Locale.ROOT,
            "signal %s for %s conflicted %d times in a row; nothing was written, redeliver it",
            signalId,
            subject,
            attempts));
    this.signalId = signalId;
    this.attempts = attempts;
  }

  /** The signal id. */
  public String signalId() {
    return signalId;
  }

  /** How many commits were tried. */
  public int attempts() {
    return attempts;
  }
}
