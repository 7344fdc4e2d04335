package dev.journey.testkit.store;

/**
 * Thrown by {@link FaultInjectingStore} at a crash point: the test must treat the process as dead
 * (drop the engine, relay and every in-memory object) and restart on the same database.
 */
public final class SimulatedCrash extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final CrashPoint point;
  private final int occurrence;

  SimulatedCrash(CrashPoint point, int occurrence, Throwable cause) {
    super("simulated crash at " + point + " #" + occurrence, cause);
    this.point = point;
    this.occurrence = occurrence;
  }

  /** Where it crashed. */
  public CrashPoint point() {
    return point;
  }

  /** Which occurrence of the point, from 1. */
  public int occurrence() {
    return occurrence;
  }
}
