package dev.journey.kafka.internal;

import dev.journey.core.spi.Commit;
import dev.journey.core.spi.QuarantinedInput;

/**
 * Where a {@link StateStoreJourneyStore} sends what leaves the partition with a commit: the
 * actions (the outbox is the actions topic) and the audit record; and the inputs it quarantines.
 * Called on the stream thread inside the same Kafka transaction as the state-store writes.
 */
public interface CommitSink {

  /**
   * A commit was written to the state stores: forward its actions and audit record.
   *
   * @param beforeSha256 the SHA-256 (lower-case hex) of the JSON of the snapshot the decision
   *     saw; empty for a new subject, or when the store computes no digests
   */
  void committed(Commit commit, String beforeSha256);

  /** An input was quarantined. */
  void quarantined(QuarantinedInput input);

  /** A sink that drops everything (tests of the store alone). */
  static CommitSink none() {
    return new CommitSink() {
      @Override
      public void committed(Commit commit, String beforeSha256) {}

      @Override
      public void quarantined(QuarantinedInput input) {}
    };
  }
}
