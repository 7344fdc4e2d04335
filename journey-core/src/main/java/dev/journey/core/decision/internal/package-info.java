/**
 * Edits of a {@link dev.journey.core.decision.Decision} that core's decision stages share
 * (routing, SLAs, guardrails). Not API: may change in any release and must not be used from other
 * modules. A package of its own, below {@code decision}, so that {@code dev.journey.core.internal}
 * (checks, hashing) stays a leaf every package may use without a cycle.
 */
package dev.journey.core.decision.internal;
