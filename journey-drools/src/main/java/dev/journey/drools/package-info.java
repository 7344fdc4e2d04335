/**
 * Journey rules in Drools DRL: versioned rule sets compiled once per content hash, linted at
 * load time, evaluated as a pure {@link dev.journey.core.spi.JourneyEvaluator}, rolled out per
 * subject and shadowed.
 *
 * <p>Entry points: {@link dev.journey.drools.RuleSet} (sources and content hash), {@link
 * dev.journey.drools.RuleSetRegistry} (compile, cache, versions), {@link
 * dev.journey.drools.DroolsEvaluator} (evaluation), {@link dev.journey.drools.RolloutPlan} with
 * {@link dev.journey.drools.RolloutEvaluator} (safe change) and {@link
 * dev.journey.drools.ShadowEvaluator}. Rules match the one fact {@link
 * dev.journey.drools.JourneyFacts} and write through the global {@code decision}, a {@link
 * dev.journey.core.decision.Decision.Builder}.
 */
package dev.journey.drools;
