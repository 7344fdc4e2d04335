/**
 * Decisions: what an evaluator concludes for one signal. Rules build them through {@link
 * dev.journey.core.decision.Decision.Builder}; the engine resolves capability requests (routing,
 * SLAs), applies guardrails and commits the result.
 */
package dev.journey.core.decision;
