/**
 * Guarded rollout: while a candidate rule-set version rolls out, guardrail metrics computed from
 * the audit trail compare the candidate's cohort with the live version's, with a sequential test
 * that may be looked at continuously, and a policy pauses, rolls back or advances the rollout.
 *
 * <p>{@link dev.journey.core.guard.SequentialTest} is the mixture SPRT (always-valid p-values and
 * confidence sequences) with its power analysis; {@link dev.journey.core.guard.Sample} and {@link
 * dev.journey.core.guard.Comparison} are its input and output.
 */
package dev.journey.core.guard;
