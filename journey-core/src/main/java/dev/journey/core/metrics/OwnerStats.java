package dev.journey.core.metrics;

/**
 * What happened to one owner's subjects.
 *
 * @param assigned assignments to the owner ({@code AssignOwner} actions)
 * @param breaches SLA breaches while the owner was accountable
 * @param escalations escalations ({@code Escalate} actions) of the owner's subjects
 */
public record OwnerStats(long assigned, long breaches, long escalations) {
  /** Nothing yet. */
  public static final OwnerStats NONE = new OwnerStats(0, 0, 0);
}
