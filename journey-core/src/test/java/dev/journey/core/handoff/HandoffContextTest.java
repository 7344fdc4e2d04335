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

  @Test
  void should_list_the_top_n_recent_signals_newest_first_when_a_recent_feature_is_declared() {
    // given the 2 latest pages are kept, and 3 were viewed (the second arrives out of order)
    FeatureSet features = FeatureSet.builder()
        .recent("recent_pages", SignalMatch.of(SignalTypes.PRICING_PAGE_VIEWED), "pageUrl", 2)
        .build();
    HandoffContext pack = HandoffContext.builder().recent("recent_pages").build();
    dev.journey.core.feature.FeatureSnapshot f = dev.journey.core.feature.FeatureSnapshot.EMPTY;
    f = features.fold(f, page("a", "/pricing", T0));
    f = features.fold(f, page("c", "/pricing/enterprise", T0.plusSeconds(120)));
    f = features.fold(f, page("b", "/docs", T0.plusSeconds(60)));
    Signal demo = signal("d", SignalTypes.DEMO_REQUESTED, T0.plusSeconds(180));
    // when
    Map<String, String> assembled = pack.assemble(demo, features.fold(f, demo));
    // then
    assertThat(assembled).containsEntry("recent.recent_pages.1",
            "PRICING_PAGE_VIEWED /pricing/enterprise " + T0.plusSeconds(120))
        .containsEntry("recent.recent_pages.2", "PRICING_PAGE_VIEWED /docs " + T0.plusSeconds(60))
        .doesNotContainKey("recent.recent_pages.3");
  }

  @Test
  void should_attach_the_package_only_to_decisions_entering_a_declared_state_when_on_entering_is_set() {
    // given a package for entering SALES_ENGAGED only; the contact is already there
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    HandoffContext onHandoff = HandoffContext.builder().trigger(SignalTypes.DEMO_REQUESTED, "demo request")
        .features("fit").onEntering(JourneyModel.SALES_ENGAGED).build();
    JavaRuleSet rules = JavaRuleSet.builder("r", "1")
        .rule("demo request goes to sales", f -> f.snapshot().state().equals(JourneyModel.NURTURE),
            (f, d) -> d.transitionTo(JourneyModel.SALES_ENGAGED))
        .rule("every demo request makes a task", f -> true,
            (f, d) -> d.createTask("Call back", "asked for a demo", f.now().plusSeconds(3600)))
        .build();
    JourneyEngine engine = JourneyEngine.builder()
        .definition(JourneyDefinition.builder("j").model(JourneyModel.leadHandoff()).evaluator(rules)
            .features(FeatureSet.builder().latestValue("fit", SignalMatch.of(SignalTypes.DEMO_REQUESTED), "fitScore")
                .build())
            .stage(onHandoff).build())
        .store(store).clock(MutableClock.at("2026-03-03T00:00:00Z")).build();
    engine.accept(signal("d1", SignalTypes.DEMO_REQUESTED, T0));
    // when a second demo request creates a task without entering the state
    engine.accept(signal("d2", SignalTypes.DEMO_REQUESTED, T0.plusSeconds(600)));
    // then
    List<CreateTask> tasks = store.pendingActions().stream().map(OutboxEntry::action)
        .filter(CreateTask.class::isInstance).map(CreateTask.class::cast).toList();
    assertThat(tasks).hasSize(2);
    assertThat(tasks.get(0).context()).containsEntry("rationale", "demo request")
        .containsEntry("feature.fit", "82");
    assertThat(tasks.get(1).context()).doesNotContainKey("rationale");
  }

  private static Signal page(String id, String url, Instant at) {
    return Signal.builder().id(id).subject(CONTACT).type(SignalTypes.PRICING_PAGE_VIEWED).occurredAt(at)
        .source("web").attribute("pageUrl", url).build();
  }
}
