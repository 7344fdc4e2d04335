/**
 * AssertJ assertions in journey terms. Entry point {@link
 * dev.journey.testkit.assertions.JourneyAssertions}: {@code assertThat(decision | snapshot |
 * actions | signalResult)} and {@code assertThatAudit(records)}. Failure messages come from the
 * package's {@code ShouldX} factories and show expected against actual as states, rules fired,
 * action kinds and ids, dropped actions with guardrail and reason, and timers with due times.
 */
package dev.journey.testkit.assertions;
