package dev.journey.core.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.InvalidValueException;
import dev.journey.core.Limits;
import dev.journey.core.SubjectRef;
import dev.journey.core.spi.DueTimer;
import dev.journey.core.state.PendingTimer;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class TimerCommandTest {
  private static final Instant T = Instant.parse("2026-03-02T09:15:00Z");

  @Test
  void should_reject_a_timer_name_with_white_space_where_it_is_made() {
    // when / then
    assertThatThrownBy(() -> new TimerCommand.Schedule("first touch", T, Map.of()))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("timer.name must be free of white space and control characters, but was 'first touch'");
    assertThatThrownBy(() -> new TimerCommand.Cancel("tab\tname"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("timer.name must be free of white space and control characters");
  }

  @Test
  void should_reject_an_empty_or_too_long_timer_name() {
    // when / then
    assertThatThrownBy(() -> new TimerCommand.Cancel(""))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("timer.name must be 1 to 64 characters, but was ''");
    assertThatThrownBy(() -> new TimerCommand.Schedule("n".repeat(65), T, Map.of()))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("timer.name must be at most 64 characters, but was 65 characters")
        .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("timer.name"));
  }

  @Test
  void should_keep_the_firing_id_of_the_longest_name_within_the_signal_id_limit() {
    // given the longest subject, name and generation
    SubjectRef subject = SubjectRef.company("9".repeat(Limits.SUBJECT_ID_LENGTH));
    TimerCommand.Schedule longest =
        new TimerCommand.Schedule("n".repeat(Limits.TIMER_NAME_LENGTH), T, Map.of());
    // when
    String id = new DueTimer(subject, new PendingTimer(longest.name(), T, Long.MAX_VALUE, Map.of())).signalId();
    // then
    assertThat(id).hasSizeLessThanOrEqualTo(Limits.SIGNAL_ID_LENGTH);
  }
}
