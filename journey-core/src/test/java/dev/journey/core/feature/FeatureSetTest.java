package dev.journey.core.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.InvalidValueException;
import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.fixture.MutableClock;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.state.JourneyModel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

final class FeatureSetTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static int ids;

  private static Signal signal(String type, Instant at) {
    return Signal.builder().id("s" + ids++).subject(SubjectRef.contact("7")).type(type)
        .occurredAt(at).source("test").attribute("pageUrl", "/pricing").build();
  }

  private static FeatureSet pricing() {
    return FeatureSet.builder()
        .feature(new FeatureDefinition.WindowCount("pricing_views_7d",
            SignalMatch.of(SignalTypes.PRICING_PAGE_VIEWED), Duration.ofDays(7), Duration.ofDays(1)))
        .lastSeen("last_demo", SignalMatch.of(SignalTypes.DEMO_REQUESTED))
        .lateness(Duration.ofHours(1))
        .build();
  }

  @Test
  void should_slide_the_window_by_whole_buckets_when_time_advances() {
    // given 3 views on day 0 and 1 on day 3
    FeatureSet set = pricing();
    FeatureSnapshot f = FeatureSnapshot.EMPTY;
    for (int i = 0; i < 3; i++) {
      f = set.fold(f, signal(SignalTypes.PRICING_PAGE_VIEWED, T0.plusSeconds(i)));
    }
    f = set.fold(f, signal(SignalTypes.PRICING_PAGE_VIEWED, T0.plus(Duration.ofDays(3))));
    // when / then: day 6 still sees all 4, day 7 only the one of day 3, day 10 none
    assertThat(f.value("pricing_views_7d")).isEqualTo(4);
    assertThat(set.advance(f, T0.plus(Duration.ofDays(6))).value("pricing_views_7d")).isEqualTo(4);
    assertThat(set.advance(f, T0.plus(Duration.ofDays(7))).value("pricing_views_7d")).isEqualTo(1);
    assertThat(set.advance(f, T0.plus(Duration.ofDays(10))).value("pricing_views_7d")).isZero();
  }

  @Test
  void should_not_count_a_signal_more_than_the_lateness_behind_when_it_arrives() {
    // given
    FeatureSet set = pricing();
    FeatureSnapshot f = set.fold(FeatureSnapshot.EMPTY, signal(SignalTypes.DEMO_REQUESTED, T0));
    // when a view 59 minutes behind and one 61 minutes behind arrive
    f = set.fold(f, signal(SignalTypes.PRICING_PAGE_VIEWED, T0.minus(Duration.ofMinutes(59))));
    f = set.fold(f, signal(SignalTypes.PRICING_PAGE_VIEWED, T0.minus(Duration.ofMinutes(61))));
    // then the first counts, the second is late; time stays at the demo request
    assertThat(f.value("pricing_views_7d")).isEqualTo(1);
    assertThat(f.late()).isEqualTo(1);
    assertThat(f.asOf()).contains(T0);
    assertThat(f.value("last_demo")).isZero();
  }

  @Test
  void should_read_infinity_for_last_seen_when_nothing_was_seen() {
    // given
    FeatureSet set = pricing();
    // when
    FeatureSnapshot f = set.fold(FeatureSnapshot.EMPTY, signal(SignalTypes.PRICING_PAGE_VIEWED, T0));
    // then
    assertThat(f.value("last_demo")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(f.lastSeen("last_demo")).isEmpty();
  }

  @Test
  void should_saturate_a_distinct_count_at_its_cap() {
    // given
    FeatureSet set = FeatureSet.builder()
        .feature(new FeatureDefinition.DistinctCount("pages",
            SignalMatch.of(SignalTypes.CONTENT_ENGAGED), "pageUrl", 2))
        .build();
    FeatureSnapshot f = FeatureSnapshot.EMPTY;
    // when
    for (String page : List.of("/a", "/b", "/a", "/c")) {
      f = set.fold(f, Signal.builder().id("p" + ids++).subject(SubjectRef.contact("7"))
          .type(SignalTypes.CONTENT_ENGAGED).occurredAt(T0).source("t").attribute("pageUrl", page).build());
    }
    // then
    assertThat(f.value("pages")).isEqualTo(2);
    assertThat(f.saturated("pages")).isTrue();
  }

  @Test
  void should_count_only_signals_whose_attributes_match() {
    // given
    FeatureSet set = FeatureSet.builder()
        .windowCount("webinar_forms_30d",
            SignalMatch.of(SignalTypes.FORM_SUBMITTED).where("formId", "webinar-registration"),
            Duration.ofDays(30))
        .build();
    Signal webinar = Signal.builder().id("w").subject(SubjectRef.contact("7"))
        .type(SignalTypes.FORM_SUBMITTED).occurredAt(T0).source("t")
        .attribute("formId", "webinar-registration").build();
    Signal other = Signal.builder().id("o").subject(SubjectRef.contact("7"))
        .type(SignalTypes.FORM_SUBMITTED).occurredAt(T0).source("t").attribute("formId", "trial").build();
    // when
    FeatureSnapshot f = set.backfill(List.of(webinar, other));
    // then
    assertThat(f.value("webinar_forms_30d")).isEqualTo(1);
  }

  @Test
  void should_keep_an_unchanged_feature_and_restart_a_changed_one_when_the_set_changes() {
    // given
    FeatureSet v1 = pricing();
    FeatureSnapshot f = FeatureSnapshot.EMPTY;
    f = v1.fold(f, signal(SignalTypes.PRICING_PAGE_VIEWED, T0));
    f = v1.fold(f, signal(SignalTypes.DEMO_REQUESTED, T0.plusSeconds(60)));
    FeatureSet v2 = FeatureSet.builder()
        .feature(new FeatureDefinition.WindowCount("pricing_views_7d",
            SignalMatch.of(SignalTypes.PRICING_PAGE_VIEWED), Duration.ofDays(7), Duration.ofHours(1)))
        .lastSeen("last_demo", SignalMatch.of(SignalTypes.DEMO_REQUESTED))
        .lateness(Duration.ofHours(1))
        .build();
    // when
    FeatureSnapshot migrated = v2.fold(f, signal(SignalTypes.FORM_SUBMITTED, T0.plusSeconds(120)));
    // then
    assertThat(v2.hash()).isNotEqualTo(v1.hash()).hasSize(32);
    assertThat(migrated.hash()).isEqualTo(v2.hash());
    assertThat(migrated.value("pricing_views_7d")).isZero();
    assertThat(migrated.value("last_demo")).isEqualTo(60);
  }

  @Test
  void should_have_the_same_hash_when_the_definitions_are_the_same() {
    // when / then
    assertThat(pricing().hash()).isEqualTo(pricing().hash());
    assertThat(FeatureSet.none().hash()).isEmpty();
  }

  @Test
  void should_reject_a_ratio_over_an_undeclared_feature() {
    // when / then
    assertThatThrownBy(() -> FeatureSet.builder()
            .lastSeen("last_demo", SignalMatch.of(SignalTypes.DEMO_REQUESTED))
            .ratio("share", "last_demo", "views").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ratio 'share'").hasMessageContaining("'views'")
        .hasMessageContaining("declared: last_demo");
  }

  @Test
  void should_reject_a_name_declared_twice() {
    // when / then
    assertThatThrownBy(() -> FeatureSet.builder()
            .lastSeen("x", SignalMatch.of("A")).lastSeen("x", SignalMatch.of("B")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("feature 'x' is declared twice");
  }

  @Test
  void should_reject_a_window_that_is_not_a_multiple_of_its_bucket() {
    // when / then
    assertThatThrownBy(() -> new FeatureDefinition.WindowCount("w", SignalMatch.of("A"),
            Duration.ofDays(7), Duration.ofHours(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("feature 'w': window must be a multiple of its bucket");
    assertThatThrownBy(() -> new FeatureDefinition.WindowCount("w", SignalMatch.of("A"),
            Duration.ofDays(30), Duration.ofMinutes(1)))
        .hasMessageContaining("at most 1024 buckets");
  }

  @Test
  void should_reject_a_bad_feature_name() {
    // when / then
    assertThatThrownBy(() -> new FeatureDefinition.LastSeen("Pricing Views", SignalMatch.of("A")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("but was 'Pricing Views'");
  }

  @Test
  void should_name_the_declared_features_when_an_undeclared_one_is_read() {
    // given
    FeatureSnapshot f = pricing().fold(FeatureSnapshot.EMPTY, signal(SignalTypes.DEMO_REQUESTED, T0));
    // when / then
    assertThatThrownBy(() -> f.value("pricing_views_30d"))
        .isInstanceOf(UnknownFeatureException.class)
        .hasMessage("feature 'pricing_views_30d' is not declared by the journey; declared features:"
            + " pricing_views_7d, last_demo");
  }

  @Test
  void should_say_which_part_is_wrong_when_decoding_a_broken_text() {
    // when / then
    assertThatThrownBy(() -> FeatureSnapshot.decode("f2;abc;-;0"))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("features (the header)");
    assertThatThrownBy(() -> FeatureSnapshot.decode("f1;abc;-;0;pages,1,Q,0.0,"))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("the kind of feature pages");
    assertThatThrownBy(() -> FeatureSnapshot.decode("f1;abc;-;0;views,1,W,1.0,12"))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("window state of views");
  }

  @Test
  void should_persist_the_features_and_audit_their_hash_when_the_engine_decides() {
    // given a rule that reads a feature
    FeatureSet set = pricing();
    JavaRuleSet rules = JavaRuleSet.builder("r", "1")
        .rule("hot", f -> f.feature("pricing_views_7d") >= 2,
            (f, d) -> d.increment("hot", 1))
        .build();
    JourneyDefinition journey = JourneyDefinition.builder("j").model(JourneyModel.leadHandoff())
        .evaluator(rules).features(set).build();
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    JourneyEngine engine = JourneyEngine.builder().definition(journey).store(store)
        .clock(MutableClock.at("2026-03-03T00:00:00Z")).build();
    // when
    engine.accept(signal(SignalTypes.PRICING_PAGE_VIEWED, T0));
    engine.accept(signal(SignalTypes.PRICING_PAGE_VIEWED, T0.plusSeconds(60)));
    // then the second view made it hot: rules saw the signal at hand counted
    var snapshot = store.load(SubjectRef.contact("7")).orElseThrow();
    assertThat(snapshot.counter("hot")).isEqualTo(1);
    assertThat(snapshot.features().value("pricing_views_7d")).isEqualTo(2);
    List<AuditRecord> audit = store.audit(SubjectRef.contact("7"));
    assertThat(audit).hasSize(2)
        .allSatisfy(r -> assertThat(r.before().features().hash()).isEqualTo(set.hash()));
  }

  @Test
  void should_keep_the_latest_n_signals_and_read_them_back_from_the_encoded_text() {
    // given the 3 latest pages, with separators in their values
    FeatureSet set = FeatureSet.builder()
        .recent("recent_pages", SignalMatch.of(SignalTypes.PRICING_PAGE_VIEWED), "pageUrl", 3)
        .build();
    FeatureSnapshot f = FeatureSnapshot.EMPTY;
    String[] urls = {"/a;b", "/c,d", "/e/f~g", "/h i%", "/j"};
    for (int i = 0; i < urls.length; i++) {
      Signal s = Signal.builder().id("r" + i).subject(SubjectRef.contact("1")).type(SignalTypes.PRICING_PAGE_VIEWED)
          .occurredAt(T0.plusSeconds(i)).source("web").attribute("pageUrl", urls[i]).build();
      f = set.fold(f, s);
    }
    // when
    FeatureSnapshot decoded = FeatureSnapshot.decode(f.encode());
    // then
    assertThat(f.value("recent_pages")).isEqualTo(3);
    assertThat(f.recent("recent_pages")).extracting(FeatureSnapshot.RecentSignal::value)
        .containsExactly("/j", "/h i%", "/e/f~g");
    assertThat(decoded).isEqualTo(f);
    assertThat(decoded.recent("recent_pages")).isEqualTo(f.recent("recent_pages"));
    assertThat((long) f.encode().length()).isLessThanOrEqualTo(f.encodedLengthBound());
  }

  @Test
  void should_not_keep_a_recent_signal_older_than_the_lateness() {
    // given
    FeatureSet set = FeatureSet.builder()
        .recent("recent_pages", SignalMatch.of(SignalTypes.PRICING_PAGE_VIEWED), "pageUrl", 3)
        .lateness(Duration.ofHours(1))
        .build();
    FeatureSnapshot f = set.fold(FeatureSnapshot.EMPTY, signal(SignalTypes.PRICING_PAGE_VIEWED, T0));
    // when
    FeatureSnapshot after = set.fold(f, signal(SignalTypes.PRICING_PAGE_VIEWED, T0.minus(Duration.ofHours(2))));
    // then
    assertThat(after.recent("recent_pages")).hasSize(1);
    assertThat(after.late()).isEqualTo(1);
  }

  @Test
  void should_keep_a_window_as_consecutive_bucket_counts_trimmed_of_empty_ends() {
    // given 2 signals in one bucket and 1 two buckets later, then time passes the first bucket
    FeatureSet set = pricing();
    FeatureSnapshot f = set.fold(FeatureSnapshot.EMPTY, signal(SignalTypes.PRICING_PAGE_VIEWED, T0));
    f = set.fold(f, signal(SignalTypes.PRICING_PAGE_VIEWED, T0.plusSeconds(1)));
    FeatureDefinition.WindowCount w = (FeatureDefinition.WindowCount) set.definitions().get(0);
    f = set.fold(f, signal(SignalTypes.PRICING_PAGE_VIEWED, T0.plus(w.bucket().multipliedBy(2))));
    // when
    FeatureSnapshot later = set.advance(f, T0.plus(w.window()).plus(w.bucket()));
    // then
    FeatureSnapshot.Window state = (FeatureSnapshot.Window) f.states[0];
    assertThat(state.counts).containsExactly(2, 0, 1);
    assertThat(state.total).isEqualTo(3);
    FeatureSnapshot.Window slid = (FeatureSnapshot.Window) later.states[0];
    assertThat(slid.counts).containsExactly(1);
    assertThat(slid.first).isEqualTo(state.first + 2);
    assertThat(later.value(w.name())).isEqualTo(1);
    assertThat(FeatureSnapshot.decode(f.encode())).isEqualTo(f);
    assertThat(FeatureSnapshot.Window.add(state, slid).counts).containsExactly(2, 0, 2);
    assertThat(FeatureSnapshot.Window.add(state, FeatureSnapshot.Window.EMPTY)).isSameAs(state);
  }
}
