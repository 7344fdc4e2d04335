package dev.journey.core.engine;

import dev.journey.core.feature.FeatureSet;
import dev.journey.core.spi.ActionEffects;
import dev.journey.core.spi.DecisionStage;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.core.state.JourneyModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One journey, described once: its name, its state machine ({@link JourneyModel}), the pure
 * evaluator that decides what a signal means, and the decision stages (routing, SLAs, guardrails)
 * that run after it, in order.
 *
 * <p>This is the one value that the engine, the testkit's driver and extension, replay and the
 * configuration loader ({@code journey-config}) accept, so a journey is wired in exactly one
 * place. Immutable and thread-safe; build with {@link #builder(String)}:
 *
 * <pre>{@code
 * JourneyDefinition handoff = JourneyDefinition.builder("lead-handoff")
 *     .model(JourneyModel.leadHandoff())
 *     .evaluator(rules)
 *     .stage(routing)
 *     .build();
 * JourneyEngine engine = JourneyEngine.builder().definition(handoff).clock(clock).build();
 * }</pre>
 *
 * @param name the journey's name: 1 to 64 characters of letters, digits, {@code . _ -}
 * @param model the journey's states and valid transitions
 * @param evaluator the pure evaluator
 * @param stages the decision stages, in the order they run
 * @param effects what each kind of action does to the snapshot; {@link ActionEffects#defaults()}
 *     unless an adapter's table is given (say, HubSpot's deal-stage properties)
 * @param features the declared features the engine folds every signal into before the evaluator
 *     runs; {@link FeatureSet#none()} by default
 */
public record JourneyDefinition(
    String name,
    JourneyModel model,
    JourneyEvaluator evaluator,
    List<DecisionStage> stages,
    ActionEffects effects,
    FeatureSet features) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException when the name is not 1 to 64 letters, digits, {@code . _ -}
   */
  public JourneyDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(evaluator, "evaluator");
    Objects.requireNonNull(effects, "effects");
    Objects.requireNonNull(features, "features");
    stages = List.copyOf(stages);
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "journey name must be 1 to 64 letters, digits, '.', '_' or '-' starting with a"
                  + " letter or digit, but was '%s'",
              name));
    }
  }

  /**
   * A definition without features.
   *
   * @throws IllegalArgumentException when the name is not valid
   */
  public JourneyDefinition(
      String name,
      JourneyModel model,
      JourneyEvaluator evaluator,
      List<DecisionStage> stages,
      ActionEffects effects) {
    this(name, model, evaluator, stages, effects, FeatureSet.none());
  }

  /** Starts a builder for a journey of this name. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * A definition of these parts, for the common case in one expression; {@link #builder(String)}
   * reads better when there are several stages.
   *
   * @throws IllegalArgumentException when the name is not valid
   */
  public static JourneyDefinition of(
      String name, JourneyModel model, JourneyEvaluator evaluator, DecisionStage... stages) {
    return new JourneyDefinition(name, model, evaluator, List.of(stages), ActionEffects.defaults());
  }

  /** A builder that starts from this definition, to change a part (say, the evaluator). */
  public Builder toBuilder() {
    Builder b =
        new Builder(name).model(model).evaluator(evaluator).effects(effects).features(features);
    stages.forEach(b::stage);
    return b;
  }

  /** This definition with another evaluator (for shadow runs, rollouts and replays). */
  public JourneyDefinition withEvaluator(JourneyEvaluator other) {
    return new JourneyDefinition(name, model, other, stages, effects, features);
  }

  /**
   * Configures a {@link JourneyDefinition}. The model and the evaluator are required; there is no
   * default model. Not thread-safe; the built definition is independent of the builder.
   */
  public static final class Builder {
    private final String name;
    private JourneyModel model;
    private JourneyEvaluator evaluator;
    private final List<DecisionStage> stages = new ArrayList<>();
    private ActionEffects effects = ActionEffects.defaults();
    private FeatureSet features = FeatureSet.none();

    Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /** The journey model (required). */
    public Builder model(JourneyModel model) {
      this.model = Objects.requireNonNull(model, "model");
      return this;
    }

    /** The evaluator (required). */
    public Builder evaluator(JourneyEvaluator evaluator) {
      this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
      return this;
    }

    /** Adds a decision stage; stages run in the order added. */
    public Builder stage(DecisionStage stage) {
      stages.add(Objects.requireNonNull(stage, "stage"));
      return this;
    }

    /**
     * What each kind of action does to the snapshot; default {@link ActionEffects#defaults()}
     * (owner, named properties, suppressions: no CRM vocabulary).
     */
    public Builder effects(ActionEffects effects) {
      this.effects = Objects.requireNonNull(effects, "effects");
      return this;
    }

    /** The declared features; default {@link FeatureSet#none()}. */
    public Builder features(FeatureSet features) {
      this.features = Objects.requireNonNull(features, "features");
      return this;
    }

    /** Adds decision stages in order. */
    public Builder stages(List<? extends DecisionStage> more) {
      more.forEach(this::stage);
      return this;
    }

    /**
     * Builds the definition.
     *
     * @throws IllegalStateException when the model or the evaluator is missing
     * @throws IllegalArgumentException when the name is not valid
     */
    public JourneyDefinition build() {
      if (model == null) {
        throw new IllegalStateException(
            "journey '" + name + "' needs a model: call model(...); there is no default");
      }
      if (evaluator == null) {
        throw new IllegalStateException(
            "journey '" + name + "' needs an evaluator: call evaluator(...)");
      }
      return new JourneyDefinition(name, model, evaluator, stages, effects, features);
    }
  }
}
