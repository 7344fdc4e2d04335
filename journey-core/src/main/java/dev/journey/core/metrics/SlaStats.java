package dev.journey.core.metrics;

/**
 * The outcomes of SLA instances. An instance starts when the SLA's timer ({@code sla:<policy>}) is
 * scheduled while none is pending; its first outcome counts: met (counter {@code
 * sla.<policy>.met}) or breached (counter {@code sla.<policy>.breached}); otherwise it is open.
 *
 * @param started instances started
 * @param met met before any breach
 * @param breached breached (a later touch does not turn them into met)
 * @param open neither yet
 */
public record SlaStats(long started, long met, long breached, long open) {
  /** No instances. */
  public static final SlaStats NONE = new SlaStats(0, 0, 0, 0);

  /** Validates. */
  public SlaStats {
    if (started < 0 || met < 0 || breached < 0 || open < 0 || met + breached + open != started) {
      throw new IllegalArgumentException(
          "SLA figures must be non-negative with met + breached + open = started, but were started="
              + started + " met=" + met + " breached=" + breached + " open=" + open);
    }
  }

  /** {@code met / (met + breached)}: adherence among resolved instances, 0 when none. */
  public double adherence() {
    long resolved = met + breached;
    return resolved == 0 ? 0 : met / (double) resolved;
  }

  /** The sum of both. */
  public SlaStats plus(SlaStats other) {
    return new SlaStats(
        started + other.started, met + other.met, breached + other.breached, open + other.open);
  }
}
