/**
 * Guardrails applied to every decision whatever evaluator produced it: single-writer property
 * ownership, central suppression, entry criteria and re-enrollment, frequency caps and loop
 * protection (all {@link dev.journey.core.spi.DecisionStage}s that record what they drop in the
 * audit), plus an {@link dev.journey.core.guardrail.ApprovalGate} that holds high-impact actions
 * until a person approves them. Suggested stage order: loop protection, entry, routing, SLA,
 * single writer, suppression, frequency caps.
 */
package dev.journey.core.guardrail;
