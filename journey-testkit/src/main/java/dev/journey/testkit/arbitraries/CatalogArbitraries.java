package dev.journey.testkit.arbitraries;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.catalog.AttributeSpec;
import dev.journey.core.catalog.SignalCatalog;
import dev.journey.core.catalog.SignalTypeSpec;
import dev.journey.testkit.JourneyDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators derived from a journey's {@link SignalCatalog}: signals of the types it
 * declares, each with every required attribute, some of the optional ones, and values of the
 * declared type within the declared values or range. Every generated signal passes {@link
 * SignalCatalog#validate}; values shrink towards the lower bound, the first allowed value and
 * fewer optional attributes.
 *
 * <pre>{@code
 * static final SignalCatalog CATALOG = JourneyConfig.load(Path.of("journey", "journey.json"))
 *     .signalCatalog().orElseThrow();
 *
 * @Property
 * void never_breaks(@ForAll("renewalSignals") SignalStream stream) { ... }
 *
 * @Provide
 * Arbitrary<SignalStream> renewalSignals() {
 *   return CatalogArbitraries.signalStreams(CATALOG, 3, 6);
 * }
 * }</pre>
 */
public final class CatalogArbitraries {
  /** The bound of a number or integer the catalog leaves open on that side. */
  public static final long DEFAULT_NUMBER_BOUND = 1_000_000;

  private static final Instant BASE = JourneyDriver.DEFAULT_START;

  private CatalogArbitraries() {}

  /**
   * Values of one attribute: an allowed string (or short alphanumeric strings), an integer or
   * number within range (open sides bounded by {@value #DEFAULT_NUMBER_BOUND}), a boolean.
   */
  public static Arbitrary<Object> values(AttributeSpec spec) {
    Objects.requireNonNull(spec, "spec");
    double min = spec.minimum().orElse((double) -DEFAULT_NUMBER_BOUND);
    double max = spec.maximum().orElse((double) DEFAULT_NUMBER_BOUND);
    switch (spec.type()) {
      case STRING:
        return spec.allowedValues().isEmpty()
            ? Arbitraries.strings().alpha().numeric().ofMaxLength(16).map(s -> (Object) s)
            : Arbitraries.of(spec.allowedValues()).map(s -> (Object) s);
      case BOOLEAN:
        return Arbitraries.of(true, false).map(b -> (Object) b);
      case INTEGER:
        return integers(min, max);
      case NUMBER:
        {
          Arbitrary<Object> integral =
              Math.ceil(min) <= Math.floor(max) ? integers(min, max) : Arbitraries.just((Object) min);
          Arbitrary<Object> fractional =
              Arbitraries.doubles().between(min, max).ofScale(2).map(d -> (Object) d);
          return Arbitraries.oneOf(integral, fractional);
        }
      default:
        throw new IllegalStateException("unknown attribute type " + spec.type());
    }
  }

  private static Arbitrary<Object> integers(double min, double max) {
    return Arbitraries.longs().between((long) Math.ceil(min), (long) Math.floor(max)).map(l -> (Object) l);
  }

  /** The attributes of one signal of this type: every required one, each optional one or not. */
  public static Arbitrary<Map<String, Object>> attributes(SignalTypeSpec type) {
    Objects.requireNonNull(type, "type");
    List<AttributeSpec> specs = List.copyOf(type.attributes().values());
    if (specs.isEmpty()) {
      return Arbitraries.just(Map.of());
    }
    List<Arbitrary<Optional<Object>>> parts = new ArrayList<>();
    for (AttributeSpec spec : specs) {
      Arbitrary<Object> value = values(spec);
      parts.add(spec.required() ? value.map(Optional::of) : value.optional(0.6));
    }
    return Combinators.combine(parts)
        .as(
            values -> {
              Map<String, Object> map = new LinkedHashMap<>();
              for (int i = 0; i < specs.size(); i++) {
                Optional<Object> v = values.get(i);
                if (v.isPresent()) {
                  map.put(specs.get(i).name(), v.get());
                }
              }
              return map;
            });
  }

  /**
   * Single signals of the catalog's types about generated subjects, within 30 days of {@link
   * JourneyDriver#DEFAULT_START}.
   *
   * @throws IllegalArgumentException when the catalog declares no type
   */
  public static Arbitrary<Signal> signals(SignalCatalog catalog) {
    List<SignalTypeSpec> types = types(catalog);
    return Arbitraries.of(types)
        .flatMap(
            type ->
                Combinators.combine(
                        JourneyArbitraries.subjects(),
                        Arbitraries.longs().between(0, Duration.ofDays(30).toMinutes()),
                        Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(12),
                        attributes(type))
                    .as(
                        (subject, minutes, id, attributes) ->
                            signal("sig-" + id, subject, type.type(), BASE.plus(Duration.ofMinutes(minutes)), attributes)));
  }

  /**
   * Streams of the catalog's signals, shaped like {@link JourneyArbitraries#signalStreams(int,
   * int)}: 1 to {@code maxSubjects} contacts with 1 to {@code maxSignalsPerSubject} signals each,
   * delivered with neighbours sometimes swapped and some redelivered.
   *
   * @throws IllegalArgumentException when a bound is below 1 or the catalog declares no type
   */
  public static Arbitrary<SignalStream> signalStreams(SignalCatalog catalog, int maxSubjects, int maxSignalsPerSubject) {
    List<SignalTypeSpec> types = types(catalog);
    if (maxSubjects < 1) {
      throw new IllegalArgumentException("maxSubjects must be >= 1, but was " + maxSubjects);
    }
    if (maxSignalsPerSubject < 1) {
      throw new IllegalArgumentException("maxSignalsPerSubject must be >= 1, but was " + maxSignalsPerSubject);
    }
    Arbitrary<Step> step =
        Arbitraries.of(types)
            .flatMap(type -> Combinators.combine(JourneyArbitraries.gaps(), attributes(type)).as((gap, a) -> new Step(type.type(), gap, a)));
    return Combinators.combine(Arbitraries.integers().between(0, 120), step.list().ofMinSize(1).ofMaxSize(maxSignalsPerSubject))
        .as(Timeline::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(maxSubjects)
        .map(CatalogArbitraries::toSignals)
        .flatMap(JourneyArbitraries::deliveries);
  }

  private static List<SignalTypeSpec> types(SignalCatalog catalog) {
    Objects.requireNonNull(catalog, "catalog");
    if (catalog.types().isEmpty()) {
      throw new IllegalArgumentException("the catalog must declare at least one signal type, but declares none");
    }
    return List.copyOf(catalog.types().values());
  }

  private record Step(String type, Duration gap, Map<String, Object> attributes) {}

  private record Timeline(int offsetMinutes, List<Step> steps) {}

  private static List<Signal> toSignals(List<Timeline> perSubject) {
    List<Signal> all = new ArrayList<>();
    for (int i = 0; i < perSubject.size(); i++) {
      SubjectRef subject = SubjectRef.contact(String.valueOf(100 + i));
      Instant at = BASE.plus(Duration.ofMinutes(perSubject.get(i).offsetMinutes()));
      List<Step> steps = perSubject.get(i).steps();
      for (int j = 0; j < steps.size(); j++) {
        at = at.plus(steps.get(j).gap());
        all.add(signal("sig-" + subject.id() + "-" + (j + 1), subject, steps.get(j).type(), at, steps.get(j).attributes()));
      }
    }
    all.sort(Comparator.comparing(Signal::occurredAt).thenComparing(Signal::subject).thenComparing(Signal::id));
    return all;
  }

  private static Signal signal(String id, SubjectRef subject, String type, Instant at, Map<String, Object> attributes) {
    return Signal.builder().id(id).subject(subject).type(type).occurredAt(at).source("hubspot").attributes(attributes).build();
  }
}
