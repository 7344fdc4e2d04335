package dev.journey.drools;

import dev.journey.core.sla.SlaStep;

/**
 * What a rule sees of one SLA on the current signal, through {@link JourneyFacts#sla(String)}:
 * whether the signal is that SLA's timer firing, and whether it is the breach or a reminder.
 *
 * <pre>
 * rule "first-touch breach escalates"
 * when
 *   JourneyFacts(sla("first-touch").breached())
 * then
 *   decision.escalate("manager-1", 1, "first touch missed");
 * end
 * </pre>
 *
 * @param fired whether the signal is a timer firing of this SLA
 * @param breached whether it is the SLA's breach
 * @param reminder whether it is one of the SLA's reminders
 * @param index the reminder's index (from 0) or the breach's number (from 1); -1 when not fired
 */
public record SlaView(boolean fired, boolean breached, boolean reminder, int index) {
  static final SlaView NONE = new SlaView(false, false, false, -1);

  static SlaView of(SlaStep step) {
    return new SlaView(true, step.breached(), step.reminder(), step.index());
  }
}
