/**
 * Service-provider interfaces: the pure {@link dev.journey.core.spi.JourneyEvaluator}, the
 * atomic {@link dev.journey.core.spi.JourneyStore}, the {@link
 * dev.journey.core.spi.ActionExecutor} that performs actions, and {@link
 * dev.journey.core.spi.DecisionStage}s that resolve capabilities and apply guardrails.
 */
package dev.journey.core.spi;
