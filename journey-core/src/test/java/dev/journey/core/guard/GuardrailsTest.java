package dev.journey.core.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.JourneyListener;
import dev.journey.core.fixture.MutableClock;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.metrics.MetricsDefinition;
import dev.journey.core.rollout.RolloutEvaluator;
import dev.journey.core.rollout.RolloutPlan;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.state.JourneyModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * Guardrail metrics on a real engine: v1 and v2 at 50%; v2 also tries an illegal transition on
 * content engagement. Contacts whose number is divisible by 3 are touched after 30 minutes, the
 * others after 3 hours (a breach of the 2-hour SLA), whatever their version.
 */
final class GuardrailsTest {
  private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");

  private final MutableClock clock = MutableClock.at(MONDAY.toString());
  private final InMemoryJourneyStore store = InMemoryJourneyStore.create();
  private final MetricsDefinition definition = MetricsDefinition.leadHandoff().build();
  private final GuardrailCollector collector = GuardrailCollector.create(definition);
  private final List<AuditRecord> log = new ArrayList<>();
  private final RolloutPlan plan = RolloutPlan.start("lead-handoff", "1", "2").next().next();
  private final JourneyEngine engine = engine();

  private JavaRuleSet rules(String version) {
    JavaRuleSet.Builder b = JavaRuleSet.builder("lead-handoff", version)
        .rule("demo request goes to sales",
            f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED),
            (f, d) -> d.transitionTo(JourneyModel.SALES_ENGAGED)
                .startTimer("sla:first-touch", f.now().plus(Duration.ofHours(2))))
        .rule("a touch meets the SLA",
            f -> f.signal().type().equals(SignalTypes.SALES_ACTIVITY) && f.snapshot().timer("sla:first-touch").isPresent(),
            (f, d) -> d.cancelTimer("sla:first-touch").increment("sla.first-touch.met", 1))
        .rule("a due SLA timer is a breach",
            f -> f.signal().isTimer(),
            (f, d) -> d.increment("sla.first-touch.breached", 1));
    if (version.equals("2")) {
      b.rule("content makes a customer (illegal from NURTURE)",
          f -> f.signal().type().equals(SignalTypes.CONTENT_ENGAGED),
          (f, d) -> d.transitionTo(JourneyModel.CUSTOMER));
    }
    return b.build();
  }

  private JourneyEngine engine() {
    return JourneyEngine.builder()
        .definition(JourneyDefinition.of(
            "lead-handoff", JourneyModel.leadHandoff(),
            RolloutEvaluator.of(plan, Map.of("1", rules("1"), "2", rules("2")))))
        .store(store)
        .clock(clock)
        .listener(collector)
        .listener(new JourneyListener() {
          @Override
          public void onCommitted(AuditRecord record) {
            log.add(record);
          }
        })
        .build();
  }

  private void signal(String id, int contact, String type) {
    engine.accept(Signal.builder().id(id).subject(SubjectRef.contact(Integer.toString(contact))).type(type)
        .occurredAt(clock.instant()).source("test").build());
  }

  /** 200 demo requests; touches at 30 min (contacts divisible by 3) or 3 h; content from 150 to 199. */
  private void run() {
    for (int i = 0; i < 200; i++) {
      signal("d" + i, i, SignalTypes.DEMO_REQUESTED);
    }
    clock.advance(Duration.ofMinutes(30));
    for (int i = 0; i < 200; i += 3) {
      signal("t" + i, i, SignalTypes.SALES_ACTIVITY);
    }
    clock.advance(Duration.ofHours(3));
    engine.fireDueTimers();
    for (int i = 0; i < 200; i++) {
      if (i % 3 != 0) {
        signal("t" + i, i, SignalTypes.SALES_ACTIVITY);
      }
    }
    for (int i = 150; i < 200; i++) {
      signal("c" + i, 200 + i, SignalTypes.CONTENT_ENGAGED);
    }
  }

  @Test
  void should_put_each_subject_in_the_cohort_of_its_first_decision_and_count_what_went_wrong() {
    // given
    run();

    // when
    List<GuardrailSubject> subjects = collector.subjects();

    // then every subject's cohort is the version its bucket picks
    assertThat(subjects).hasSize(250);
    assertThat(subjects).allSatisfy(s -> assertThat(s.version()).isEqualTo(plan.versionFor(s.subject())));
    GuardrailSubject touchedLate = subjects.stream().filter(s -> s.subject().equals(SubjectRef.contact("1"))).findFirst().orElseThrow();
    assertThat(touchedLate.decisions()).isEqualTo(3);
    assertThat(touchedLate.measure().slas()).singleElement()
        .satisfies(i -> assertThat(i.outcome()).hasToString("BREACHED"));
    long rejected = subjects.stream().filter(s -> s.rejected() > 0).count();
    long onV2 = subjects.stream().filter(s -> s.subject().id().compareTo("350") >= 0 && s.subject().id().length() == 3
        && s.version().equals("2")).count();
    assertThat(rejected).isEqualTo(onV2).isPositive();
  }

  @Test
  void should_collect_the_same_subjects_from_the_decision_log_as_live() {
    // given
    run();

    // when
    GuardrailCollector replayed = GuardrailCollector.of(definition, log);

    // then
    assertThat(replayed.subjects()).isEqualTo(collector.subjects());
  }

  @Test
  void should_see_no_sla_difference_and_flag_the_rejections_of_the_candidate() {
    // given
    run();
    Guardrails guardrails = Guardrails.builder()
        .metric(GuardrailMetric.slaBreachRate(0.2))
        .metric(GuardrailMetric.rejectedDecisions(0.2))
        .metric(GuardrailMetric.meanHours("time to first touch", 1))
        .alpha(0.05)
        .build();

    // when
    List<GuardrailReading> readings = guardrails.read(collector.subjects(), "1", "2", MONDAY);

    // then the breach rate is about 2/3 on both sides and not a regression; rejections are
    GuardrailReading breaches = readings.get(0);
    assertThat(breaches.metric()).isEqualTo("sla breach rate");
    assertThat(breaches.live().n() + breaches.candidate().n()).isEqualTo(200);
    assertThat(breaches.regression()).isFalse();
    GuardrailReading rejections = readings.get(1);
    assertThat(rejections.live().mean()).isZero();
    assertThat(rejections.candidate().mean()).isPositive();
    assertThat(rejections.regression()).as(rejections.describe()).isTrue();
    assertThat(rejections.describe()).startsWith("rejected decisions: live 0.000 (n=").endsWith("REGRESSION");
    GuardrailReading touch = readings.get(2);
    assertThat(touch.kind()).isEqualTo(GuardrailMetric.Kind.MEAN);
    assertThat(touch.live().mean()).isBetween(0.5, 3.5);
    assertThat(guardrails.test(GuardrailMetric.slaBreachRate(0.2)).alpha()).isEqualTo(0.05 / 3);
    String table = GuardrailReading.table(readings);
    assertThat(table.lines()).hasSize(4);
    assertThat(table.lines().skip(2).findFirst().orElseThrow()).startsWith("rejected decisions").endsWith("REGRESSION");
  }

  @Test
  void should_count_only_subjects_first_seen_since_the_rollout_started() {
    // given
    run();
    Guardrails guardrails = Guardrails.builder().metric(GuardrailMetric.rejectedDecisions(0.2)).build();

    // when
    List<GuardrailReading> readings = guardrails.read(collector.subjects(), "1", "2", MONDAY.plusSeconds(1));

    // then only the content-engaged contacts, first seen 3.5 hours later, count
    assertThat(readings.get(0).live().n() + readings.get(0).candidate().n()).isEqualTo(50);
  }

  @Test
  void should_count_each_dead_letter_once() {
    // given
    run();
    Signal s = Signal.builder().id("x").subject(SubjectRef.contact("5")).type(SignalTypes.DEMO_REQUESTED)
        .occurredAt(clock.instant()).source("t").build();
    JavaRuleSet withTask = JavaRuleSet.builder("lead-handoff", "1")
        .rule("task", f -> true, (f, d) -> d.createTask("call", "back", f.now()))
        .build();
    JourneyEngine tasks = JourneyEngine.builder()
        .definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), withTask))
        .store(store).clock(clock).listener(collector).build();
    tasks.accept(s);
    OutboxEntry task = store.pendingActions().get(0);
    store.deadLetter(task, "HTTP 400", clock.instant());

    // when handed twice
    collector.deadLetters(store.deadLetters());
    collector.deadLetters(store.deadLetters());

    // then
    GuardrailSubject five = collector.subjects().stream().filter(x -> x.subject().equals(SubjectRef.contact("5"))).findFirst().orElseThrow();
    assertThat(five.deadLetters()).isEqualTo(1);
    assertThat(GuardrailMetric.deadLetters(0.1).valueOf(five)).isEqualTo(OptionalDouble.of(1));
  }

  @Test
  void should_refuse_a_proportion_that_is_not_zero_or_one_and_duplicate_metrics() {
    // given
    run();
    GuardrailMetric broken = GuardrailMetric.of("broken", GuardrailMetric.Kind.PROPORTION, GuardrailMetric.Better.LOWER, 0.1,
        s -> OptionalDouble.of(0.5));
    GuardrailSubject first = collector.subjects().get(0);

    // then
    assertThatThrownBy(() -> broken.valueOf(first))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("metric 'broken' (PROPORTION) must give 0 or 1, but gave 0.5 for " + first.subject());
    assertThatThrownBy(() -> Guardrails.builder().metric(broken).metric(broken))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("guardrail metric names must be unique, but 'broken' was added twice");
    assertThatThrownBy(() -> GuardrailMetric.rejectedDecisions(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("metric 'rejected decisions' needs a finite minimumDetectableEffect > 0, but was 0.0");
    assertThatThrownBy(() -> Guardrails.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("guardrails need at least one metric, but had none");
  }
}
