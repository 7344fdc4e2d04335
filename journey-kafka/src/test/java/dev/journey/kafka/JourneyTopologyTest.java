package dev.journey.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.Action;
import dev.journey.core.action.ActionKind;
import dev.journey.core.spi.AuditRecord;
import dev.journey.jdbc.MisfirePolicy;
import dev.journey.jdbc.MisfireStage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

final class JourneyTopologyTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final SubjectRef LEAD = SubjectRef.contact("1001");

  private static DrivenTopology driven() {
    return new DrivenTopology(JourneyTopology.builder(TestJourneys.definition()), T0);
  }

  private static String json(Signal signal) {
    return TestJourneys.json(signal);
  }

  @Test
  void should_emit_one_record_per_action_keyed_by_subject_with_its_deterministic_id() {
    try (DrivenTopology kafka = driven()) {
      // given
      Signal demo = TestJourneys.demo("form-1", LEAD, T0);
      // when
      kafka.receive(demo);
      // then
      List<TestRecord<String, Action>> actions = kafka.actions.readRecordsToList();
      assertThat(actions).extracting(TestRecord::key).containsOnly("contact:1001");
      assertThat(actions)
          .extracting(r -> r.value().kind())
          .containsExactly(ActionKind.ASSIGN_OWNER, ActionKind.CREATE_TASK);
      for (TestRecord<String, Action> record : actions) {
        String header =
            new String(
                record.headers().lastHeader(JourneyTopology.ACTION_ID_HEADER).value(),
                StandardCharsets.UTF_8);
        assertThat(header).isEqualTo(record.value().id());
      }
      List<AuditRecord> audit = kafka.records();
      assertThat(audit).singleElement().satisfies(r -> {
        assertThat(r.outcome()).isEqualTo(AuditRecord.Outcome.DECIDED);
        assertThat(r.decision().actions().stream().map(Action::id).collect(Collectors.toList()))
            .containsExactlyElementsOf(actions.stream().map(a -> a.value().id()).collect(Collectors.toList()));
      });
      assertThat(kafka.store.load(LEAD)).hasValueSatisfying(s -> assertThat(s.state()).isEqualTo("SALES_ENGAGED"));
    }
  }

  @Test
  void should_decide_a_redelivered_signal_once() {
    try (DrivenTopology kafka = driven()) {
      // given
      Signal demo = TestJourneys.demo("form-1", LEAD, T0);
      kafka.receive(demo);
      // when
      kafka.receive(demo);
      // then
      assertThat(kafka.records()).hasSize(1);
      assertThat(kafka.actions.readValuesToList()).hasSize(2);
      assertThat(kafka.deadLetters.isEmpty()).isTrue();
    }
  }

  @Test
  void should_dead_letter_a_malformed_record_with_the_reason_and_go_on() {
    try (DrivenTopology kafka = driven()) {
      // given
      kafka.pipe("contact:1001", "{\"id\":\"x\", not json", T0);
      kafka.pipe("contact:1001", "{\"id\":\"y\",\"subject\":\"contact:1001\"}", T0);
      // when
      kafka.receive(TestJourneys.demo("form-1", LEAD, T0));
      // then
      List<TestRecord<String, DeadLetterRecord>> letters = kafka.deadLetters.readRecordsToList();
      assertThat(letters).hasSize(2);
      DeadLetterRecord first = letters.get(0).value();
      assertThat(first.kind()).isEqualTo(DeadLetterRecord.Kind.MALFORMED);
      assertThat(first.reason()).startsWith("not a valid Signal");
      assertThat(first.value()).isEqualTo("{\"id\":\"x\", not json");
      assertThat(first.key()).hasValue("contact:1001");
      assertThat(first.origin())
          .hasValue(new DeadLetterRecord.Origin(JourneyTopology.DEFAULT_SIGNALS_TOPIC, 0, 0));
      assertThat(letters.get(1).value().kind()).isEqualTo(DeadLetterRecord.Kind.MALFORMED);
      assertThat(new String(
              letters.get(0).headers().lastHeader(JourneyTopology.DEAD_LETTER_KIND_HEADER).value(),
              StandardCharsets.UTF_8))
          .isEqualTo("MALFORMED");
      assertThat(kafka.records()).singleElement().satisfies(r -> assertThat(r.signal().id()).isEqualTo("form-1"));
    }
  }

  @Test
  void should_dead_letter_a_record_keyed_by_another_subject_or_by_none() {
    try (DrivenTopology kafka = driven()) {
      // given
      Signal demo = TestJourneys.demo("form-1", LEAD, T0);
      // when
      kafka.pipe("contact:9999", json(demo), T0);
      kafka.pipe(null, json(demo), T0);
      // then
      List<DeadLetterRecord> letters = kafka.deadLetters.readValuesToList();
      assertThat(letters).extracting(DeadLetterRecord::kind)
          .containsExactly(DeadLetterRecord.Kind.WRONG_KEY, DeadLetterRecord.Kind.WRONG_KEY);
      assertThat(letters.get(0).reason())
          .contains("must be the signal's canonical subject 'contact:1001'")
          .contains("but was 'contact:9999'");
      assertThat(letters.get(1).reason()).endsWith("but was absent");
      assertThat(kafka.records()).isEmpty();
      assertThat(kafka.store.load(LEAD)).isEmpty();
    }
  }

  @Test
  void should_dead_letter_a_signal_stamped_in_the_future_and_write_nothing() {
    try (DrivenTopology kafka = driven()) {
      // given
      Signal future = TestJourneys.demo("form-1", LEAD, T0.plus(Duration.ofHours(1)));
      // when
      kafka.pipe("contact:1001", json(future), T0);
      // then
      assertThat(kafka.deadLetters.readValuesToList()).singleElement().satisfies(l -> {
        assertThat(l.kind()).isEqualTo(DeadLetterRecord.Kind.REFUSED);
        assertThat(l.reason()).contains("signal.occurredAt");
      });
      assertThat(kafka.records()).isEmpty();
      assertThat(kafka.store.lookup(LEAD, "form-1").inbox()).isEmpty();
    }
  }

  @Test
  void should_dead_letter_a_signal_whose_evaluation_fails_and_process_the_next() {
    try (DrivenTopology kafka = driven()) {
      // given
      kafka.receive(TestJourneys.signal("boom-1", LEAD, TestJourneys.EXPLODE, T0));
      // when
      kafka.receive(TestJourneys.demo("form-1", LEAD, T0));
      // then
      assertThat(kafka.deadLetters.readValuesToList()).singleElement().satisfies(l -> {
        assertThat(l.kind()).isEqualTo(DeadLetterRecord.Kind.FAILED);
        assertThat(l.reason()).contains("this rule always fails");
      });
      assertThat(kafka.records()).extracting(r -> r.signal().id()).containsExactly("form-1");
      assertThat(kafka.store.lookup(LEAD, "boom-1").inbox()).isEmpty();
    }
  }

  @Test
  void should_quarantine_and_dead_letter_a_signal_id_reused_with_other_content() {
    try (DrivenTopology kafka = driven()) {
      // given
      kafka.receive(TestJourneys.demo("form-1", LEAD, T0));
      Signal other = TestJourneys.signal("form-1", LEAD, SignalTypes.PRICING_PAGE_VIEWED, T0);
      // when
      kafka.receive(other);
      // then
      assertThat(kafka.deadLetters.readValuesToList()).singleElement().satisfies(l ->
          assertThat(l.kind()).isEqualTo(DeadLetterRecord.Kind.ID_CONFLICT));
      assertThat(kafka.store.quarantined()).singleElement().satisfies(q -> assertThat(q.id()).isEqualTo("form-1"));
      assertThat(kafka.records()).hasSize(1);
    }
  }

  @Test
  void should_fire_a_timer_when_wall_clock_time_passes_its_due_time() {
    JourneyTopology.Builder builder =
        JourneyTopology.builder(TestJourneys.definition()).timerInterval(Duration.ofSeconds(1));
    try (DrivenTopology kafka = new DrivenTopology(builder, T0, false)) {
      // given: a decision at the stream's wall-clock time T0 starts a two-hour timer
      kafka.pipe("contact:1001", json(TestJourneys.demo("form-1", LEAD, T0)), T0);
      assertThat(kafka.store.nextTimerDue()).hasValue(T0.plus(TestJourneys.SLA_AFTER));
      // when: wall-clock time passes, first short of the due time, then past it
      kafka.driver.advanceWallClockTime(Duration.ofMinutes(119));
      int beforeDue = kafka.records().size();
      kafka.driver.advanceWallClockTime(Duration.ofMinutes(2));
      // then
      assertThat(beforeDue).isEqualTo(1);
      List<AuditRecord> records = kafka.records();
      assertThat(records).hasSize(2);
      AuditRecord fired = records.get(1);
      assertThat(fired.signal().type()).isEqualTo(SignalTypes.TIMER_FIRED);
      assertThat(fired.signal().id()).isEqualTo("timer:contact:1001:" + TestJourneys.SLA + ":1");
      assertThat(fired.decision().actions()).extracting(Action::kind).containsExactly(ActionKind.CREATE_TASK);
      assertThat(kafka.store.nextTimerDue()).isEmpty();
      // and once only
      kafka.driver.advanceWallClockTime(Duration.ofHours(3));
      assertThat(kafka.records()).hasSize(2);
    }
  }

  @Test
  void should_apply_the_misfire_policy_to_a_timer_fired_late_after_downtime() {
    MisfireStage misfires =
        MisfireStage.builder().policy("sla:", MisfirePolicy.skipIfLaterThan(Duration.ofMinutes(10))).build();
    JourneyTopology.Builder builder =
        JourneyTopology.builder(TestJourneys.definition(misfires)).timerInterval(Duration.ofSeconds(1));
    try (DrivenTopology kafka = new DrivenTopology(builder, T0, false)) {
      // given
      kafka.pipe("contact:1001", json(TestJourneys.demo("form-1", LEAD, T0)), T0);
      // when: no punctuation for five hours (the instance was down), then it runs again
      kafka.driver.advanceWallClockTime(Duration.ofHours(5));
      // then: the SLA timer fires once, three hours late, and is skipped by the policy
      List<AuditRecord> records = kafka.records();
      assertThat(records).hasSize(2);
      assertThat(records.get(1).decision().annotations()).containsEntry("misfire", "skipped");
      assertThat(records.get(1).decision().actions()).isEmpty();
      assertThat(kafka.actions.readValuesToList()).hasSize(2);
      assertThat(kafka.store.nextTimerDue()).isEmpty();
    }
  }

  @Test
  void should_process_a_redelivery_again_once_its_inbox_record_is_past_retention() {
    JourneyTopology.Builder builder =
        JourneyTopology.builder(TestJourneys.definition())
            .inboxRetention(Duration.ofHours(1))
            .purgeInterval(Duration.ofMinutes(1));
    try (DrivenTopology kafka = new DrivenTopology(builder, T0, false)) {
      // given
      Signal seen = TestJourneys.signal("view-1", LEAD, SignalTypes.PRICING_PAGE_VIEWED, T0);
      kafka.pipe("contact:1001", json(seen), T0);
      kafka.driver.advanceWallClockTime(Duration.ofMinutes(30));
      kafka.pipe("contact:1001", json(seen), T0);
      int withinRetention = kafka.records().size();
      // when
      kafka.driver.advanceWallClockTime(Duration.ofMinutes(45));
      kafka.pipe("contact:1001", json(seen), T0);
      // then
      assertThat(withinRetention).isEqualTo(1);
      assertThat(kafka.records()).hasSize(2);
    }
  }

  @Test
  void should_count_decisions_and_dead_letters_in_the_streams_metrics() {
    try (DrivenTopology kafka = driven()) {
      // given
      kafka.receive(TestJourneys.demo("form-1", LEAD, T0));
      kafka.receive(TestJourneys.demo("form-1", LEAD, T0));
      // when
      kafka.pipe("contact:1001", "nope", T0);
      // then
      assertThat(metric(kafka, "decided-total")).isEqualTo(1.0);
      assertThat(metric(kafka, "duplicates-total")).isEqualTo(1.0);
      assertThat(metric(kafka, "dead-lettered-total")).isEqualTo(1.0);
    }
  }

  private static double metric(DrivenTopology kafka, String name) {
    double sum = 0;
    for (java.util.Map.Entry<MetricName, ? extends Metric> e : kafka.driver.metrics().entrySet()) {
      if (e.getKey().name().equals(name)
          && e.getKey().group().equals("stream-" + JourneyTopology.METRICS_SCOPE + "-metrics")) {
        sum += ((Number) e.getValue().metricValue()).doubleValue();
      }
    }
    return sum;
  }

  @Test
  void should_refuse_a_bad_topic_name_and_equal_topics_at_once() {
    JourneyTopology.Builder builder = JourneyTopology.builder(TestJourneys.definition());
    assertThatThrownBy(() -> builder.actionsTopic("bad topic"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("actionsTopic must be 1 to 249 of [a-zA-Z0-9._-]")
        .hasMessageContaining("'bad topic'");
    assertThatThrownBy(() -> builder.auditTopic(JourneyTopology.DEFAULT_ACTIONS_TOPIC).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must differ");
    assertThatThrownBy(() -> builder.timerInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timerInterval must be >= 1 ms");
  }

  @Test
  void should_configure_exactly_once_v2() {
    assertThat(JourneyTopology.streamsConfig("app", "127.0.0.1:9092"))
        .containsEntry("processing.guarantee", "exactly_once_v2")
        .containsEntry("application.id", "app")
        .containsEntry("bootstrap.servers", "127.0.0.1:9092");
  }
}
