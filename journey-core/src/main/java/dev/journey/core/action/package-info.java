/**
 * Actions: the closed, sealed set of effects a decision asks for. Each carries a deterministic id
 * (see {@link dev.journey.core.action.ActionIds}) so that a re-evaluation, a retry or a replay
 * produces the same id and executors can apply it effectively once.
 */
package dev.journey.core.action;
