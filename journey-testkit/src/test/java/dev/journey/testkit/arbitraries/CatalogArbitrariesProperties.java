package dev.journey.testkit.arbitraries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.catalog.AttributeSpec;
import dev.journey.core.catalog.SignalCatalog;
import dev.journey.core.catalog.SignalCatalogException;
import dev.journey.core.catalog.SignalTypeSpec;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.state.JourneyModel;
import dev.journey.testkit.clock.VirtualClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

final class CatalogArbitrariesProperties {
  static final SignalCatalog CATALOG =
      SignalCatalog.builder()
          .type(
              "USAGE_DROPPED",
              AttributeSpec.integer("usageDropPercent").asRequired().between(0, 100),
              AttributeSpec.string("plan").asRequired().oneOf("starter", "growth", "enterprise"),
              AttributeSpec.number("arr").atLeast(0),
              AttributeSpec.number("ratio").between(0.25, 0.75),
              AttributeSpec.integer("seats").atMost(-3),
              AttributeSpec.bool("trial"))
          .type("RENEWAL_DUE", AttributeSpec.integer("daysToRenewal").asRequired().between(0, 365), AttributeSpec.string("note"))
          .type(SignalTypeSpec.of("CSM_TOUCHED").withOpenAttributes())
          .build();

  @Property(tries = 300)
  void should_generate_only_signals_the_catalog_accepts(@ForAll("signals") Signal signal) {
    // given a generated signal / when / then
    assertThat(CATALOG.validate(signal)).isSameAs(signal);
    assertThat(CATALOG.types()).containsKey(signal.type());
    assertThat(signal.attributes().keySet()).isSubsetOf(CATALOG.type(signal.type()).orElseThrow().attributes().keySet());
  }

  // tag::broken[]
  @Property(tries = 300)
  void should_fail_naming_the_attribute_when_one_declared_value_is_broken(
      @ForAll("signals") Signal signal, @ForAll @IntRange(min = 0, max = 20) int pick) {
    // given one declared attribute of the signal's type, replaced by an array (no declared type)
    List<AttributeSpec> declared = List.copyOf(CATALOG.type(signal.type()).orElseThrow().attributes().values());
    if (declared.isEmpty()) {
      return;
    }
    AttributeSpec victim = declared.get(pick % declared.size());
    Map<String, Object> attributes = new HashMap<>(signal.attributes());
    attributes.put(victim.name(), List.of("x"));
    Signal broken =
        new Signal(signal.id(), signal.subject(), signal.type(), signal.occurredAt(), signal.source(), attributes);

    // when / then
    assertThatThrownBy(() -> CATALOG.validate(broken))
        .isInstanceOfSatisfying(
            SignalCatalogException.class,
            e -> {
              assertThat(e.attribute()).contains(victim.name());
              assertThat(e.signalId()).isEqualTo(signal.id());
              assertThat(e.actual()).isEqualTo("an array");
            });
  }
  // end::broken[]

  @Property(tries = 60)
  void should_let_a_guarded_engine_take_every_generated_stream(@ForAll("streams") SignalStream stream) {
    // given an engine whose evaluator is guarded by the catalog
    JourneyModel model = JourneyModel.builder("renewals").states("HEALTHY", "AT_RISK").initialState("HEALTHY")
        .allow("HEALTHY", "AT_RISK").build();
    JavaRuleSet rules =
        JavaRuleSet.builder("renewals", "1")
            .rule("drop", f -> f.signal().type().equals("USAGE_DROPPED") && f.snapshot().state().equals("HEALTHY"),
                (f, d) -> d.transitionTo("AT_RISK"))
            .build();
    Signal last = stream.signals().get(stream.signals().size() - 1);
    VirtualClock clock = VirtualClock.at(last.occurredAt().plus(Duration.ofMinutes(1)));
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    JourneyEngine engine =
        JourneyEngine.builder()
            .definition(JourneyDefinition.of("renewals", model, CATALOG.guard(rules)))
            .store(store)
            .clock(clock)
            .build();

    // when every delivery is accepted (a SignalCatalogException would fail the property)
    for (Signal s : stream.deliveries()) {
      engine.accept(s);
    }

    // then every signal was processed
    for (Signal s : stream.signals()) {
      assertThat(store.lookup(s.subject(), s.id()).inbox()).as(s.id()).isPresent();
    }
  }

  @Provide
  Arbitrary<Signal> signals() {
    return CatalogArbitraries.signals(CATALOG);
  }

  @Provide
  Arbitrary<SignalStream> streams() {
    return CatalogArbitraries.signalStreams(CATALOG, 3, 5);
  }

  @Property(tries = 1)
  void should_refuse_an_empty_catalog(@ForAll("one") int unused) {
    assertThatThrownBy(() -> CatalogArbitraries.signals(SignalCatalog.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the catalog must declare at least one signal type, but declares none");
  }

  @Provide
  Arbitrary<Integer> one() {
    return Arbitraries.just(1);
  }
}
