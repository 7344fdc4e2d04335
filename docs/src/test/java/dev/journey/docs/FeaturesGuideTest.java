package dev.journey.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.config.JourneyConfig;
import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.feature.Condition;
import dev.journey.core.feature.FeatureDefinition;
import dev.journey.core.feature.FeatureSet;
import dev.journey.core.feature.FeatureSnapshot;
import dev.journey.core.feature.LogisticModel;
import dev.journey.core.feature.ScoreDrift;
import dev.journey.core.feature.Segment;
import dev.journey.core.feature.SignalMatch;
import dev.journey.core.action.CreateTask;
import dev.journey.core.handoff.HandoffContext;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.state.JourneyModel;
import dev.journey.testkit.clock.VirtualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The samples of docs/features.md, run. */
final class FeaturesGuideTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  @Test
  void the_features_guide_declares_reads_scores_and_audits_features() {
    VirtualClock clock = VirtualClock.at(T0.plus(Duration.ofDays(2)));
    // tag::declare[]
    Map<String, Double> weights = new LinkedHashMap<>();
    weights.put("pricing_views_7d", 0.6);
    weights.put("intent", 0.3);
    weights.put("fit", 0.03);
    FeatureSet features = FeatureSet.builder()
        .feature(new FeatureDefinition.WindowCount("pricing_views_7d",
            SignalMatch.of(SignalTypes.PRICING_PAGE_VIEWED), Duration.ofDays(7), Duration.ofHours(6)))
        .decayedSum("intent",
            SignalMatch.of(SignalTypes.PRICING_PAGE_VIEWED, SignalTypes.CONTENT_ENGAGED), Duration.ofDays(7))
        .distinctCount("pages", SignalMatch.of(SignalTypes.CONTENT_ENGAGED), "pageUrl")
        .lastSeen("last_demo_request", SignalMatch.of(SignalTypes.DEMO_REQUESTED))
        .latestValue("fit", SignalMatch.of(SignalTypes.PRICING_PAGE_VIEWED, SignalTypes.DEMO_REQUESTED),
            "fitScore")
        .score(new LogisticModel("lead_odds", "1", -4.0, weights, 50, 100))
        .segment(new Segment("sales_ready", "1",
            List.of(new Condition("lead_odds", Condition.Op.AT_LEAST, 50))))
        .lateness(Duration.ofHours(6))
        .build();
    // end::declare[]

    // tag::rules[]
    JavaRuleSet rules = JavaRuleSet.builder("lead-handoff", "1")
        .rule("a pricing binge from a good fit goes to sales",
            f -> f.snapshot().state().equals(JourneyModel.NURTURE) && f.feature("sales_ready") == 1,
            (f, d) -> d.transitionTo(JourneyModel.SALES_ENGAGED))
        .build();
    JourneyDefinition journey = JourneyDefinition.builder("lead-handoff")
        .model(JourneyModel.leadHandoff())
        .evaluator(rules)
        .features(features)
        .build();
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    JourneyEngine engine = JourneyEngine.builder().definition(journey).store(store).clock(clock).build();
    // end::rules[]

    SubjectRef contact = SubjectRef.contact("1001");
    for (int i = 0; i < 4; i++) {
      engine.accept(Signal.builder().id("p-" + i).subject(contact).type(SignalTypes.PRICING_PAGE_VIEWED)
          .occurredAt(T0.plus(Duration.ofHours(i))).source("web").attribute("fitScore", 82).build());
    }
    // tag::read[]
    FeatureSnapshot f = store.load(contact).orElseThrow().features();
    double views = f.value("pricing_views_7d");         // 4.0, this signal included
    double odds = f.value("lead_odds");                 // the logistic score, 0 to 100
    String model = f.version("lead_odds").orElseThrow(); // "1"
    AuditRecord last = store.audit(contact).get(store.audit(contact).size() - 1);
    String definitions = last.before().features().hash(); // the feature set's content hash
    // end::read[]
    assertThat(views).isEqualTo(4);
    assertThat(odds).isCloseTo(100 / (1 + Math.exp(-(-4.0 + 0.6 * 4 + 0.3 * f.value("intent") + 0.03 * 50))),
        org.assertj.core.api.Assertions.within(1e-9));
    assertThat(model).isEqualTo("1");
    assertThat(definitions).isEqualTo(features.hash());
    assertThat(f.value("sales_ready")).isEqualTo(odds >= 50 ? 1 : 0);
    assertThat(store.load(contact).orElseThrow().state())
        .isEqualTo(odds >= 50 ? JourneyModel.SALES_ENGAGED : JourneyModel.NURTURE);

    // tag::backfill[]
    List<Signal> history = store.audit(contact).stream().map(AuditRecord::signal).toList();
    FeatureSnapshot recomputed = features.backfill(history);   // equals the live features
    FeatureSnapshot inAWeek = features.advance(recomputed, T0.plus(Duration.ofDays(8)));
    // end::backfill[]
    assertThat(recomputed).isEqualTo(f);
    assertThat(inAWeek.value("pricing_views_7d")).isZero();
    assertThat(inAWeek.value("intent")).isLessThan(f.value("intent") / 2);
  }

  @Test
  void the_features_guide_loads_the_example_features_from_json() {
    // tag::config[]
    FeatureSet v1 = JourneyConfig.loadFeatures(Path.of("..", "docs", "examples", "lead-handoff", "features", "v1.json"));
    // a journey file's "features" block loads with the rest: JourneyConfig.load(file).features()
    // end::config[]
    assertThat(v1.names()).contains("pricing_views_7d", "intent", "lead_score", "sales_ready");
    assertThat(v1.definitions()).hasSize(11);
  }

  @Test
  void the_features_guide_assembles_the_handoff_package_with_the_recent_pages() {
    VirtualClock clock = VirtualClock.at(T0.plus(Duration.ofDays(2)));
    // tag::handoff[]
    FeatureSet features = FeatureSet.builder()
        .windowCount("pricing_views_7d", SignalMatch.of(SignalTypes.PRICING_PAGE_VIEWED), Duration.ofDays(7))
        .latestValue("fit", SignalMatch.of(SignalTypes.PRICING_PAGE_VIEWED, SignalTypes.DEMO_REQUESTED), "fitScore")
        .recent("recent_pages", SignalMatch.of(SignalTypes.PRICING_PAGE_VIEWED), "pageUrl", 3)
        .build();
    HandoffContext handoff = HandoffContext.builder()
        .onEntering(JourneyModel.SALES_ENGAGED)             // the handoff only, not every later task
        .trigger(SignalTypes.DEMO_REQUESTED, "demo request")
        .highlight(new Condition("pricing_views_7d", Condition.Op.AT_LEAST, 2), "{value} pricing views in 7 days")
        .highlight(new Condition("fit", Condition.Op.AT_LEAST, 1), "fit {value}")
        .features("pricing_views_7d", "fit")
        .attributes("leadSource")                           // what may leave the system: no email, no name
        .recent("recent_pages")                             // the 3 latest pages, newest first
        .build();
    JavaRuleSet rules = JavaRuleSet.builder("lead-handoff", "1")
        .rule("a demo request goes to sales", f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED),
            (f, d) -> d.transitionTo(JourneyModel.SALES_ENGAGED)
                .createTask("First touch", "demo requested", f.now().plus(Duration.ofHours(4))))
        .build();
    JourneyDefinition journey = JourneyDefinition.builder("lead-handoff").model(JourneyModel.leadHandoff())
        .evaluator(rules).features(features).stage(handoff).build();
    // end::handoff[]
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    JourneyEngine engine = JourneyEngine.builder().definition(journey).store(store).clock(clock).build();
    SubjectRef contact = SubjectRef.contact("1001");
    String[] pages = {"/pricing", "/pricing/enterprise", "/pricing/faq", "/security"};
    for (int i = 0; i < pages.length; i++) {
      engine.accept(Signal.builder().id("p-" + i).subject(contact).type(SignalTypes.PRICING_PAGE_VIEWED)
          .occurredAt(T0.plus(Duration.ofHours(i))).source("web").attribute("pageUrl", pages[i])
          .attribute("fitScore", 82).build());
    }
    engine.accept(Signal.builder().id("d").subject(contact).type(SignalTypes.DEMO_REQUESTED)
        .occurredAt(T0.plus(Duration.ofHours(5))).source("web").attribute("fitScore", 82)
        .attribute("leadSource", "paid").attribute("email", "ann@example.com").build());
    CreateTask task = store.pendingActions().stream().map(e -> e.action()).filter(CreateTask.class::isInstance)
        .map(CreateTask.class::cast).findFirst().orElseThrow();
    assertThat(task.context()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "rationale", "demo request; 4 pricing views in 7 days; fit 82",
        "feature.pricing_views_7d", "4",
        "feature.fit", "82",
        "attribute.leadSource", "paid",
        "recent.recent_pages.1", "PRICING_PAGE_VIEWED /security " + T0.plus(Duration.ofHours(3)),
        "recent.recent_pages.2", "PRICING_PAGE_VIEWED /pricing/faq " + T0.plus(Duration.ofHours(2)),
        "recent.recent_pages.3", "PRICING_PAGE_VIEWED /pricing/enterprise " + T0.plus(Duration.ofHours(1))));
  }

  @Test
  void the_features_guide_measures_the_drift_of_a_score() {
    FeatureSet features = JourneyConfig.loadFeatures(Path.of("..", "docs", "examples", "lead-handoff", "features", "v2.json"));
    FeatureSnapshot low = features.fold(FeatureSnapshot.EMPTY, Signal.builder().id("a").subject(SubjectRef.contact("1"))
        .type(SignalTypes.FORM_SUBMITTED).occurredAt(T0).source("web").attribute("fitScore", 10).build());
    FeatureSnapshot high = FeatureSnapshot.EMPTY; // four pricing views: a higher lead_odds
    for (int i = 0; i < 4; i++) {
      high = features.fold(high, Signal.builder().id("b" + i).subject(SubjectRef.contact("2"))
          .type(SignalTypes.PRICING_PAGE_VIEWED).occurredAt(T0).source("web").attribute("fitScore", 95).build());
    }
    Instant firstWeek = T0;
    Instant thisWeek = T0.plus(Duration.ofDays(7));
    FeatureSnapshot f = low;
    Instant decidedAt = firstWeek;
    // tag::drift[]
    ScoreDrift drift = ScoreDrift.builder().score("lead_odds", 0, 100).window(Duration.ofDays(7)).build();
    drift.observe(f, decidedAt);          // the features a decision saw, at its time
    // ... every decision; JourneyMeters.builder(registry).scoreDrift(drift) does it for each commit
    for (ScoreDrift.Drift d : drift.drift()) {
      System.out.printf("%s v%s: PSI %.3f%n", d.score(), d.version(), d.psi()); // this week against the first
    }
    // end::drift[]
    drift.observe(low, firstWeek);
    drift.observe(high, thisWeek);
    drift.observe(high, thisWeek);
    ScoreDrift.Drift d = drift.drift().get(0);
    assertThat(d.version()).isEqualTo("2");
    assertThat(d.reference().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
    assertThat(high.value("lead_odds")).isGreaterThan(low.value("lead_odds") + 20);
    assertThat(d.psi()).isEqualTo(ScoreDrift.psi(d.reference().stream().mapToLong(Long::longValue).toArray(),
        d.current().stream().mapToLong(Long::longValue).toArray())).isPositive();
  }
}
