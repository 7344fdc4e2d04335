package dev.journey.testkit.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.spi.AuditRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class LoggedDecisionJsonTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden/lead-handoff/decisions.jsonl");

  @TempDir Path temp;

  @Test
  void should_read_the_empty_errors_of_a_shipped_log_as_absent_and_write_it_back_byte_for_byte()
      throws IOException {
    // given: a decision log written before the error was optional ("error":"" unless rejected)
    List<LoggedDecision> decisions = JsonLines.readDecisions(GOLDEN);
    Path copy = temp.resolve("decisions.jsonl");

    // when
    JsonLines.writeDecisions(copy, decisions);

    // then
    assertThat(decisions)
        .isNotEmpty()
        .allSatisfy(d -> assertThat(d.error().isPresent()).isEqualTo(d.outcome() == AuditRecord.Outcome.REJECTED));
    assertThat(decisions).anySatisfy(d -> assertThat(d.error()).isEmpty());
    assertThat(Files.readAllLines(copy, StandardCharsets.UTF_8))
        .isEqualTo(Files.readAllLines(GOLDEN, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList());
  }

  @Test
  void should_keep_a_parking_reason_through_the_log() throws IOException {
    // given
    LoggedDecision first = JsonLines.readDecisions(GOLDEN).get(0);
    LoggedDecision parked =
        new LoggedDecision(AuditRecord.Outcome.PARKED, Optional.of("loop protection"), first.decision());
    Path file = temp.resolve("parked.jsonl");

    // when
    JsonLines.writeDecisions(file, List.of(parked));

    // then
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("\"error\":\"loop protection\"");
    assertThat(JsonLines.readDecisions(file)).containsExactly(parked);
  }

  @Test
  void should_reject_a_blank_reason_naming_the_field() {
    // given
    LoggedDecision first = JsonLines.readDecisions(GOLDEN).get(0);

    // when / then
    assertThatThrownBy(() -> new LoggedDecision(AuditRecord.Outcome.PARKED, Optional.of(" "), first.decision()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("error");
  }
}
