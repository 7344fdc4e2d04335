package dev.journey.examples.leadhandoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shipped log is exactly what the documented configuration generates, so it cannot drift. */
final class ShippedSignalLogTest {
  /** Tests run in the module directory; the log lives at the repository root. */
  private static final Path EXAMPLE = Path.of("..", "docs", "examples", "lead-handoff");

  @Test
  void should_ship_the_log_the_documented_seed_generates() throws IOException {
    // given: the configuration docs/examples/lead-handoff/README.md documents
    SignalLogGenerator documented =
        SignalLogGenerator.builder()
            .seed(20260302L)
            .contacts(3_000)
            .start(Instant.parse("2026-03-02T00:00:00Z"))
            .weeks(6)
            .redeliveryShare(0.02)
            .build();
    StringWriter expected = new StringWriter();
    // when
    documented.writeTo(expected);
    String shipped = Files.readString(EXAMPLE.resolve("signals.jsonl"), StandardCharsets.UTF_8);
    // then
    assertThat(shipped.equals(expected.toString()))
        .as(
            "signals.jsonl differs from what seed 20260302 generates; regenerate it with the"
                + " README's command")
        .isTrue();
  }

  @Test
  void should_keep_the_shipped_log_small_enough_to_clone() throws IOException {
    // given
    Path log = EXAMPLE.resolve("signals.jsonl");
    // when
    long bytes = Files.size(log);
    // then
    assertThat(bytes).isLessThan(12L * 1024 * 1024);
  }

  @Test
  void should_document_the_seed_and_the_regeneration_command() throws IOException {
    // given
    String readme = Files.readString(EXAMPLE.resolve("README.md"), StandardCharsets.UTF_8);
    // when / then
    assertThat(readme)
        .contains("20260302")
        .contains("2026-03-02T00:00:00Z")
        .contains("mvn -q -pl journey-examples -am -Psignal-log process-classes");
  }

  @Test
  void should_quote_sample_lines_that_are_in_the_shipped_log() throws IOException {
    // given
    List<String> readme = Files.readAllLines(EXAMPLE.resolve("README.md"), StandardCharsets.UTF_8);
    Set<String> log =
        new HashSet<>(Files.readAllLines(EXAMPLE.resolve("signals.jsonl"), StandardCharsets.UTF_8));
    // when
    List<String> samples = new ArrayList<>();
    for (int i = 0; i < readme.size(); i++) {
      if (readme.get(i).trim().equals("```json")) {
        samples.add(readme.get(i + 1));
      }
    }
    // then
    assertThat(samples).isNotEmpty();
    assertThat(log).containsAll(samples);
  }
}
