package dev.journey.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journey.config.JourneyConfig;
import dev.journey.core.Signal;
import dev.journey.core.engine.HostedJourney;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.drools.DroolsEvaluator;
import dev.journey.drools.RuleSetRegistry;
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
import java.util.Optional;
import java.time.Instant;

/**
 * One replay of a signal log through the lead-handoff wiring: reads the log, adds the contact
 * copies of deal signals, replays on a virtual clock (timers fire as time passes) with a progress
 * line on {@code progress}, collects every audit record and writes them as JSON lines.
 */
final class ReplayRun {
  /**
   * What a run did besides its decisions (not part of the recomputable figures).
   *
   * @param duplicates redeliveries dropped
   * @param timersFired timer firings audited
   * @param startedAt the first signal's time
   * @param endedAt the virtual time at the end
   * @param pendingActions actions left in the outbox at the end
   * @param pendingTimers timers pending at the end
   */
  record Totals(int duplicates, int timersFired, Instant startedAt, Instant endedAt, int pendingActions, int pendingTimers) {}

  private final Totals totals;
  private final List<AuditRecord> records;
  private final DemoFigures figures;
  private final int signalsRead;
  private final int copies;
  private final Duration elapsed;
  private final Optional<String> hubSpot;
  private Optional<JourneyFigures> journeys = Optional.empty();

  private ReplayRun(
      Totals totals, List<AuditRecord> records, DemoFigures figures, int signalsRead, int copies, Duration elapsed,
      Optional<String> hubSpot) {
    this.totals = totals;
    this.records = records;
    this.figures = figures;
    this.signalsRead = signalsRead;
    this.copies = copies;
    this.elapsed = elapsed;
    this.hubSpot = hubSpot;
  }

  /** Replays the log with the testkit's {@code Replay}: decisions only, the actions stay in the outbox. */
  static ReplayRun run(JourneyConfig wiring, JourneyEvaluator evaluator, Path signalsFile, PrintWriter progress) {
    long started = System.nanoTime();
    List<Signal> read = JsonLines.readSignals(signalsFile);
    List<Signal> signals = LeadHandoff.withContactCopies(read);
    Progress listener = new Progress(signals.size(), progress);
    ReplayResult result =
        Replay.builder()
            .definition(LeadHandoff.definition(wiring, evaluator))
            .listener(new ReplayListener() {
              @Override
              public void onSignal(int index, int total, Signal signal, dev.journey.core.engine.SignalResult r) {
                listener.onSignal(index, total, signal);
              }

              @Override
              public void onRecord(AuditRecord record) {
                listener.onRecord(record);
              }
            })
            .build()
            .run(signals);
    progress.printf(Locale.ROOT, "\r  replayed %,d signals and %,d timer firings%30s%n", signals.size(), result.timersFired(), "");
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    Totals totals = new Totals(result.duplicates(), result.timersFired(), result.startedAt(), result.endedAt(),
        result.pendingActions(), result.pendingTimers());
    return new ReplayRun(
        totals, List.copyOf(listener.records), DemoFigures.of(listener.records, listener.metrics, result.snapshots()),
        read.size(), signals.size() - read.size(), elapsed, Optional.empty());
  }

  /**
   * Runs the log through a {@code JourneyRuntime} whose relay executes the actions against the
   * fake HubSpot on loopback ({@link DemoHubSpot}): the same decisions as {@link #run}, and what
   * HubSpot received. When the wiring lists further journeys, the engine hosts them beside the
   * wiring's own (each with its own DRL rule set, compiled by {@code registry}) under the wiring's
   * policy; the run's records, figures and decision log are then the primary journey's, and
   * {@link #journeys()} has the figures of every journey.
   */
  static ReplayRun throughRuntime(
      JourneyConfig wiring, JourneyEvaluator evaluator, RuleSetRegistry registry, Path signalsFile, PrintWriter progress) {
    long started = System.nanoTime();
    List<Signal> read = JsonLines.readSignals(signalsFile);
    List<Signal> signals = LeadHandoff.withContactCopies(read);
    Progress listener = new Progress(signals.size(), progress);
    JourneyDefinition primary = LeadHandoff.definition(wiring, evaluator);
    List<HostedJourney> hosted = new ArrayList<>();
    if (!wiring.journeys().isEmpty()) {
      hosted.add(wiring.hosted(primary));
      for (JourneyConfig journey : wiring.journeys()) {
        hosted.add(journey.hosted(LeadHandoff.definition(journey, DroolsEvaluator.of(registry.compile(journey.ruleSet())))));
      }
      listener.primary = Optional.of(primary.name());
    }
    try (DemoHubSpot hubspot = new DemoHubSpot(wiring, signals)) {
      RuntimeRun.Result result =
          RuntimeRun.run(hosted, wiring.policy(), primary, signals, hubspot.executorOn(), listener);
      progress.printf(Locale.ROOT, "\r  replayed %,d signals and %,d timer firings through the runtime, its relay against the fake HubSpot%n",
          signals.size(), result.timersFired());
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      Totals totals = new Totals(result.duplicates(), result.timersFired(), result.startedAt(), result.endedAt(),
          result.pendingActions(), result.pendingTimers());
      ReplayRun run =
          new ReplayRun(
              totals, List.copyOf(listener.records), DemoFigures.of(listener.records, listener.metrics, result.snapshots()),
              read.size(), signals.size() - read.size(), elapsed, Optional.of(hubspot.section(result)));
      if (!hosted.isEmpty()) {
        run.journeys = Optional.of(JourneyFigures.of(hosted, result.records()));
      }
      return run;
    }
  }

  /** The figures of every journey, when the engine hosted several. */
  Optional<JourneyFigures> journeys() {
    return journeys;
  }

  /**
   * Collects records and metrics (the primary journey's, when several are hosted) and prints a
   * progress line every 5%.
   */
  private static final class Progress implements RuntimeRun.Progress {
    final List<AuditRecord> records = new ArrayList<>();
    Optional<String> primary = Optional.empty();
    final JourneyMetrics metrics = JourneyMetrics.builder().build();
    private final int total;
    private final PrintWriter progress;
    private int lastPercent = -1;

    Progress(int total, PrintWriter progress) {
      this.total = total;
      this.progress = progress;
    }

    @Override
    public void onSignal(int index, int total, Signal signal) {
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
      if (primary.isPresent() && !record.journey().equals(primary)) {
        return; // a further journey's: in the journey figures only
      }
      records.add(record);
      metrics.add(record);
    }
  }

  Totals totals() {
    return totals;
  }

  /** The "what HubSpot received" section, when the run went through the runtime. */
  Optional<String> hubSpot() {
    return hubSpot;
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
        signalsRead, copies, totals.duplicates(), totals.timersFired(), totals.startedAt(), totals.endedAt(),
        totals.pendingActions(), totals.pendingTimers(), elapsed.toMillis() / 1000.0);
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
