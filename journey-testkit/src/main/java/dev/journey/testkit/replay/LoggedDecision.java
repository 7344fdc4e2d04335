package dev.journey.testkit.replay;

import dev.journey.core.decision.Decision;
import dev.journey.core.spi.AuditRecord;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a decision log: what the engine did with a signal (outcome and reason) and the
 * decision it audited.
 *
 * @param outcome decided, rejected, stale timer or parked
 * @param error the rejection or parking reason; absent otherwise (present, it is not blank)
 * @param decision the decision as audited (after stages)
 */
public record LoggedDecision(AuditRecord.Outcome outcome, Optional<String> error, Decision decision) {
  /** Validates. */
  public LoggedDecision {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(error, "error");
    if (error.isPresent() && error.get().isBlank()) {
      throw new IllegalArgumentException("error: a present reason must not be blank; use Optional.empty()");
    }
    Objects.requireNonNull(decision, "decision");
  }

  /** The line for an audit record. */
  public static LoggedDecision of(AuditRecord record) {
    return new LoggedDecision(record.outcome(), record.error(), record.decision());
  }
}
