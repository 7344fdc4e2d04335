/**
 * Safe change, for any evaluator: {@link dev.journey.core.rollout.ShadowEvaluator} runs a
 * candidate beside the live evaluator and records only the difference; {@link
 * dev.journey.core.rollout.RolloutPlan} assigns each subject a stable bucket and a version, and
 * {@link dev.journey.core.rollout.RolloutEvaluator} evaluates each subject with its version.
 *
 * <p>Live safe change: a {@link dev.journey.core.rollout.JourneyDeployment} is a journey's
 * versions, live version, candidate (steps, pilot scope), shadows and history, as data in a
 * {@link dev.journey.core.rollout.DeploymentStore}; {@link dev.journey.core.rollout.Deployments}
 * changes it with compare-and-set, and {@link dev.journey.core.rollout.DeploymentEvaluator} pins
 * each subject to the version it entered with.
 */
package dev.journey.core.rollout;
