package dev.journey.core.catalog;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.spi.JourneyEvaluator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The signal types a journey accepts and the attributes each carries, declared once (in the
 * journey file's {@code signals} section, read by {@code journey-config}, or with {@link
 * #builder()}). It is used three ways:
 *
 * <ul>
 *   <li>{@link #validate(Signal)} checks one signal and throws a {@link SignalCatalogException}
 *       naming the signal, the attribute and what is allowed;
 *   <li>{@link #guard(JourneyEvaluator)} wraps an evaluator so that the engine rejects a signal
 *       that breaks the catalog before any rule sees it ({@code journey-config} does this for
 *       every definition of a file with a catalog);
 *   <li>the testkit derives jqwik generators of valid signals from it, and {@code journey check}
 *       reports rules that read attributes it does not declare.
 * </ul>
 *
 * <p>Timer firings ({@link SignalTypes#TIMER_FIRED}) are made by the engine and never checked; a
 * catalog cannot declare that type. Immutable and thread-safe.
 *
 * <pre>{@code
 * SignalCatalog catalog = SignalCatalog.builder()
 *     .type(SignalTypeSpec.of("USAGE_DROPPED",
 *         AttributeSpec.integer("usageDropPercent").asRequired().between(0, 100)))
 *     .build();
 * catalog.validate(signal); // or: JourneyDefinition.of(name, model, catalog.guard(rules))
 * }</pre>
 */
public final class SignalCatalog {
  private static final SignalCatalog EMPTY = new SignalCatalog(Map.of());

  private final Map<String, SignalTypeSpec> types;

  private SignalCatalog(Map<String, SignalTypeSpec> types) {
    this.types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A catalog that declares nothing: {@link #validate} rejects every signal but timer firings. */
  public static SignalCatalog empty() {
    return EMPTY;
  }

  /** The declared types by name, in declaration order. */
  public Map<String, SignalTypeSpec> types() {
    return types;
  }

  /** The declared type of this name. */
  public Optional<SignalTypeSpec> type(String type) {
    return Optional.ofNullable(types.get(type));
  }

  /** Whether some declared type declares an attribute of this name. */
  public boolean declaresAttribute(String name) {
    return types.values().stream().anyMatch(t -> t.attributes().containsKey(name));
  }

  /**
   * Checks a signal: its type is declared, it carries every required attribute, every attribute
   * has its declared type, an allowed value and a number within range, and (unless the type has
   * open attributes) no undeclared attribute. Timer firings pass unchecked.
   *
   * @return the signal
   * @throws SignalCatalogException for the first problem, in declaration order
   */
  public Signal validate(Signal signal) {
    Objects.requireNonNull(signal, "signal");
    if (signal.isTimer()) {
      return signal;
    }
    SignalTypeSpec spec = types.get(signal.type());
    if (spec == null) {
      throw new SignalCatalogException(
          signal.id(), signal.type(), "", "one of the declared types " + types.keySet(), "undeclared");
    }
    Map<String, Object> attributes = signal.attributes();
    for (AttributeSpec a : spec.attributes().values()) {
      if (!attributes.containsKey(a.name())) {
        if (a.required()) {
          throw new SignalCatalogException(
              signal.id(), signal.type(), a.name(), "present (required: " + a.describe() + ")", "missing");
        }
        continue;
      }
      Optional<String> problem = a.problem(attributes.get(a.name()));
      if (problem.isPresent()) {
        throw new SignalCatalogException(signal.id(), signal.type(), a.name(), a.describe(), problem.get());
      }
    }
    if (!spec.openAttributes()) {
      for (String name : attributes.keySet()) {
        if (!spec.attributes().containsKey(name)) {
          throw new SignalCatalogException(
              signal.id(),
              signal.type(),
              name,
              "absent (" + signal.type() + " declares " + spec.attributes().keySet() + ")",
              "present");
        }
      }
    }
    return signal;
  }

  /**
   * An evaluator that {@linkplain #validate validates} each signal, then asks {@code evaluator}.
   * Given to an engine, a signal that breaks the catalog makes {@code accept} throw a {@link
   * SignalCatalogException} before any rule runs; nothing is written.
   */
  public JourneyEvaluator guard(JourneyEvaluator evaluator) {
    Objects.requireNonNull(evaluator, "evaluator");
    return new Guarded(this, evaluator);
  }

  @Override
  public String toString() {
    return "SignalCatalog" + types.keySet();
  }

  private static final class Guarded implements JourneyEvaluator {
    private final SignalCatalog catalog;
    private final JourneyEvaluator delegate;

    Guarded(SignalCatalog catalog, JourneyEvaluator delegate) {
      this.catalog = catalog;
      this.delegate = delegate;
    }

    @Override
    public dev.journey.core.decision.Decision evaluate(
        dev.journey.core.state.JourneySnapshot snapshot, Signal signal, java.time.Instant now) {
      return delegate.evaluate(snapshot, catalog.validate(signal), now);
    }

    @Override
    public java.util.List<dev.journey.core.spi.RuleSetSources> sources() {
      return delegate.sources();
    }

    @Override
    public String toString() {
      return delegate + " guarded by " + catalog;
    }
  }

  /** Collects signal types. Not thread-safe; the built catalog is independent of the builder. */
  public static final class Builder {
    private final Map<String, SignalTypeSpec> types = new LinkedHashMap<>();

    Builder() {}

    /**
     * Declares a signal type.
     *
     * @throws IllegalArgumentException when the type is {@link SignalTypes#TIMER_FIRED} (made by
     *     the engine) or is not a valid signal type
     * @throws IllegalStateException when the type was declared before
     */
    public Builder type(SignalTypeSpec spec) {
      Objects.requireNonNull(spec, "spec");
      if (SignalTypes.TIMER_FIRED.equals(spec.type())) {
        throw new IllegalArgumentException(
            "signal type must not be " + SignalTypes.TIMER_FIRED + ": the engine makes timer firings itself");
      }
      if (!spec.type().matches("[A-Za-z0-9_.:-]{1,64}")) {
        throw new IllegalArgumentException(
            "signal type must be 1 to 64 of letters, digits, '_', '.', '-', ':', but was '" + spec.type() + "'");
      }
      if (types.containsKey(spec.type())) {
        throw new IllegalStateException("signal type '" + spec.type() + "' is declared already");
      }
      types.put(spec.type(), spec);
      return this;
    }

    /** Declares a signal type with these attributes and no others. */
    public Builder type(String type, AttributeSpec... attributes) {
      return type(SignalTypeSpec.of(type, attributes));
    }

    /** Builds the catalog. */
    public SignalCatalog build() {
      return new SignalCatalog(types);
    }
  }
}
