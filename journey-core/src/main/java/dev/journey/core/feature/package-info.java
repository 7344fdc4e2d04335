/**
 * Declared features: compact, point-in-time aggregates of a subject's signals that the engine
 * keeps in the snapshot and folds inside the per-subject commit.
 *
 * <p>A journey declares a {@link dev.journey.core.feature.FeatureSet} of {@link
 * dev.journey.core.feature.FeatureDefinition}s: rolling counts over bucketed windows, exponentially
 * decayed sums with a half-life, distinct counts (exact up to a cap), last-seen times and ratios.
 * The engine folds every signal it evaluates into the subject's {@link
 * dev.journey.core.feature.FeatureSnapshot} before the evaluator runs, so rules read the features
 * including the signal at hand. Time is the signals' {@code occurredAt}, never the wall clock:
 * features are read as of the latest {@code occurredAt} folded in, and a signal more than the set's
 * lateness behind it is not folded (it is counted as late). The set's content hash is kept in the
 * snapshot, so every audit record names the feature definitions its decision saw.
 */
package dev.journey.core.feature;
