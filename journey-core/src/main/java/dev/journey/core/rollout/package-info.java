/**
 * Safe change, for any evaluator: {@link dev.journey.core.rollout.ShadowEvaluator} runs a
 * candidate beside the live evaluator and records only the difference; {@link
 * dev.journey.core.rollout.RolloutPlan} assigns each subject a stable bucket and a version, and
 * {@link dev.journey.core.rollout.RolloutEvaluator} evaluates each subject with its version.
 */
package dev.journey.core.rollout;
