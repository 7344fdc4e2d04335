package dev.journey.core.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.fixture.MutableClock;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.state.JourneyModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Features against a reference model: each value recomputed by brute force from the raw signals
 * the lateness policy admits, for random histories that arrive out of order.
 */
final class FeatureProperties {
  private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  private static final Duration LATENESS = Duration.ofHours(6);
  private static final Duration WINDOW = Duration.ofDays(7);
  private static final Duration BUCKET = Duration.ofHours(6);
  private static final Duration HALF_LIFE = Duration.ofDays(3);

  /** One signal: minutes after the previous one's time, a type, a page, a weight, an arrival delay. */
  record Step(int minutesLater, String type, int page, int weight, int delayMinutes) {}

  @Provide
  Arbitrary<List<Step>> histories() {
    Arbitrary<Step> step =
        Combinators.combine(
                Arbitraries.integers().between(0, 24 * 60),
                Arbitraries.of("PRICING_PAGE_VIEWED", "CONTENT_ENGAGED", "FORM_SUBMITTED"),
                Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(1, 50),
                Arbitraries.integers().between(0, (int) (2 * LATENESS.toMinutes())))
            .as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(60);
  }

  static FeatureSet features() {
    return FeatureSet.builder()
        .feature(new FeatureDefinition.WindowCount(
            "pricing_views_7d", SignalMatch.of("PRICING_PAGE_VIEWED"), WINDOW, BUCKET))
        .feature(new FeatureDefinition.DecayedSum(
            "intent", SignalMatch.of("PRICING_PAGE_VIEWED", "CONTENT_ENGAGED"), HALF_LIFE, 1.0,
            java.util.Optional.of("weight")))
        .feature(new FeatureDefinition.DistinctCount(
            "pages", SignalMatch.of("PRICING_PAGE_VIEWED", "CONTENT_ENGAGED"), "page", 6))
        .lastSeen("last_form", SignalMatch.of("FORM_SUBMITTED"))
        .latestValue("latest_weight", SignalMatch.of("FORM_SUBMITTED", "CONTENT_ENGAGED"), "weight")
        .feature(new FeatureDefinition.WindowCount(
            "engaged_7d", SignalMatch.of("CONTENT_ENGAGED"), WINDOW, BUCKET))
        .ratio("pricing_share", "pricing_views_7d", "engaged_7d")
        .recent("recent_pages", SignalMatch.of("PRICING_PAGE_VIEWED", "CONTENT_ENGAGED"), "page", 3)
        .lateness(LATENESS)
        .build();
  }

