package dev.journey.core;

import java.time.Instant;

/**
 * The timer a {@link SignalTypes#TIMER_FIRED} signal fires: which pending timer, of which
 * generation, due when. The engine creates it from the stored timer when it fires; it travels on
 * {@link Signal#firing()}, not in the attribute map (which holds only the timer's own
 * attributes). On the wire (JSON lines, stores) it is written as the attributes {@value
 * #NAME_ATTRIBUTE} and {@value #GENERATION_ATTRIBUTE}, and read back from them.
 *
 * @param name the timer's name, e.g. {@code sla:first-touch}
 * @param generation the generation of the pending timer it fires (the snapshot version that
 *     scheduled it), at least 0
 * @param dueAt when it was due: the signal's {@code occurredAt}
 */
public record TimerFiring(String name, long generation, Instant dueAt) {
  /** The wire attribute that carries the timer's name. */
  public static final String NAME_ATTRIBUTE = "timer";

  /** The wire attribute that carries the timer's generation. */
  public static final String GENERATION_ATTRIBUTE = "generation";

  /**
   * Validates.
   *
   * @throws InvalidSignalException when the name is blank, the generation negative or the due
   *     time missing
   */
  public TimerFiring {
    if (name == null || name.isBlank()) {
      throw new InvalidSignalException(
          "signal.firing.name", "a non-blank timer name", name == null ? "null" : "'" + name + "'");
    }
    if (generation < 0) {
      throw new InvalidSignalException(
          "signal.firing.generation", "at least 0", Long.toString(generation));
    }
    if (dueAt == null) {
      throw new InvalidSignalException("signal.firing.dueAt", "an instant", "null");
    }
  }
}
