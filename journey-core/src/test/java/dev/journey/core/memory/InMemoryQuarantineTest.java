package dev.journey.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.Commit;
import dev.journey.core.spi.DueTimer;
import dev.journey.core.spi.QuarantinedInput;
import dev.journey.core.spi.QuarantinedInput.Kind;
import dev.journey.core.spi.TimerChange;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.PendingTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class InMemoryQuarantineTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Duration LEASE = Duration.ofMinutes(1);
  private static final SubjectRef ADA = SubjectRef.contact("1001");

  private final InMemoryJourneyStore store = InMemoryJourneyStore.create();

  private DueTimer scheduleTimer(String name) {
    Signal signal =
        Signal.builder().id("s-" + name).subject(ADA).type(SignalTypes.FORM_SUBMITTED)
            .occurredAt(T0).source("test").build();
    JourneySnapshot before = JourneySnapshot.initial(ADA, "NURTURE", T0);
    long version = store.load(ADA).map(JourneySnapshot::version).orElse(0L);
    JourneySnapshot current = store.load(ADA).orElse(before);
    PendingTimer timer = new PendingTimer(name, T0, 1, Map.of());
    JourneySnapshot after = current.toBuilder().version(version + 1).timer(timer).build();
    Decision noop = Decision.noop(current, signal, T0, RuleSetRef.of("test", "1"), "test");
    store.commit(
        new Commit(signal, version, after, List.of(new TimerChange.Scheduled(timer)), List.of(),
            new AuditRecord(signal, current, noop, AuditRecord.Outcome.DECIDED, "", T0), List.of()));
    return new DueTimer(ADA, timer);
  }

  private static QuarantinedInput input(Kind kind, String id, Instant at) {
    return new QuarantinedInput(kind, id, Optional.of(ADA), "evaluator failed", "{}", 3, at);
  }

  @Test
  void should_list_inspect_and_discard_quarantined_inputs_oldest_first() {
    // given
    store.quarantine(input(Kind.EXTERNAL_EVENT, "evt-2", T0.plusSeconds(2)));
    store.quarantine(input(Kind.SIGNAL, "sig-1", T0.plusSeconds(1)));
    // when
    List<QuarantinedInput> all = store.quarantined();
    // then
    assertThat(all).extracting(QuarantinedInput::id).containsExactly("sig-1", "evt-2");
    assertThat(store.inspect(Kind.SIGNAL, "sig-1")).contains(all.get(0));
    assertThat(store.inspect(Kind.EXTERNAL_EVENT, "sig-1")).isEmpty();
    assertThat(store.discard(Kind.SIGNAL, "sig-1")).isTrue();
    assertThat(store.discard(Kind.SIGNAL, "sig-1")).isFalse();
    assertThat(store.quarantined()).extracting(QuarantinedInput::id).containsExactly("evt-2");
  }

  @Test
  void should_replace_an_input_of_the_same_kind_and_id() {
    // given
    QuarantinedInput first = input(Kind.SIGNAL, "sig-1", T0);
    store.quarantine(first);
    // when
    store.quarantine(first.failedAgain("still failing", T0.plusSeconds(9)));
    // then
    assertThat(store.quarantined()).singleElement().satisfies(q -> {
      assertThat(q.attempts()).isEqualTo(4);
      assertThat(q.reason()).isEqualTo("still failing");
    });
  }

  @Test
  void should_not_claim_a_quarantined_timer_until_it_is_requeued() {
    // given
    DueTimer bad = scheduleTimer("bad");
    DueTimer good = scheduleTimer("good");
    store.quarantine(input(Kind.TIMER, bad.signalId(), T0));
    // when
    List<DueTimer> claimed = store.claimDueTimers(T0, LEASE, 10);
    // then the good timer is claimed, the quarantined one is not, not even after its lease
    assertThat(claimed).containsExactly(good);
    assertThat(store.claimDueTimers(T0.plus(LEASE).plus(LEASE), LEASE, 10)).containsExactly(good);
    // and once requeued it is claimed again
    assertThat(store.requeue(Kind.TIMER, bad.signalId(), T0)).isPresent();
    assertThat(store.quarantined()).isEmpty();
    assertThat(store.claimDueTimers(T0.plus(LEASE).plus(LEASE), LEASE, 10)).contains(bad);
  }

  @Test
  void should_drop_a_discarded_timer_from_the_index() {
    // given
    DueTimer bad = scheduleTimer("bad");
    store.quarantine(input(Kind.TIMER, bad.signalId(), T0));
    // when
    boolean discarded = store.discard(Kind.TIMER, bad.signalId());
    // then
    assertThat(discarded).isTrue();
    assertThat(store.nextTimerDue()).isEmpty();
    assertThat(store.requeue(Kind.TIMER, bad.signalId(), T0)).isEmpty();
  }

  @Test
  void should_cap_and_redact_the_content_and_hide_it_from_to_string() {
    // given
    String raw = "{\"email\":\"ada.lovelace@example.com\",\"pad\":\"" + "x".repeat(20_000) + "\"}";
    // when
    QuarantinedInput input =
        new QuarantinedInput(Kind.EXTERNAL_EVENT, "evt-1", Optional.empty(), "bad", raw, 1, T0);
    // then
    assertThat(input.content()).hasSize(QuarantinedInput.MAX_CONTENT_LENGTH)
        .doesNotContain("ada.lovelace").contains("***@***").endsWith("characters in all]");
    assertThat(input.toString()).doesNotContain("ada").doesNotContain("xxx")
        .contains("content=" + QuarantinedInput.MAX_CONTENT_LENGTH + " characters");
  }

  @Test
  void should_reject_an_attempt_count_below_one() {
    // when / then
    assertThatThrownBy(
            () -> new QuarantinedInput(Kind.SIGNAL, "s", Optional.empty(), "r", "", 0, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attempts must be >= 1, but was 0");
  }
}
