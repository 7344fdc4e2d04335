package dev.journey.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.core.state.JourneySnapshot;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

final class SignalCatalogTest {
  private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");
  private static final SignalCatalog CATALOG =
      SignalCatalog.builder()
          .type(
              "USAGE_DROPPED",
              AttributeSpec.integer("usageDropPercent").asRequired().between(0, 100),
              AttributeSpec.string("plan").oneOf("starter", "growth", "enterprise"),
              AttributeSpec.bool("trial"))
          .type(SignalTypeSpec.of("CRM_UPDATE", AttributeSpec.number("arr").atLeast(0)).withOpenAttributes())
          .build();

  private static Signal signal(String type, Map<String, Object> attributes) {
    return Signal.builder()
        .id("renewal-7")
        .subject(SubjectRef.company("42"))
        .type(type)
        .occurredAt(AT)
        .source("product")
        .attributes(attributes)
        .build();
  }

  @Test
  void should_accept_a_signal_that_keeps_the_catalog() {
    // given
    Signal ok = signal("USAGE_DROPPED", Map.of("usageDropPercent", 40, "plan", "growth", "trial", false));

    // when / then
    assertThat(CATALOG.validate(ok)).isSameAs(ok);
  }

  @Test
  void should_name_signal_type_attribute_and_range_when_a_number_is_out_of_range() {
    // given
    Signal bad = signal("USAGE_DROPPED", Map.of("usageDropPercent", 140));

    // when / then
    assertThatThrownBy(() -> CATALOG.validate(bad))
        .isInstanceOf(SignalCatalogException.class)
        .hasMessage(
            "signal 'renewal-7' of type USAGE_DROPPED: attribute 'usageDropPercent' must be an"
                + " integer from 0 to 100, but was a number above 100")
        .satisfies(
            e -> {
              SignalCatalogException x = (SignalCatalogException) e;
              assertThat(x.signalId()).isEqualTo("renewal-7");
              assertThat(x.signalType()).isEqualTo("USAGE_DROPPED");
              assertThat(x.attribute()).contains("usageDropPercent");
              assertThat(x.allowed()).isEqualTo("an integer from 0 to 100");
            });
  }

  @Test
  void should_not_show_a_string_value_when_it_is_not_allowed() {
    // given a value that could be personal data
    Signal bad = signal("USAGE_DROPPED", Map.of("usageDropPercent", 10, "plan", "jane@example.com"));

    // when / then
    assertThatThrownBy(() -> CATALOG.validate(bad))
        .isInstanceOf(SignalCatalogException.class)
        .hasMessage(
            "signal 'renewal-7' of type USAGE_DROPPED: attribute 'plan' must be one of [starter,"
                + " growth, enterprise], but was another string (16 characters)")
        .hasMessageNotContaining("jane");
  }

  @Test
  void should_report_a_missing_required_attribute() {
    assertThatThrownBy(() -> CATALOG.validate(signal("USAGE_DROPPED", Map.of("plan", "growth"))))
        .isInstanceOf(SignalCatalogException.class)
        .hasMessage(
            "signal 'renewal-7' of type USAGE_DROPPED: attribute 'usageDropPercent' must be present"
                + " (required: an integer from 0 to 100), but was missing");
  }

  @Test
  void should_report_a_wrong_type() {
    assertThatThrownBy(
            () -> CATALOG.validate(signal("USAGE_DROPPED", Map.of("usageDropPercent", 1.5))))
        .hasMessageEndingWith("must be an integer from 0 to 100, but was a floating-point number");
  }

  @Test
  void should_reject_an_undeclared_attribute_unless_the_type_is_open() {
    // given
    Signal typo = signal("USAGE_DROPPED", Map.of("usageDropPercent", 5, "plna", "growth"));
    Signal open = signal("CRM_UPDATE", Map.of("arr", 12000.5, "anything", "goes"));

    // when / then
    assertThatThrownBy(() -> CATALOG.validate(typo))
        .hasMessage(
            "signal 'renewal-7' of type USAGE_DROPPED: attribute 'plna' must be absent"
                + " (USAGE_DROPPED declares [usageDropPercent, plan, trial]), but was present");
    assertThat(CATALOG.validate(open)).isSameAs(open);
  }

  @Test
  void should_reject_an_undeclared_type_but_pass_timer_firings() {
    // given
    Signal demo = signal(SignalTypes.DEMO_REQUESTED, Map.of());
    Signal timer = signal(SignalTypes.TIMER_FIRED, Map.of("timer", "sla:x", "generation", 1));

    // when / then
    assertThatThrownBy(() -> CATALOG.validate(demo))
        .isInstanceOf(SignalCatalogException.class)
        .hasMessage(
            "signal 'renewal-7' of type DEMO_REQUESTED: its type must be one of the declared types"
                + " [USAGE_DROPPED, CRM_UPDATE], but was undeclared")
        .satisfies(e -> assertThat(((SignalCatalogException) e).attribute()).isEmpty());
    assertThat(CATALOG.validate(timer)).isSameAs(timer);
  }

  @Test
  void should_not_call_the_evaluator_when_a_guarded_signal_breaks_the_catalog() {
    // given
    AtomicInteger calls = new AtomicInteger();
    JourneyEvaluator rules =
        (snapshot, signal, now) -> {
          calls.incrementAndGet();
          return Decision.noop(snapshot, signal, now, RuleSetRef.of("test", "1"), "nothing");
        };
    JourneyEvaluator guarded = CATALOG.guard(rules);
    JourneySnapshot snapshot = JourneySnapshot.initial(SubjectRef.company("42"), "ACTIVE", AT);

    // when
    guarded.evaluate(snapshot, signal("USAGE_DROPPED", Map.of("usageDropPercent", 5)), AT);

    // then
    assertThatThrownBy(
            () -> guarded.evaluate(snapshot, signal("USAGE_DROPPED", Map.of("usageDropPercent", -1)), AT))
        .isInstanceOf(SignalCatalogException.class);
    assertThat(calls).hasValue(1);
  }

  @Test
  void should_refuse_impossible_declarations() {
    assertThatThrownBy(() -> AttributeSpec.integer("n").oneOf("a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attribute 'n': allowed values are for strings only, but the type is integer");
    assertThatThrownBy(() -> AttributeSpec.string("s").between(0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attribute 's': a range is for integers and numbers only, but the type is string");
    assertThatThrownBy(() -> AttributeSpec.number("x").between(5, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attribute 'x': minimum must be <= maximum, but was 5 > 1");
    assertThatThrownBy(() -> SignalCatalog.builder().type(SignalTypes.TIMER_FIRED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the engine makes timer firings itself");
    assertThatThrownBy(() -> SignalCatalog.builder().type("A").type("A"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("signal type 'A' is declared already");
    assertThatThrownBy(() -> SignalTypeSpec.of("A", AttributeSpec.bool("b"), AttributeSpec.string("b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("signal type 'A' declares attribute 'b' twice");
  }
}
