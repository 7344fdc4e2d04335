package dev.journey.testkit.replay;

import dev.journey.core.spi.AuditRecord;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Replay#reproduce} found for one recorded decision: the decision recomputed from its
 * audit record alone, and every way it differs from the record, most telling first (the rule set,
 * then the stage inputs the wiring gives now, then outcome and decision). Reproduced means equal:
 * the recomputed audit record equals the recorded one in every field.
 *
 * @param recorded the audit record
 * @param recomputed the record recomputed; empty when recomputing threw
 * @param differences one line per difference, empty when reproduced
 */
public record Reproduction(AuditRecord recorded, Optional<AuditRecord> recomputed, List<String> differences) {
  /** Validates and copies. */
  public Reproduction {
    Objects.requireNonNull(recorded, "recorded");
    Objects.requireNonNull(recomputed, "recomputed");
    differences = List.copyOf(differences);
    if (recomputed.isEmpty() && differences.isEmpty()) {
      throw new IllegalArgumentException("a reproduction without a recomputed record must say why");
    }
  }

  /** Returns {@code true} when the recomputed record equals the recorded one. */
  public boolean reproduced() {
    return differences.isEmpty();
  }

  /** The first difference, empty when reproduced. */
  public Optional<String> firstDifference() {
    return differences.stream().findFirst();
  }

  /** One line: {@code reproduced <subject> <signal>} or the first difference. */
  @Override
  public String toString() {
    String which =
        String.format(
            Locale.ROOT, "%s %s %s", recorded.signal().subject(), recorded.signal().type(), recorded.signal().id());
    return reproduced() ? "reproduced " + which : "differs " + which + ": " + differences.get(0);
  }
}
