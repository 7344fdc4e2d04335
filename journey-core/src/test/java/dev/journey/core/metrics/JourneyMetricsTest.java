package dev.journey.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.fixture.MutableClock;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.state.JourneyModel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

final class JourneyMetricsTest {
  private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

  private final MutableClock clock = MutableClock.at(START.toString());
  private final JourneyMetrics metrics = JourneyMetrics.builder().build();
  private final InMemoryJourneyStore store = InMemoryJourneyStore.create();
  private final JourneyEngine engine =
      JourneyEngine.builder()
          .definition(JourneyDefinition.builder("lead-handoff")
              .model(JourneyModel.leadHandoff())
              .evaluator(JavaRuleSet.builder("m", "1")
                      .rule("handoff", f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED),
                          (f, d) -> d.transitionTo(JourneyModel.SALES_ENGAGED).assignOwner("o-1", "rr")
                              .startTimer("sla", f.now().plus(Duration.ofHours(2))))
                      .rule("touch", f -> f.signal().type().equals(SignalTypes.SALES_ACTIVITY),
                          (f, d) -> d.cancelTimer("sla"))
                      .rule("meeting", f -> f.signal().type().equals(SignalTypes.MEETING_BOOKED),
                          (f, d) -> d.transitionTo(JourneyModel.OPPORTUNITY_ACTIVE))
                      .rule("low intent", f -> f.signal().type().equals(SignalTypes.CONTENT_ENGAGED),
                          (f, d) -> d.transitionTo(JourneyModel.RECYCLED).recycle("LOW_INTENT"))
                      .build())
              .build())
          .store(store)
          .clock(clock)
          .listener(metrics)
          .build();

  private void at(Duration offset, String id, String subject, String type, String segment) {
    clock.set(START.plus(offset));
    engine.fireDueTimers();
    Signal.Builder b = Signal.builder().id(id).subject(SubjectRef.contact(subject)).type(type)
        .occurredAt(clock.instant()).source("test").attribute("leadSource", "webinar");
    if (segment != null) {
      b.attribute("segment", segment);
    }
    engine.accept(b.build());
  }

  @Test
  void should_measure_handoffs_first_touch_sla_and_funnel_by_segment() {
    // given: two SMB handoffs touched after 30 min and 3 h; one ENTERPRISE never touched
    at(Duration.ZERO, "d1", "1", SignalTypes.DEMO_REQUESTED, "SMB");
    at(Duration.ZERO, "d2", "2", SignalTypes.DEMO_REQUESTED, "SMB");
    at(Duration.ZERO, "d3", "3", SignalTypes.DEMO_REQUESTED, "ENTERPRISE");
    at(Duration.ofMinutes(30), "t1", "1", SignalTypes.SALES_ACTIVITY, null);
    at(Duration.ofHours(3), "t2", "2", SignalTypes.SALES_ACTIVITY, null);
    at(Duration.ofHours(4), "m1", "1", SignalTypes.MEETING_BOOKED, null);
    at(Duration.ofHours(5), "c4", "4", SignalTypes.CONTENT_ENGAGED, "MID_MARKET");

    // when
    JourneyMetrics.Summary summary = metrics.summary();

    // then
    assertThat(summary.decisions()).isEqualTo(9); // 7 signals + 2 breached timers fired
    assertThat(summary.timersStarted()).containsEntry("sla", 3L);
    assertThat(summary.timersCancelled()).containsEntry("sla", 1L); // only subject 1 in time
    assertThat(summary.timersFired()).containsEntry("sla", 2L);
    assertThat(summary.recycles()).containsEntry("LOW_INTENT", 1L);
    assertThat(summary.owners()).containsEntry("o-1", 3L);
    assertThat(summary.transitions()).containsEntry("NURTURE -> SALES_ENGAGED", 3L);
    JourneyMetrics.GroupStats smb = summary.bySegment().get("SMB");
    assertThat(smb.handoffs()).isEqualTo(2);
    assertThat(smb.accepted()).isEqualTo(2);
    assertThat(smb.meetings()).isEqualTo(1);
    assertThat(smb.opportunities()).isEqualTo(1);
    assertThat(smb.timeToFirstTouch().p50()).isEqualTo(Duration.ofMinutes(30));
    assertThat(smb.timeToFirstTouch().max()).isEqualTo(Duration.ofHours(3));
    assertThat(summary.bySegment().get("ENTERPRISE").acceptanceRate()).isZero();
    assertThat(summary.bySource().get("webinar").handoffs()).isEqualTo(3);
    assertThat(summary.bySegment()).doesNotContainKey("MID_MARKET");
  }

  @Test
  void should_give_the_same_summary_when_recomputed_from_the_audit_trail() {
    // given
    at(Duration.ZERO, "d1", "1", SignalTypes.DEMO_REQUESTED, "SMB");
    at(Duration.ofMinutes(10), "t1", "1", SignalTypes.SALES_ACTIVITY, null);
    // when
    JourneyMetrics replayed = JourneyMetrics.builder().build();
    store.audit(SubjectRef.contact("1")).forEach(replayed::add);
    // then
    assertThat(replayed.summary()).isEqualTo(metrics.summary());
  }

  @Test
  void should_compute_nearest_rank_percentiles() {
    List<Duration> values = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(3),
        Duration.ofMinutes(4), Duration.ofMinutes(100));
    JourneyMetrics.Percentiles p = JourneyMetrics.Percentiles.of(values);
    assertThat(p.p50()).isEqualTo(Duration.ofMinutes(3));
    assertThat(p.p90()).isEqualTo(Duration.ofMinutes(100));
    assertThat(JourneyMetrics.Percentiles.of(List.of()).count()).isZero();
    assertThatThrownBy(() -> JourneyMetrics.builder().touchTypes())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("touchTypes must name at least one type, but was empty");
  }
}
