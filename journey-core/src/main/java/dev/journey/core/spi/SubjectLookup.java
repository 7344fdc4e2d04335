package dev.journey.core.spi;

import dev.journey.core.state.JourneySnapshot;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link SnapshotStore#lookup} found: the subject's snapshot and the inbox record of the
 * signal id asked about.
 *
 * @param snapshot the stored snapshot, empty for a subject never committed
 * @param inbox the inbox record of the signal id, empty when it was never processed
 */
public record SubjectLookup(Optional<JourneySnapshot> snapshot, Optional<InboxRecord> inbox) {
  /** Validates. */
  public SubjectLookup {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(inbox, "inbox");
  }
}
