package dev.journey.core;

import java.util.Locale;
import java.util.Objects;

/**
 * A signal reused the id of a signal processed before, with other content (another subject,
 * type, time, source or attributes). It is not a redelivery, so it is neither processed nor
 * dropped silently: the engine quarantines it and throws this. Fix the sender (ids must be unique
 * per event) and redeliver under a new id.
 */
public final class SignalIdConflictException extends JourneyException {
  private static final long serialVersionUID = 1L;

  private final String signalId;
  private final SubjectRef subject;
  private final SubjectRef processedSubject;

  /**
   * Creates the exception.
   *
   * @param signalId the reused id
   * @param subject the subject of the refused signal
   * @param processedSubject the subject of the signal processed under that id
   */
  public SignalIdConflictException(String signalId, SubjectRef subject, SubjectRef processedSubject) {
    super(
        String.format(
            Locale.ROOT,
            "signal %s for %s must be a redelivery of the signal processed under that id (for %s),"
                + " but its content differs",
            signalId,
            subject,
            processedSubject));
    this.signalId = Objects.requireNonNull(signalId, "signalId");
    this.subject = Objects.requireNonNull(subject, "subject");
    this.processedSubject = Objects.requireNonNull(processedSubject, "processedSubject");
  }

  /** The reused id. */
  public String signalId() {
    return signalId;
  }

  /** The subject of the refused signal. */
  public SubjectRef subject() {
    return subject;
  }

  /** The subject of the signal processed before under that id. */
  public SubjectRef processedSubject() {
    return processedSubject;
  }
}
