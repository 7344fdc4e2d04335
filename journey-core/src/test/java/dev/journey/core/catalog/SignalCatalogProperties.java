package dev.journey.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The catalog accepts exactly the signals a plain reference check accepts. */
final class SignalCatalogProperties {
  private static final Object MISSING = new Object();

  @Property(tries = 500)
  void should_accept_a_value_exactly_when_the_reference_model_does(
      @ForAll("specs") AttributeSpec spec, @ForAll("values") Object value, @ForAll boolean extra) {
    // given
    SignalCatalog catalog = SignalCatalog.builder().type("T", spec).build();
    Map<String, Object> attributes = new HashMap<>();
    if (value != MISSING) {
      attributes.put(spec.name(), value);
    }
    if (extra) {
      attributes.put("other", "x");
    }
    Signal signal =
        Signal.builder()
            .id("s-1")
            .subject(SubjectRef.contact("1"))
            .type("T")
            .occurredAt(Instant.parse("2026-03-02T09:00:00Z"))
            .source("test")
            .attributes(attributes)
            .build();

    // when
    boolean accepted;
    Optional<String> attribute = Optional.empty();
    try {
      catalog.validate(signal);
      accepted = true;
    } catch (SignalCatalogException e) {
      accepted = false;
      attribute = e.attribute();
    }

    // then
    boolean valueOk = reference(spec, value == MISSING ? MISSING : signal.attributes().get(spec.name()));
    assertThat(accepted).isEqualTo(valueOk && !extra);
    if (!valueOk) {
      assertThat(attribute).contains(spec.name());
    } else if (extra) {
      assertThat(attribute).contains("other");
    }
  }

  /** Written from the documentation, independently of AttributeSpec.problem. */
  private static boolean reference(AttributeSpec spec, Object value) {
    if (value == MISSING) {
      return !spec.required();
    }
    switch (spec.type()) {
      case STRING:
        return value instanceof String
            && (spec.allowedValues().isEmpty() || spec.allowedValues().contains(value));
      case BOOLEAN:
        return value instanceof Boolean;
      case INTEGER:
        return value instanceof Long && inRange(spec, ((Long) value).doubleValue());
      case NUMBER:
        return (value instanceof Long || value instanceof Double) && inRange(spec, ((Number) value).doubleValue());
      default:
        throw new AssertionError(spec.type());
    }
  }

  private static boolean inRange(AttributeSpec spec, double d) {
    return spec.minimum().map(min -> d >= min).orElse(true) && spec.maximum().map(max -> d <= max).orElse(true);
  }

  @Provide
  Arbitrary<AttributeSpec> specs() {
    Arbitrary<AttributeSpec> strings =
        Combinators.combine(Arbitraries.of("a", "b", "c", "d").set().ofMaxSize(3), Arbitraries.of(true, false))
            .as((allowed, req) -> withRequired(AttributeSpec.string("attr").oneOf(allowed.toArray(new String[0])), req));
    Arbitrary<AttributeSpec> numbers =
        Combinators.combine(
                Arbitraries.of(AttributeType.INTEGER, AttributeType.NUMBER),
                Arbitraries.integers().between(-5, 5).optional(0.6),
                Arbitraries.integers().between(0, 10).optional(0.6),
                Arbitraries.of(true, false))
            .as(
                (type, min, width, req) -> {
                  AttributeSpec s = AttributeSpec.of("attr", type);
                  if (min.isPresent()) {
                    s = s.atLeast(min.get());
                  }
                  if (width.isPresent()) {
                    s = s.atMost(min.orElse(0) + width.get());
                  }
                  return withRequired(s, req);
                });
    Arbitrary<AttributeSpec> bools = Arbitraries.of(true, false).map(req -> withRequired(AttributeSpec.bool("attr"), req));
    return Arbitraries.oneOf(strings, numbers, bools);
  }

  private static AttributeSpec withRequired(AttributeSpec spec, boolean required) {
    return required ? spec.asRequired() : spec;
  }

  @Provide
  Arbitrary<Object> values() {
    return Arbitraries.oneOf(
        Arbitraries.just(MISSING),
        Arbitraries.of("a", "b", "c", "d", "zz"),
        Arbitraries.longs().between(-12, 12).map(l -> (Object) l),
        Arbitraries.of(-6.5, -0.5, 0.0, 2.5, 3.0, 10.25, 15.0).map(d -> (Object) d),
        Arbitraries.of(true, false).map(b -> (Object) b),
        Arbitraries.just(List.of("a")));
  }
}
