package dev.journey.examples.leadhandoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class GenerateSignalLogTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) throws IOException {
    return GenerateSignalLog.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void should_write_the_configured_log(@TempDir Path dir) throws IOException {
    // given
    Path file = dir.resolve("nested/signals.jsonl");
    StringWriter expected = new StringWriter();
    SignalLogGenerator.builder().seed(5).contacts(40).weeks(2).build().writeTo(expected);
    // when
    int status = run("--seed=5", "--contacts=40", "--weeks=2", "--out=" + file);
    // then
    assertThat(status).isZero();
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("seed 5, 40 contacts");
  }

  @Test
  void should_reject_an_unknown_option_with_usage() throws IOException {
    // when
    int status = run("--colour=blue", "--out=x");
    // then
    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains(
            "option must be one of out, seed, contacts, start, weeks, redelivery-share, but was"
                + " 'colour'")
        .contains("usage: GenerateSignalLog");
  }

  @Test
  void should_require_an_output_file() throws IOException {
    // when
    int status = run("--seed=1");
    // then
    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--out=FILE is required");
  }

  @Test
  void should_report_a_bad_value_in_the_builders_words() throws IOException {
    // when
    int status = run("--contacts=0", "--out=x");
    int badStart = run("--start=yesterday", "--out=x");
    int hugeWeeks = run("--weeks=99999999999", "--out=x");
    // then
    assertThat(status).isEqualTo(2);
    assertThat(badStart).isEqualTo(2);
    assertThat(hugeWeeks).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("contacts must be between 1 and 100000, but was 0")
        .contains(
            "start must be an ISO-8601 instant such as 2026-03-02T00:00:00Z, but was 'yesterday'")
        .contains("weeks must be an integer up to 2147483647, but was '99999999999'");
  }
}
