package dev.journey.core.identity;

import dev.journey.core.Signal;
import dev.journey.core.spi.AliasChange;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link IdentityResolver#resolve} decided for one signal.
 *
 * @param signal the signal addressed to its canonical subject (the input itself when unchanged)
 * @param changes the alias rows to commit with the signal's snapshot
 * @param merge the merge an alias collision caused, if any (it is committed already)
 */
public record Resolution(Signal signal, List<AliasChange> changes, Optional<MergeResult> merge) {
  /** Validates and copies. */
  public Resolution {
    Objects.requireNonNull(signal, "signal");
    changes = List.copyOf(changes);
    Objects.requireNonNull(merge, "merge");
  }
}
