package dev.journey.core.routing;

import dev.journey.core.internal.Checks;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of routing: the owner and why.
 *
 * @param ownerId the owner (or fallback queue) id
 * @param step which policy step assigned it
 * @param pool the round-robin pool used; empty when the step used none (sticky, fallback)
 * @param reason the explanation, e.g. {@code round robin pool emea, weight 2; skipped o-7: out
 *     of office}
 */
public record Assignment(String ownerId, Step step, Optional<String> pool, String reason) {
  /** Validates. */
  public Assignment {
    Checks.notBlank(ownerId, "ownerId");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(pool, "pool");
    pool.ifPresent(name -> Checks.notBlank(name, "pool"));
    Checks.notNull(reason, "reason");
  }

  /** The policy step that made an assignment. */
  public enum Step {
    /** The existing (account or contact) owner was kept. */
    STICKY,
    /** A territory, region, segment or product rule chose the pool. */
    MATCH,
    /** The policy's default round-robin pool. */
    ROUND_ROBIN,
    /** Nobody was eligible: the fallback queue. */
    FALLBACK
  }
}
