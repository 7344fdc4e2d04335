package dev.journey.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journey.config.JourneyConfig;
import dev.journey.core.Signal;
import dev.journey.core.metrics.JourneyMetrics;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.examples.leadhandoff.LeadHandoff;
import dev.journey.jackson.JourneyJson;
import dev.journey.testkit.replay.JsonLines;
import dev.journey.testkit.replay.Replay;
import dev.journey.testkit.replay.ReplayListener;
import dev.journey.testkit.replay.ReplayResult;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One replay of a signal log through the lead-handoff wiring: reads the log, adds the contact
 * copies of deal signals, replays on a virtual clock (timers fire as time passes) with a progress
 * line on {@code progress}, collects every audit record and writes them as JSON lines.
 */
final class ReplayRun {
  private final ReplayResult result;
  private final List<AuditRecord> records;
  private final DemoFigures figures;
  private final int signalsRead;
  private final int copies;
  private final Duration elapsed;

  private ReplayRun(
      ReplayResult result, List<AuditRecord> records, DemoFigures figures, int signalsRead, int copies, Duration elapsed) {
    this.result = result;
    this.records = records;
    this.figures = figures;
    this.signalsRead = signalsRead;
    this.copies = copies;
    this.elapsed = elapsed;
  }

  static ReplayRun run(JourneyConfig wiring, JourneyEvaluator evaluator, Path signalsFile, PrintWriter progress) {
    long started = System.nanoTime();
    List<Signal> read = JsonLines.readSignals(signalsFile);
    List<Signal> signals = LeadHandoff.withContactCopies(read);
    List<AuditRecord> records = new ArrayList<>();
    JourneyMetrics metrics = JourneyMetrics.builder().build();
    int total = signals.size();
    ReplayListener listener =
        new ReplayListener() {
          private int lastPercent = -1;

          @Override
          public void onSignal(int index, int total, Signal signal, dev.journey.core.engine.SignalResult result) {
            int percent = (int) ((index + 1) * 100L / Math.max(1, total));
            if (percent != lastPercent && (percent % 5 == 0 || index + 1 == total)) {
              lastPercent = percent;
              progress.printf(
                  Locale.ROOT, "\r  replaying: %3d%% of %,d signals, virtual time %s", percent, total,
                  signal.occurredAt().toString().substring(0, 16));
              progress.flush();
            }
          }

          @Override
          public void onRecord(AuditRecord record) {
            records.add(record);
            metrics.add(record);
          }
        };
    ReplayResult result =
        Replay.builder()
            .definition(LeadHandoff.definition(wiring, evaluator))
            .listener(listener)
            .build()
            .run(signals);
    progress.printf(Locale.ROOT, "\r  replayed %,d signals and %,d timer firings%30s%n", total, result.timersFired(), "");
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    return new ReplayRun(
        result, List.copyOf(records), DemoFigures.of(records, metrics, result.snapshots()), read.size(),
        total - read.size(), elapsed);
  }

  ReplayResult result() {
    return result;
  }

  List<AuditRecord> records() {
    return records;
  }

  DemoFigures figures() {
    return figures;
  }

  /** The header of the summary: input and run figures (not part of the recomputable figures). */
  String header() {
    return String.format(
        Locale.ROOT,
        "Replayed %,d signals (%,d contact copies of deal signals added), %,d duplicates dropped,"
            + " %,d timer firings%nvirtual time %s .. %s; %,d actions left in the outbox, %,d timers"
            + " pending; %.1f s%n",
        signalsRead, copies, result.duplicates(), result.timersFired(), result.startedAt(), result.endedAt(),
        result.pendingActions(), result.pendingTimers(), elapsed.toMillis() / 1000.0);
  }

  /** Writes the audit records as JSON lines (the form of {@link JourneyJson#mapper()}). */
  void writeDecisions(Path file) {
    write(file, records);
  }

  static void write(Path file, List<AuditRecord> records) {
    ObjectMapper mapper = JourneyJson.mapper();
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        for (AuditRecord record : records) {
          out.write(JourneyJson.toJson(mapper, record));
          out.write('\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the decision log " + file, e);
    }
  }

  /** Reads a decision log written by {@link #writeDecisions}. */
  static List<AuditRecord> read(Path file) {
    ObjectMapper mapper = JourneyJson.mapper();
    List<AuditRecord> records = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          records.add(mapper.readValue(line, AuditRecord.class));
        } catch (IOException e) {
          throw new IllegalArgumentException(
              file + ":" + number + ": expected one JSON audit record per line: " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the decision log " + file, e);
    }
    return records;
  }
}
