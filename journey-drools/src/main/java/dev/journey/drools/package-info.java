/**
 * Journey rules in Drools DRL: versioned rule sets compiled once per content hash, linted at
 * load time, evaluated as a pure {@link dev.journey.core.spi.JourneyEvaluator}; shadow runs and
 * rollouts ({@code dev.journey.core.rollout}) work with it like with any evaluator.
 *
 * <p>Entry points: {@link dev.journey.drools.RuleSet} (sources and content hash), {@link
 * dev.journey.drools.RuleSetRegistry} (compile, cache, versions, rollouts over them), {@link
 * dev.journey.drools.DroolsEvaluator} (evaluation). Rules match the one fact {@link
 * dev.journey.drools.JourneyFacts} and write through the global {@code decision}, a {@link
 * dev.journey.core.decision.Decision.Builder}.
 */
package dev.journey.drools;
