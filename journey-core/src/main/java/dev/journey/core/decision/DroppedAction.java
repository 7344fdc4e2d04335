package dev.journey.core.decision;

import dev.journey.core.internal.Redact;
import dev.journey.core.action.Action;
import java.util.Objects;

/**
 * An action a guardrail removed from a decision, with the guardrail's name and reason. Recorded
 * in the audit.
 *
 * @param action the dropped action
 * @param guardrail the guardrail, e.g. {@code single-writer}
 * @param reason why, e.g. {@code owner is written by lead-handoff, not nurture}
 */
public record DroppedAction(Action action, String guardrail, String reason) {
  /** Validates. */
  public DroppedAction {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(guardrail, "guardrail");
    Objects.requireNonNull(reason, "reason");
  }

  /** Prints everything but free text and values, which may be personal data. */
  @Override
  public String toString() {
    return "DroppedAction[action=" + action + ", guardrail=" + guardrail + ", reason=" + Redact.text(reason) + "]";
  }
}
