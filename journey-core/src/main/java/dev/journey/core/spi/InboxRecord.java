package dev.journey.core.spi;

import dev.journey.core.SubjectRef;
import dev.journey.core.internal.Checks;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A processed signal id as the inbox keeps it. A redelivery with the same id is a duplicate when
 * its {@linkplain dev.journey.core.Signal#fingerprint() fingerprint} matches and a conflict when
 * it does not.
 *
 * @param signalId the signal id
 * @param subject the subject the signal was about
 * @param fingerprint the content fingerprint, empty for records written before fingerprints were
 *     kept (such a redelivery counts as a duplicate)
 * @param receivedAt when it was committed
 */
public record InboxRecord(
    String signalId, SubjectRef subject, Optional<String> fingerprint, Instant receivedAt) {
  /** Validates. */
  public InboxRecord {
    Checks.notBlank(signalId, "signalId");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  /**
   * Returns {@code true} when a signal with {@code otherFingerprint} is a redelivery of this one
   * (the same content, or a record without a fingerprint).
   */
  public boolean sameContentAs(String otherFingerprint) {
    return fingerprint.map(otherFingerprint::equals).orElse(true);
  }
}
