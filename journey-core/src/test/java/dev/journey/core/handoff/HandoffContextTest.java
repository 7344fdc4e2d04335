package dev.journey.core.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.CreateTask;
import dev.journey.core.action.Notify;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.feature.Condition;
import dev.journey.core.feature.FeatureDefinition;
import dev.journey.core.feature.FeatureSet;
import dev.journey.core.feature.SignalMatch;
import dev.journey.core.fixture.MutableClock;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.state.JourneyModel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class HandoffContextTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final SubjectRef CONTACT = SubjectRef.contact("1001");

  private static Signal signal(String id, String type, Instant at) {
    return Signal.builder().id(id).subject(CONTACT).type(type).occurredAt(at).source("web")
        .attribute("fitScore", 82).attribute("pageUrl", "/pricing").attribute("email", "ann@example.com").build();
  }

  private static JourneyEngine engine(InMemoryJourneyStore store, HandoffContext context) {
    FeatureSet features = FeatureSet.builder()
        .feature(new FeatureDefinition.WindowCount("pricing_views_7d",
            SignalMatch.of(SignalTypes.PRICING_PAGE_VIEWED), Duration.ofDays(7), Duration.ofHours(6)))
        .latestValue("fit", SignalMatch.of(SignalTypes.PRICING_PAGE_VIEWED, SignalTypes.DEMO_REQUESTED), "fitScore")
        .build();
    JavaRuleSet rules = JavaRuleSet.builder("r", "1")
        .rule("demo request goes to sales", f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED),
            (f, d) -> d.transitionTo(JourneyModel.SALES_ENGAGED)
                .assignOwner("owner-1", "inbound")
                .createTask("Call back", "asked for a demo", f.now().plusSeconds(3600))
                .notify("owner-1", "new demo request"))
        .build();
    return JourneyEngine.builder()
        .definition(JourneyDefinition.builder("j").model(JourneyModel.leadHandoff()).evaluator(rules)
            .features(features).stage(context).build())
        .store(store).clock(MutableClock.at("2026-03-03T00:00:00Z")).build();
  }

  private static HandoffContext context() {
    return HandoffContext.builder()
        .trigger(SignalTypes.DEMO_REQUESTED, "demo request")
        .highlight(new Condition("pricing_views_7d", Condition.Op.AT_LEAST, 3), "{value} pricing views in 7 days")
        .highlight(new Condition("fit", Condition.Op.AT_LEAST, 1), "fit {value}")
        .features("pricing_views_7d", "fit")
        .attributes("pageUrl")
        .build();
  }

  @Test
  void should_attach_the_declared_package_and_a_one_sentence_rationale_to_the_handoff_task() {
    // given 4 pricing views, then a demo request
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    JourneyEngine engine = engine(store, context());
    for (int i = 0; i < 4; i++) {
      engine.accept(signal("p" + i, SignalTypes.PRICING_PAGE_VIEWED, T0.plusSeconds(60L * i)));
    }
    // when
    engine.accept(signal("d", SignalTypes.DEMO_REQUESTED, T0.plusSeconds(600)));
    // then
    List<OutboxEntry> pending = store.pendingActions();
    CreateTask task = pending.stream().map(OutboxEntry::action).filter(CreateTask.class::isInstance)
        .map(CreateTask.class::cast).findFirst().orElseThrow();
    assertThat(task.context()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "rationale", "demo request; 4 pricing views in 7 days; fit 82",
        "feature.pricing_views_7d", "4",
        "feature.fit", "82",
        "attribute.pageUrl", "/pricing"));
    Notify notify = pending.stream().map(OutboxEntry::action).filter(Notify.class::isInstance)
        .map(Notify.class::cast).findFirst().orElseThrow();
    assertThat(notify.message()).isEqualTo("new demo request (demo request; 4 pricing views in 7 days; fit 82)");
  }

  @Test
  void should_leave_out_undeclared_attributes_and_highlights_that_do_not_hold() {
    // given one view only
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    JourneyEngine engine = engine(store, context());
    engine.accept(signal("p", SignalTypes.PRICING_PAGE_VIEWED, T0));
    // when
    engine.accept(signal("d", SignalTypes.DEMO_REQUESTED, T0.plusSeconds(600)));
    // then
    CreateTask task = store.pendingActions().stream().map(OutboxEntry::action)
        .filter(CreateTask.class::isInstance).map(CreateTask.class::cast).findFirst().orElseThrow();
    assertThat(task.context().get("rationale")).isEqualTo("demo request; fit 82");
    assertThat(task.context()).doesNotContainKey("attribute.email")
        .allSatisfy((k, v) -> assertThat(v).doesNotContain("ann@example.com"));
  }

  @Test
  void should_bound_the_package_to_its_size() {
    // given a package of at most 60 characters
    HandoffContext small = HandoffContext.builder().trigger(SignalTypes.DEMO_REQUESTED, "demo request")
        .features("pricing_views_7d", "fit").attributes("pageUrl").maxChars(60).build();
    FeatureSet features = FeatureSet.builder()
        .windowCount("pricing_views_7d", SignalMatch.of(SignalTypes.PRICING_PAGE_VIEWED), Duration.ofDays(7))
        .latestValue("fit", SignalMatch.of(SignalTypes.DEMO_REQUESTED), "fitScore").build();
    Signal demo = signal("d", SignalTypes.DEMO_REQUESTED, T0);
    // when
    Map<String, String> pack = small.assemble(demo, features.fold(dev.journey.core.feature.FeatureSnapshot.EMPTY, demo));
    // then
    int size = pack.entrySet().stream().mapToInt(e -> e.getKey().equals("rationale") ? e.getValue().length()
        : e.getKey().length() + e.getValue().length()).sum();
    assertThat(size).isLessThanOrEqualTo(60);
    assertThat(pack).containsKey("rationale").doesNotContainKey("attribute.pageUrl");
  }
}
