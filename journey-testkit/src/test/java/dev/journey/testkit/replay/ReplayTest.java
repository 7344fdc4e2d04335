package dev.journey.testkit.replay;

import static dev.journey.core.state.JourneyModel.NURTURE;
import static dev.journey.core.state.JourneyModel.OPPORTUNITY_ACTIVE;
import static dev.journey.core.state.JourneyModel.RECYCLED;
import static dev.journey.core.state.JourneyModel.SALES_ENGAGED;
import static dev.journey.testkit.assertions.JourneyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.state.JourneyModel;
import dev.journey.testkit.playbook.Playbook;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ReplayTest {
  private static final Path SIGNALS = Path.of("src/test/resources/golden/lead-handoff/signals.jsonl");
  private static final String GOOD =
      "{\"id\":\"a-1\",\"subject\":\"contact:1\",\"type\":\"FORM_SUBMITTED\","
          + "\"occurredAt\":\"2026-03-02T08:10:00Z\",\"source\":\"hubspot\",\"attributes\":{}}";

  @TempDir Path temp;

  @Test
  void should_replay_a_signal_log_on_virtual_time() {
    // given
    List<String> progress = new ArrayList<>();

    // when
    // tag::replay[]
    ReplayResult result =
        Replay.builder()
            .definition(Playbook.journey())
            .listener(
                new ReplayListener() {
                  @Override
                  public void onSignal(int index, int total, Signal signal, SignalResult r) {
                    progress.add((index + 1) + "/" + total + " " + r.status());
                  }
                })
            .build()
            .run(SIGNALS);
    result.writeDecisions(temp.resolve("decisions.jsonl"));
    // end::replay[]

    // then
    assertThat(result.signals()).isEqualTo(11);
    assertThat(result.duplicates()).isEqualTo(1);
    assertThat(result.count(AuditRecord.Outcome.DECIDED)).isEqualTo(11);
    assertThat(result.count(AuditRecord.Outcome.REJECTED)).isEqualTo(1);
    assertThat(result.timersFired()).isEqualTo(2);
    assertThat(result.pendingTimers()).isZero();
    assertThat(result.snapshots().get(SubjectRef.contact("1"))).isInState(OPPORTUNITY_ACTIVE);
    assertThat(result.snapshots().get(SubjectRef.contact("2"))).isInState(NURTURE);
    assertThat(result.snapshots().get(SubjectRef.contact("5"))).isInState(RECYCLED);
    assertThat(result.startedAt()).isEqualTo(Instant.parse("2026-03-02T08:10:00Z"));
    assertThat(progress).hasSize(11).startsWith("1/11 DECIDED").contains("6/11 DUPLICATE");
    assertThat(JsonLines.readDecisions(temp.resolve("decisions.jsonl")))
        .isEqualTo(result.decisions());
    assertThat(result.toString())
        .isEqualTo(
            "11 signals (1 duplicates), 5 subjects, 11 decided, 1 rejected, 0 stale timers,"
                + " 0 parked, 2 timers fired, 14 actions, 0 timers pending;"
                + " 2026-03-02T08:10:00Z .. 2026-03-10T10:00:00Z");
  }

  @Test
  void should_stop_at_the_end_instant_with_timers_pending() {
    // when
    ReplayResult result =
        Replay.builder()
            .definition(Playbook.journey())
            .endAt(Instant.parse("2026-03-02T09:45:00Z"))
            .build()
            .run(JsonLines.readSignals(SIGNALS).subList(0, 4));

    // then
    assertThat(result.endedAt()).isEqualTo(Instant.parse("2026-03-02T09:45:00Z"));
    assertThat(result.timersFired()).isZero();
    assertThat(result.pendingTimers()).isEqualTo(2);
    assertThat(result.snapshots().get(SubjectRef.contact("3"))).isInState(SALES_ENGAGED);
  }

  @Test
  void should_round_trip_signals_as_json_lines() {
    // given
    List<Signal> signals = JsonLines.readSignals(SIGNALS);

    // when
    JsonLines.writeSignals(temp.resolve("copy.jsonl"), signals);

    // then
    assertThat(JsonLines.readSignals(temp.resolve("copy.jsonl"))).isEqualTo(signals);
  }

  @Test
  void should_name_file_and_line_of_malformed_json() throws IOException {
    // given
    Path file = write(GOOD, "", "{\"id\":");

    // when / then
    assertThatThrownBy(() -> JsonLines.readSignals(file))
        .isInstanceOf(SignalLogException.class)
        .hasMessage(
            file + ":3: expected one JSON signal object per line, but found malformed JSON at"
                + " column 7")
        .satisfies(
            e -> {
              SignalLogException log = (SignalLogException) e;
              assertThat(log.file()).isEqualTo(file.toString());
              assertThat(log.line()).isEqualTo(3);
            });
  }

  @Test
  void should_name_the_invalid_field_without_echoing_values() throws IOException {
    // given
    Path file = write(GOOD, GOOD.replace("\"a-1\"", "\" \""));

    // when / then
    assertThatThrownBy(() -> Replay.builder().definition(Playbook.journey()).build().run(file))
        .isInstanceOf(SignalLogException.class)
        .hasMessageStartingWith(file + ":2: invalid signal: signal.id must be");
  }

  @Test
  void should_name_an_unknown_field_and_the_allowed_ones() throws IOException {
    // given
    Path file = write(GOOD.replace("\"source\"", "\"colour\":\"crimson\",\"source\""));

    // when / then
    assertThatThrownBy(() -> JsonLines.readSignals(file))
        .isInstanceOf(SignalLogException.class)
        .hasMessage(
            file + ":1: unknown field 'colour' in a signal; allowed: [attributes, id, occurredAt,"
                + " source, subject, type]")
        .hasMessageNotContaining("crimson");
  }

  @Test
  void should_name_a_field_of_the_wrong_type() throws IOException {
    // given
    Path file = write("[1, 2]", GOOD.replace("\"2026-03-02T08:10:00Z\"", "\"yesterday\""));

    // when / then
    assertThatThrownBy(() -> JsonLines.readSignals(file))
        .isInstanceOf(SignalLogException.class)
        .hasMessage(file + ":1: expected one JSON signal object per line, but found another JSON value");
    Path second = write(GOOD.replace("\"2026-03-02T08:10:00Z\"", "\"yesterday\""));
    assertThatThrownBy(() -> JsonLines.readSignals(second))
        .isInstanceOf(SignalLogException.class)
        .hasMessage(second + ":1: field 'occurredAt' of a signal has the wrong type or form")
        .hasMessageNotContaining("yesterday");
  }

  @Test
  void should_say_when_the_file_cannot_be_read() {
    // given
    Path missing = temp.resolve("missing.jsonl");

    // when / then
    assertThatThrownBy(() -> JsonLines.readSignals(missing))
        .isInstanceOf(SignalLogException.class)
        .hasMessage(missing + ":0: cannot read the file: NoSuchFileException");
  }

  @Test
  void should_validate_its_settings() {
    assertThatThrownBy(() -> Replay.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a journey definition is required: call definition(JourneyDefinition)");
    assertThatThrownBy(() -> Replay.builder().quiescenceHorizon(java.time.Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("quiescenceHorizon must be > 0, but was PT0S");
    Replay early =
        Replay.builder().definition(Playbook.journey()).endAt(Instant.parse("2026-03-01T00:00:00Z")).build();
    assertThatThrownBy(() -> early.run(SIGNALS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "endAt must not be before the first signal (2026-03-02T08:10:00Z), but was"
                + " 2026-03-01T00:00:00Z");
  }

  private Path write(String... lines) throws IOException {
    Path file = Files.createTempFile(temp, "signals", ".jsonl");
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    return file;
  }
}
