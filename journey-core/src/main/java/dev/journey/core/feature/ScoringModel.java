package dev.journey.core.feature;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A score computed from a subject's features inside the commit: a deterministic, versioned, pure
 * function of declared features (no I/O, no clock, no randomness), so that a replay or a
 * recomputation from a signal log gives the same score. Register models on the {@link FeatureSet};
 * each score is then read like a feature, by the model's name, and the snapshot (and so every
 * audit record) keeps its value and the model's version next to the features it read.
 *
 * <p>Two implementations ship: {@link PointsModel} and {@link LogisticModel} (both loadable from
 * JSON with {@code journey-config}). A model that needs I/O (remote inference) does not belong
 * here: run it outside the commit and send its result in as a signal carrying the model version,
 * then count it with a feature (see {@code docs/features.md}).
 */
public interface ScoringModel {
  /** The model's name: a feature name, unique among the set's features and models. */
  String name();

  /** The model's version, recorded with every score. */
  String version();

  /** The features (or earlier models' scores) the model reads. */
  List<String> inputs();

  /**
   * The score of a subject whose features read as {@code features}: a pure function of them.
   *
   * @param features a declared feature's (or earlier score's) value by name
   */
  double score(ToDoubleFunction<String> features);

  /**
   * The canonical text of the model (its parameters), part of the feature set's content hash:
   * two models with equal texts must score alike.
   */
  String canonical();
}
