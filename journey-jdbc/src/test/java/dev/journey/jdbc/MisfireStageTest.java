package dev.journey.jdbc;

import dev.journey.testkit.clock.VirtualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Late timer firings under each misfire policy, through a real engine. */
final class MisfireStageTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final SubjectRef ALICE = SubjectRef.contact("1");

  private final VirtualClock clock = VirtualClock.at(T0);
  private final InMemoryJourneyStore store = InMemoryJourneyStore.create();

  private JourneyEngine engine(MisfireStage stage) {
    JavaRuleSet rules =
        JavaRuleSet.builder("misfire", "1")
            .rule("a form starts timers", f -> f.signal().type().equals(SignalTypes.FORM_SUBMITTED),
                (f, d) -> d.startTimer("sla:reply", f.now().plus(Duration.ofMinutes(10)))
                    .startTimer("reminder:call", f.now().plus(Duration.ofMinutes(10)))
                    .startTimer("digest:daily", f.now().plus(Duration.ofHours(1))))
            .rule("timers notify", f -> f.signal().isTimer(),
                (f, d) -> d.notify("owner", "timer " + f.signal().firing().map(t -> t.name()).orElse("")))
            .rule("the digest recurs hourly",
                f -> f.signal().isTimer("digest:daily"),
                (f, d) -> d.startTimer("digest:daily", f.signal().occurredAt().plus(Duration.ofHours(1))))
            .build();
    return JourneyEngine.builder().definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), rules, stage)).store(store).clock(clock).build();
  }

  private static MisfireStage stage() {
    return MisfireStage.builder()
        .defaultPolicy(MisfirePolicy.fireNow(Duration.ofMinutes(1)))
        .policy("reminder:", MisfirePolicy.skipIfLaterThan(Duration.ofHours(2)))
        .policy("digest:", MisfirePolicy.coalesce(Duration.ofMinutes(5)))
        .build();
  }

  private AuditRecord lastTimerAudit(String timer) {
    List<AuditRecord> audit = store.audit(ALICE);
    for (int i = audit.size() - 1; i >= 0; i--) {
      AuditRecord r = audit.get(i);
      if (r.signal().isTimer(timer)) {
        return r;
      }
    }
    throw new AssertionError("no firing of " + timer);
  }

  @Test
  void should_fire_late_timers_once_and_apply_each_policy() {
    // given a form at T0, then 5 hours of downtime
    JourneyEngine engine = engine(stage());
    engine.accept(Signal.builder().id("f-1").subject(ALICE).type(SignalTypes.FORM_SUBMITTED)
        .occurredAt(T0).source("test").build());
    clock.set(T0.plus(Duration.ofHours(5)).plusSeconds(30));
    // when
    engine.fireDueTimers();
    // then the SLA fires once, marked late
    AuditRecord sla = lastTimerAudit("sla:reply");
    assertThat(sla.decision().annotations()).containsEntry("misfire", "late")
        .containsEntry("misfire.lateBy", "PT4H50M30S");
    assertThat(sla.decision().actions()).hasSize(1);
    // and the reminder is skipped: completed, its action dropped
    AuditRecord reminder = lastTimerAudit("reminder:call");
    assertThat(reminder.decision().annotations()).containsEntry("misfire", "skipped");
    assertThat(reminder.decision().actions()).isEmpty();
    assertThat(reminder.decision().dropped()).hasSize(1);
    assertThat(reminder.decision().dropped().get(0).guardrail()).isEqualTo(MisfireStage.GUARDRAIL);
    // and the hourly digest fired once for the 5 missed hours, next occurrence after now
    AuditRecord digest = lastTimerAudit("digest:daily");
    assertThat(digest.decision().annotations()).containsEntry("misfire", "coalesced")
        .containsEntry("misfire.skippedOccurrences", "4");
    assertThat(store.audit(ALICE).stream().filter(r -> r.signal().isTimer())).hasSize(3);
    JourneySnapshot after = store.load(ALICE).orElseThrow();
    assertThat(after.timers()).containsOnlyKeys("digest:daily");
    assertThat(after.timers().get("digest:daily").dueAt()).isEqualTo(T0.plus(Duration.ofHours(6)));
  }

  @Test
  void should_leave_on_time_firings_alone() {
    // given
    JourneyEngine engine = engine(stage());
    engine.accept(Signal.builder().id("f-1").subject(ALICE).type(SignalTypes.FORM_SUBMITTED)
        .occurredAt(T0).source("test").build());
    clock.set(T0.plus(Duration.ofMinutes(10)).plusSeconds(30));
    // when
    engine.fireDueTimers();
    // then
    assertThat(lastTimerAudit("sla:reply").decision().annotations()).doesNotContainKey("misfire");
    assertThat(lastTimerAudit("reminder:call").decision().actions()).hasSize(1);
  }

  @Test
  void should_pick_the_longest_matching_prefix() {
    // given
    MisfireStage stage =
        MisfireStage.builder()
            .policy("sla:", MisfirePolicy.fireNow(Duration.ZERO))
            .policy("sla:soft:", MisfirePolicy.skipIfLaterThan(Duration.ofMinutes(1)))
            .build();
    // when / then
    assertThat(stage.policyFor("sla:soft:x")).isInstanceOf(MisfirePolicy.SkipIfLaterThan.class);
    assertThat(stage.policyFor("sla:hard")).isInstanceOf(MisfirePolicy.FireNow.class);
    assertThat(stage.policyFor("other")).isEqualTo(MisfirePolicy.fireNow(Duration.ofMinutes(1)));
  }

  @Test
  void should_reject_a_second_policy_for_one_prefix_and_negative_durations() {
    // given
    MisfireStage.Builder builder = MisfireStage.builder().policy("sla:", MisfirePolicy.fireNow(Duration.ZERO));
    // when / then
    assertThatThrownBy(() -> builder.policy("sla:", MisfirePolicy.coalesce(Duration.ZERO)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("prefix 'sla:' already has policy");
    assertThatThrownBy(() -> MisfirePolicy.skipIfLaterThan(Duration.ofSeconds(-1)))
        .hasMessage("bound must be >= 0, but was PT-1S");
  }
}
