/**
 * Business-hours SLAs with reminders and escalation, and inactivity thresholds, driven by
 * ordinary journey timers. Entry point: {@link dev.journey.core.sla.SlaStage#builder()}.
 */
package dev.journey.core.sla;
