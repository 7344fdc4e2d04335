package dev.journey.core.decision;

import dev.journey.core.internal.Redact;
import dev.journey.core.InvalidValueException;
import dev.journey.core.Limits;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A timer command carried by a decision and committed with it. Timers are not outbox actions: a
 * due timer comes back to the engine as a {@link dev.journey.core.SignalTypes#TIMER_FIRED}
 * signal.
 */
public sealed interface TimerCommand {

  /** The timer name. */
  String name();

  /**
   * Schedules (or reschedules, with a new generation) the timer {@code name}.
   *
   * @param name the timer name: 1 to {@value Limits#TIMER_NAME_LENGTH} characters without white
   *     space (it becomes part of the firing signal's id)
   * @param dueAt when it fires
   * @param attributes attributes for the firing signal
   */
  record Schedule(String name, Instant dueAt, Map<String, String> attributes)
      implements TimerCommand {
    /** Prints everything but free text, which may be personal data. */
    @Override
    public String toString() {
      return "Schedule[name=" + name + ", dueAt=" + dueAt + ", attributes=" + Redact.keys(attributes) + "]";
    }

    /**
     * Validates and copies.
     *
     * @throws InvalidValueException when the name is empty, longer than {@link
     *     Limits#TIMER_NAME_LENGTH} or contains white space or control characters
     */
    public Schedule {
      InvalidValueException.checkTimerName(name, "timer.name");
      Objects.requireNonNull(dueAt, "dueAt");
      attributes = attributes.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(attributes));
    }
  }

  /**
   * Cancels the timer {@code name} if pending.
   *
   * @param name the timer name
   */
  record Cancel(String name) implements TimerCommand {
    /**
     * Validates.
     *
     * @throws InvalidValueException when the name is not a valid timer name
     */
    public Cancel {
      InvalidValueException.checkTimerName(name, "timer.name");
    }
  }
}
