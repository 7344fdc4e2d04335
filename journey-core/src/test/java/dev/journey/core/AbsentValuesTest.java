package dev.journey.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.action.CreateTask;
import dev.journey.core.action.EnrollSequence;
import dev.journey.core.action.Notify;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.state.JourneySnapshot;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Absent values are empty optionals; a present one is never blank (it would read back as absent). */
final class AbsentValuesTest {
  private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");
  private static final SubjectRef LEAD = SubjectRef.contact("1");

  @Test
  void should_leave_the_owner_absent_when_a_task_is_made_without_one() {
    // when
    CreateTask task = new CreateTask("t-1", LEAD, "Call", "", T, "LOW", "TODO", Map.of());
    EnrollSequence enroll = new EnrollSequence("e-1", LEAD, "welcome", "nurture");
    // then
    assertThat(task.ownerId()).isEmpty();
    assertThat(task.withOwner("o-1").ownerId()).contains("o-1");
    assertThat(enroll.senderOwnerId()).isEmpty();
    assertThat(enroll.withSender("mkt-3").senderOwnerId()).contains("mkt-3");
  }

  @Test
  void should_reject_a_blank_owner_naming_the_field_when_one_is_given() {
    // when / then
    assertThatThrownBy(() -> new CreateTask("t-1", LEAD, "Call", "", "", T, "LOW", "TODO", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ownerId must not be blank, but was ''");
    assertThatThrownBy(() -> new EnrollSequence("e-1", LEAD, "welcome", Optional.of(" "), "nurture"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("senderOwnerId must not be blank, but was ' '");
    assertThatThrownBy(() -> new RuleSetRef("r", "1", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("hash must not be blank, but was ''");
    assertThatThrownBy(() -> JourneySnapshot.initial(LEAD, "NURTURE", T).toBuilder().ruleSet(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ruleSet must not be blank, but was ''");
  }

  @Test
  void should_record_a_failed_attempt_with_its_error_and_a_blank_one_as_no_reason_given() {
    // given
    OutboxEntry entry = new OutboxEntry(new Notify("n-1", LEAD, "o-1", "hi"), 1, T, 0, T);
    // when
    OutboxEntry failed = entry.failedAttempt(T.plusSeconds(30), "HTTP 503");
    OutboxEntry silent = entry.failedAttempt(T.plusSeconds(30), "");
    // then
    assertThat(entry.lastError()).isEmpty();
    assertThat(failed.lastError()).contains("HTTP 503");
    assertThat(failed.attempts()).isEqualTo(1);
    assertThat(silent.lastError()).contains(OutboxEntry.NO_REASON);
    assertThat(entry.deferredUntil(T.plusSeconds(5), "rate limit").lastError()).contains("rate limit");
  }

  @Test
  void should_print_an_absent_rule_set_hash_as_the_key_alone() {
    // when / then
    assertThat(RuleSetRef.of("lead-handoff", "2")).hasToString("lead-handoff@2");
    assertThat(new RuleSetRef("lead-handoff", "2", "0123456789abcdef")).hasToString("lead-handoff@2#0123456789ab");
  }
}