  /** The signals in arrival order: each arrives {@code delay} after its own time. */
  static List<Signal> arrivals(List<Step> steps, String subject) {
    List<Signal> signals = new ArrayList<>();
    List<Instant> arrivesAt = new ArrayList<>();
    Instant at = START;
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      at = at.plus(Duration.ofMinutes(s.minutesLater()));
      signals.add(Signal.builder().id(subject + "-" + i).subject(SubjectRef.contact(subject))
          .type(s.type()).occurredAt(at).source("test")
          .attribute("page", "/p/" + s.page()).attribute("weight", s.weight()).build());
      arrivesAt.add(at.plus(Duration.ofMinutes(s.delayMinutes())));
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < signals.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing((Integer i) -> arrivesAt.get(i)).thenComparing(i -> i));
    List<Signal> arrived = new ArrayList<>();
    for (int i : order) {
      arrived.add(signals.get(i));
    }
    return arrived;
  }

  /** The reference lateness policy: which signals count, and the time features are read at. */
  record Admitted(List<Signal> counted, Instant asOf, long late) {
    static Admitted of(List<Signal> arrived, FeatureSet set) {
      List<Signal> counted = new ArrayList<>();
      Instant asOf = null;
      long late = 0;
      for (Signal s : arrived) {
        boolean tooLate = asOf != null && s.occurredAt().isBefore(asOf.minus(LATENESS));
        if (tooLate) {
          late++; // every type of these histories is counted by some feature
          continue;
        }
        counted.add(s);
        if (asOf == null || s.occurredAt().isAfter(asOf)) {
          asOf = s.occurredAt();
        }
      }
      return new Admitted(counted, asOf, late);
    }
  }

  @Property(tries = 300)
  void should_equal_brute_force_recomputation_when_signals_arrive_out_of_order(
      @ForAll("histories") List<Step> steps) {
    // given
    FeatureSet set = features();
    List<Signal> arrived = arrivals(steps, "1");
    // when
    FeatureSnapshot folded = FeatureSnapshot.EMPTY;
    for (Signal s : arrived) {
      folded = set.fold(folded, s);
    }
    // then
    Admitted ref = Admitted.of(arrived, set);
    assertThat(folded.asOf()).contains(ref.asOf());
    assertThat(folded.late()).isEqualTo(ref.late());
    long head = Math.floorDiv(ref.asOf().getEpochSecond(), BUCKET.getSeconds());
    long oldest = head - WINDOW.getSeconds() / BUCKET.getSeconds() + 1;
    long pricing = 0;
    long engaged = 0;
    Set<String> pages = new HashSet<>();
    Instant lastForm = null;
    Instant latestAt = null;
    long latestWeight = 0;
    for (Signal s : ref.counted()) {
      if (!s.type().equals("PRICING_PAGE_VIEWED")
          && (latestAt == null || !s.occurredAt().isBefore(latestAt))) {
        latestAt = s.occurredAt();
        latestWeight = s.longAttribute("weight").orElseThrow();
      }
      long bucket = Math.floorDiv(s.occurredAt().getEpochSecond(), BUCKET.getSeconds());
      boolean inWindow = bucket >= oldest && bucket <= head;
      if (s.type().equals("PRICING_PAGE_VIEWED") && inWindow) {
        pricing++;
      }
      if (s.type().equals("CONTENT_ENGAGED") && inWindow) {
        engaged++;
      }
      if (!s.type().equals("FORM_SUBMITTED") && pages.size() < 6) {
        pages.add(s.stringAttribute("page").orElseThrow());
      }
      if (s.type().equals("FORM_SUBMITTED")
          && (lastForm == null || s.occurredAt().isAfter(lastForm))) {
        lastForm = s.occurredAt();
      }
    }
    List<Integer> web = new ArrayList<>();
    for (int i = 0; i < ref.counted().size(); i++) {
      if (!ref.counted().get(i).type().equals("FORM_SUBMITTED")) {
        web.add(i);
      }
    }
    web.sort(Comparator.comparing((Integer i) -> ref.counted().get(i).occurredAt()).thenComparing(i -> i).reversed());
    List<String> latestPages = web.stream().limit(3)
        .map(i -> ref.counted().get(i).stringAttribute("page").orElseThrow()).toList();
    assertThat(folded.recent("recent_pages")).extracting(FeatureSnapshot.RecentSignal::value)
        .containsExactlyElementsOf(latestPages);
    assertThat(folded.value("pricing_views_7d")).isEqualTo(pricing);
    assertThat(folded.value("engaged_7d")).isEqualTo(engaged);
    assertThat(folded.value("pricing_share")).isEqualTo(engaged == 0 ? 0 : (double) pricing / engaged);
    assertThat(folded.value("pages")).isEqualTo(pages.size());
    assertThat(folded.value("latest_weight")).isEqualTo(latestWeight);
    assertThat(folded.lastSeen("last_form")).isEqualTo(java.util.Optional.ofNullable(lastForm));
    assertThat(folded.value("last_form"))
        .isEqualTo(lastForm == null ? Double.POSITIVE_INFINITY
            : Duration.between(lastForm, ref.asOf()).getSeconds());
  }

  @Property(tries = 300)
  void should_count_nothing_late_when_every_signal_arrives_inside_the_lateness_bound(
      @ForAll("histories") List<Step> steps) {
    // given
    FeatureSet set = features();
    List<Step> inside = new ArrayList<>();
    for (Step s : steps) {
      inside.add(new Step(s.minutesLater(), s.type(), s.page(), s.weight(),
          (int) Math.min(s.delayMinutes(), LATENESS.toMinutes())));
    }
    // when
    FeatureSnapshot folded = set.backfill(arrivals(inside, "1"));
    // then
    assertThat(folded.late()).isZero();
  }

  @Property(tries = 300)
  void should_equal_the_closed_form_of_the_decayed_sum_within_1e_9(
      @ForAll("histories") List<Step> steps) {
    // given
    FeatureSet set = features();
    List<Signal> arrived = arrivals(steps, "1");
    // when
    FeatureSnapshot folded = set.backfill(arrived);
    // then
    Admitted ref = Admitted.of(arrived, set);
    double closed = 0;
    for (Signal s : ref.counted()) {
      if (!s.type().equals("FORM_SUBMITTED")) {
        double age = Duration.between(s.occurredAt(), ref.asOf()).getSeconds();
        closed += s.longAttribute("weight").orElseThrow()
            * Math.pow(2, -age / HALF_LIFE.getSeconds());
      }
    }
    double live = folded.value("intent");
    if (closed == 0) {
      assertThat(live).isZero();
    } else {
      assertThat(Math.abs(live - closed) / closed).isLessThanOrEqualTo(1e-9);
    }
  }

  @Property(tries = 200)
  void should_decay_by_half_per_half_life_when_time_advances(
      @ForAll("histories") List<Step> steps, @ForAll @IntRange(min = 1, max = 20) int halfLives) {
    // given
    FeatureSet set = features();
    FeatureSnapshot folded = set.backfill(arrivals(steps, "1"));
    // when
    FeatureSnapshot later =
        set.advance(folded, folded.asOf().orElseThrow().plus(HALF_LIFE.multipliedBy(halfLives)));
    // then
    assertThat(later.value("intent"))
        .isCloseTo(folded.value("intent") / Math.pow(2, halfLives), within(1e-9 * folded.value("intent")));
  }

  @Property(tries = 60)
  void should_compute_in_the_engine_what_a_backfill_of_the_log_computes(
      @ForAll("histories") List<Step> first, @ForAll("histories") List<Step> second) {
    // given two subjects' signals interleaved in arrival order, through an engine
    FeatureSet set = features();
    List<Signal> a = arrivals(first, "1");
    List<Signal> b = arrivals(second, "2");
    JavaRuleSet rules =
        JavaRuleSet.builder("features", "1")
            .rule("reads features", f -> f.feature("intent") >= 0, (f, d) -> {})
            .build();
    JourneyDefinition journey =
        JourneyDefinition.builder("features").model(JourneyModel.leadHandoff()).evaluator(rules)
            .features(set).build();
    MutableClock clock = MutableClock.at("2027-01-01T00:00:00Z");
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    JourneyEngine engine = JourneyEngine.builder().definition(journey).store(store).clock(clock).build();
    // when
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (j >= b.size() || (i < a.size() && (i + j) % 3 != 0)) {
        engine.accept(a.get(i++));
      } else {
        engine.accept(b.get(j++));
      }
    }
    // then
    assertThat(store.load(SubjectRef.contact("1")).orElseThrow().features()).isEqualTo(set.backfill(a));
    assertThat(store.load(SubjectRef.contact("2")).orElseThrow().features()).isEqualTo(set.backfill(b));
  }

  @Property(tries = 200)
  void should_decode_what_it_encodes(@ForAll("histories") List<Step> steps) {
    // given
    FeatureSnapshot folded = features().backfill(arrivals(steps, "1"));
    // when
    FeatureSnapshot back = FeatureSnapshot.decode(folded.encode());
    // then
    assertThat(back).isEqualTo(folded);
    assertThat(back.encode()).isEqualTo(folded.encode());
    assertThat((long) folded.encode().length()).isLessThanOrEqualTo(folded.encodedLengthBound());
  }
}
