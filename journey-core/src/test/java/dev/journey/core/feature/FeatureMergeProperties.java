package dev.journey.core.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link FeatureSet#merge} against a reference model: the features folded from the union of both
 * subjects' signals (each subject's arrival order kept, the two interleaved at random). The
 * lateness bound is wide enough that no signal is late: where one would be, a merge cannot be
 * exact (see {@link FeatureSet#merge}).
 */
final class FeatureMergeProperties {
  private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  private static final Duration WINDOW = Duration.ofDays(7);
  private static final Duration BUCKET = Duration.ofHours(6);
  private static final int PAGES_CAP = 6;

  /** One signal: minutes after {@link #START}, a type, a page, a weight. */
  record Step(int minutes, String type, int page, int weight) {}

  /** Two subjects' histories and how their arrivals interleave ({@code true}: the first's next). */
  record Histories(List<Step> a, List<Step> b, List<Boolean> interleaving) {}

  @Provide
  Arbitrary<Histories> histories() {
    Arbitrary<Step> step =
        Combinators.combine(
                Arbitraries.integers().between(0, 21 * 24 * 60),
                Arbitraries.of("PRICING_PAGE_VIEWED", "CONTENT_ENGAGED", "FORM_SUBMITTED", "OTHER"),
                Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(1, 50))
            .as(Step::new);
    return Combinators.combine(step.list().ofMinSize(1).ofMaxSize(30), step.list().ofMaxSize(30),
            Arbitraries.of(true, false).list().ofSize(60))
        .as(Histories::new);
  }

  static FeatureSet features(Duration lateness) {
    return FeatureSet.builder()
        .feature(new FeatureDefinition.WindowCount(
            "pricing_views_7d", SignalMatch.of("PRICING_PAGE_VIEWED"), WINDOW, BUCKET))
        .feature(new FeatureDefinition.DecayedSum(
            "intent", SignalMatch.of("PRICING_PAGE_VIEWED", "CONTENT_ENGAGED"), Duration.ofDays(3),
            1.0, Optional.of("weight")))
        .feature(new FeatureDefinition.DistinctCount(
            "pages", SignalMatch.of("PRICING_PAGE_VIEWED", "CONTENT_ENGAGED"), "page", PAGES_CAP))
        .lastSeen("last_form", SignalMatch.of("FORM_SUBMITTED"))
        .latestValue("latest_weight", SignalMatch.of("FORM_SUBMITTED", "CONTENT_ENGAGED"), "weight")
        .feature(new FeatureDefinition.WindowCount(
            "engaged_7d", SignalMatch.of("CONTENT_ENGAGED"), WINDOW, BUCKET))
        .ratio("pricing_share", "pricing_views_7d", "engaged_7d")
        .recent("recent_pages", SignalMatch.of("PRICING_PAGE_VIEWED", "CONTENT_ENGAGED"), "page", 4)
        .score(new PointsModel("fit", "1", List.of(new PointsModel.Rule(
            new Condition("pricing_views_7d", Condition.Op.AT_LEAST, 3), 20)), 0, 100))
        .lateness(lateness)
        .build();
  }

  /** The signals of one subject; the second subject's occur 30 s after a whole minute (no ties). */
  static List<Signal> signals(List<Step> steps, String subject, int offsetSeconds) {
    List<Signal> signals = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      signals.add(Signal.builder().id(subject + "-" + i).subject(SubjectRef.contact(subject))
          .type(s.type()).occurredAt(START.plusSeconds(60L * s.minutes() + offsetSeconds))
          .source("test").attribute("page", "/p/" + s.page()).attribute("weight", s.weight())
          .build());
    }
    return signals;
  }

  /** Both subjects' signals as one arrival order that keeps each subject's own order. */
  static List<Signal> union(List<Signal> a, List<Signal> b, List<Boolean> interleaving) {
    List<Signal> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < a.size() || j < b.size()) {
      boolean first = j >= b.size() || (i < a.size() && interleaving.get(k++ % interleaving.size()));
      out.add(first ? a.get(i++) : b.get(j++));
    }
    return out;
  }

  @Property(tries = 300)
  void should_equal_the_features_of_both_subjects_signals_together_when_none_is_late(
      @ForAll("histories") Histories h) {
    // given
    FeatureSet set = features(Duration.ofDays(60));
    List<Signal> a = signals(h.a(), "1", 0);
    List<Signal> b = signals(h.b(), "2", 30);
    FeatureSnapshot reference = set.backfill(union(a, b, h.interleaving()));
    // when
    FeatureSnapshot merged = set.merge(set.backfill(a), set.backfill(b));
    // then
    assertThat(merged.asOf()).isEqualTo(reference.asOf());
    assertThat(merged.late()).isEqualTo(reference.late()).isZero();
    for (String exact : List.of("pricing_views_7d", "engaged_7d", "pricing_share", "pages",
        "last_form", "latest_weight", "fit", "recent_pages")) {
      assertThat(merged.value(exact)).as(exact).isEqualTo(reference.value(exact));
    }
    assertThat(merged.recent("recent_pages")).isEqualTo(reference.recent("recent_pages"));
    assertThat(merged.saturated("pages")).isEqualTo(reference.saturated("pages"));
    assertThat(merged.lastSeen("last_form")).isEqualTo(reference.lastSeen("last_form"));
    assertThat(merged.value("intent"))
        .isCloseTo(reference.value("intent"), within(1e-9 * Math.max(1, reference.value("intent"))));
  }

  @Property(tries = 200)
  void should_keep_counting_after_a_merge_as_if_the_signals_had_reached_one_subject(
      @ForAll("histories") Histories h) {
    // given: a merge, then the second subject's signals keep arriving at the survivor
    FeatureSet set = features(Duration.ofDays(60));
    List<Signal> a = signals(h.a(), "1", 0);
    List<Signal> b = signals(h.b(), "2", 30);
    int half = b.size() / 2;
    FeatureSnapshot reference = set.backfill(union(a, b, h.interleaving()));
    // when
    FeatureSnapshot merged = set.merge(set.backfill(a), set.backfill(b.subList(0, half)));
    for (Signal s : b.subList(half, b.size())) {
      merged = set.fold(merged, s);
    }
    // then
    for (String exact : List.of("pricing_views_7d", "engaged_7d", "last_form", "fit")) {
      assertThat(merged.value(exact)).as(exact).isEqualTo(reference.value(exact));
    }
    // past the cap the merge keeps the smallest hashes, not the first values: only the count and
    // saturation are exact, and later values that would have been among the first are not added
    if (!reference.saturated("pages")) {
      assertThat(merged.value("pages")).isEqualTo(reference.value("pages"));
    }
  }

  @Property(tries = 200)
  void should_change_nothing_when_merging_a_subject_without_features(
      @ForAll("histories") Histories h) {
    // given
    FeatureSet set = features(Duration.ofDays(60));
    FeatureSnapshot a = set.backfill(signals(h.a(), "1", 0));
    // when
    FeatureSnapshot merged = set.merge(a, FeatureSnapshot.EMPTY);
    FeatureSnapshot mergedInto = set.merge(FeatureSnapshot.EMPTY, a);
    // then
    assertThat(merged.values()).isEqualTo(a.values());
    assertThat(mergedInto.values()).isEqualTo(a.values());
    assertThat(merged.asOf()).isEqualTo(a.asOf());
  }

  @Example
  void should_add_late_counts_and_keep_a_signal_the_union_would_have_found_late() {
    // given: a lateness of 1 h; the second subject's signal is 2 h older than the first's latest
    FeatureSet set = features(Duration.ofHours(1));
    Signal late = Signal.builder().id("b-0").subject(SubjectRef.contact("2"))
        .type("PRICING_PAGE_VIEWED").occurredAt(START).source("test").build();
    Signal recent = Signal.builder().id("a-0").subject(SubjectRef.contact("1"))
        .type("PRICING_PAGE_VIEWED").occurredAt(START.plus(Duration.ofHours(2))).source("test").build();
    Signal tooLateForA = Signal.builder().id("a-1").subject(SubjectRef.contact("1"))
        .type("PRICING_PAGE_VIEWED").occurredAt(START).source("test").build();
    FeatureSnapshot a = set.backfill(List.of(recent, tooLateForA));
    FeatureSnapshot b = set.backfill(List.of(late));
    // when
    FeatureSnapshot merged = set.merge(a, b);
    // then: a's late signal stays late; b's, in time for b, is counted (the documented inexactness)
    assertThat(merged.late()).isEqualTo(1);
    assertThat(merged.value("pricing_views_7d")).isEqualTo(2);
    assertThat(set.backfill(List.of(recent, tooLateForA, late)).value("pricing_views_7d")).isEqualTo(1);
  }

  @Example
  void should_start_a_changed_feature_from_nothing_when_merging_features_of_another_version() {
    // given: b was folded by an older set whose window was 14 days
    FeatureSet now = features(Duration.ofDays(60));
    FeatureSet older = FeatureSet.builder()
        .feature(new FeatureDefinition.WindowCount(
            "pricing_views_7d", SignalMatch.of("PRICING_PAGE_VIEWED"), Duration.ofDays(14), BUCKET))
        .build();
    Signal view = Signal.builder().id("b-0").subject(SubjectRef.contact("2"))
        .type("PRICING_PAGE_VIEWED").occurredAt(START).source("test").build();
    FeatureSnapshot a = now.backfill(List.of(view));
    FeatureSnapshot b = older.backfill(List.of(view));
    // when
    FeatureSnapshot merged = now.merge(a, b);
    // then
    assertThat(merged.hash()).isEqualTo(now.hash());
    assertThat(merged.value("pricing_views_7d")).isEqualTo(1);
  }
}
