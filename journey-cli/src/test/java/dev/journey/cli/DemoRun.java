package dev.journey.cli;

import dev.journey.core.spi.AuditRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One in-process run of {@code journey demo} (under {@code target/demo-test-run}) shared by the
 * test classes of this module, with its decision log read once: the demo is the slowest thing the
 * CLI tests do.
 */
final class DemoRun {
  static final Path EXAMPLE = Path.of("..", "docs", "examples", "lead-handoff");

  private static DemoRun instance;

  final Path log;
  final Path report;
  final int exit;
  final String out;
  final String err;
  private List<AuditRecord> records;

  private DemoRun(Path dir) {
    this.log = dir.resolve("decisions.jsonl");
    this.report = dir.resolve(DemoMetrics.REPORT);
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    this.exit =
        Main.run(
            new String[] {"demo", "--dir", EXAMPLE.toString(), "--out", log.toString()},
            new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8));
    this.out = stdout.toString(StandardCharsets.UTF_8);
    this.err = stderr.toString(StandardCharsets.UTF_8);
  }

  /** The run, made on first use. */
  static synchronized DemoRun get() {
    if (instance == null) {
      try {
        instance = new DemoRun(Files.createDirectories(Path.of("target", "demo-test-run")));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  /** The decision log it wrote, read back. */
  synchronized List<AuditRecord> records() {
    if (records == null) {
      records = ReplayRun.read(log);
    }
    return records;
  }
}
