package dev.journey.testkit.golden;

import dev.journey.core.SubjectRef;
import dev.journey.testkit.replay.JsonLines;
import dev.journey.testkit.replay.LoggedDecision;
import dev.journey.testkit.replay.Replay;
import dev.journey.testkit.replay.ReplayResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A golden dataset: a directory with a signal log ({@value #SIGNALS_FILE}) and the decisions a
 * rule set produced from it ({@value #DECISIONS_FILE}), both JSON lines. {@link #verify(Replay)}
 * replays the signals and compares the decisions, subject by subject, and fails with the first
 * differing decision of each subject that changed: rules fired, outcome, states, actions (kind
 * and content), timer commands, dropped actions.
 *
 * <pre>{@code
 * GoldenDataset.in(Path.of("src/test/resources/golden/lead-handoff")).verify(replay);
 * }</pre>
 *
 * <p>When a rule change alters decisions on purpose, re-record: run the test with {@code
 * -Djourney.golden.record=true} ({@value #RECORD_PROPERTY}), review the diff of {@value
 * #DECISIONS_FILE} in version control, commit it. Action ids, the rule-set version and trace text
 * are not compared, so bumping a rule set's version alone does not fail a golden test.
 */
public final class GoldenDataset {
  /** The system property that switches {@link #verify} to recording. */
  public static final String RECORD_PROPERTY = "journey.golden.record";

  /** The signal log's file name. */
  public static final String SIGNALS_FILE = "signals.jsonl";

  /** The decision log's file name. */
  public static final String DECISIONS_FILE = "decisions.jsonl";

  private final Path directory;

  private GoldenDataset(Path directory) {
    this.directory = directory;
  }

  /** The dataset in {@code directory}. */
  public static GoldenDataset in(Path directory) {
    return new GoldenDataset(Objects.requireNonNull(directory, "directory"));
  }

  /** Returns {@code true} when {@code -Djourney.golden.record=true} is set. */
  public static boolean recording() {
    return Boolean.getBoolean(RECORD_PROPERTY);
  }

  /** The signal log. */
  public Path signals() {
    return directory.resolve(SIGNALS_FILE);
  }

  /** The recorded decision log. */
  public Path decisions() {
    return directory.resolve(DECISIONS_FILE);
  }

  /** Replays the signals and (re)writes the decision log. */
  public ReplayResult record(Replay replay) {
    Objects.requireNonNull(replay, "replay");
    ReplayResult result = replay.run(signals());
    result.writeDecisions(decisions());
    return result;
  }

  /**
   * Replays the signals and compares the decisions with the recorded ones.
   *
   * @return the differences, empty when every subject's decisions match
   * @throws IllegalStateException when no decision log was recorded yet
   */
  public GoldenDiff compare(Replay replay) {
    Objects.requireNonNull(replay, "replay");
    if (!Files.exists(decisions())) {
      throw new IllegalStateException(
          "no golden decisions at "
              + decisions()
              + "; record them once with -D"
              + RECORD_PROPERTY
              + "=true");
    }
    List<LoggedDecision> expected = JsonLines.readDecisions(decisions());
    ReplayResult result = replay.run(signals());
    return diff(expected, result.decisions());
  }

  /**
   * Records when {@link #recording()}, otherwise compares and fails on any difference.
   *
   * @throws AssertionError with a per-subject diff when decisions differ
   * @throws IllegalStateException when not recording and no decision log exists
   */
  public void verify(Replay replay) {
    Objects.requireNonNull(replay, "replay");
    if (recording()) {
      record(replay);
      return;
    }
    GoldenDiff diff = compare(replay);
    if (!diff.isEmpty()) {
      throw new AssertionError(diff.render());
    }
  }

  private GoldenDiff diff(List<LoggedDecision> expected, List<LoggedDecision> actual) {
    Map<SubjectRef, List<LoggedDecision>> want = bySubject(expected);
    Map<SubjectRef, List<LoggedDecision>> have = bySubject(actual);
    TreeSet<SubjectRef> subjects = new TreeSet<>(want.keySet());
    subjects.addAll(have.keySet());
    List<GoldenDiff.SubjectDiff> diffs = new ArrayList<>();
    for (SubjectRef subject : subjects) {
      List<LoggedDecision> w = want.getOrDefault(subject, List.of());
      List<LoggedDecision> h = have.getOrDefault(subject, List.of());
      GoldenDiff.firstDifference(subject, w, h).ifPresent(diffs::add);
    }
    return new GoldenDiff(directory, subjects.size(), diffs);
  }

  private static Map<SubjectRef, List<LoggedDecision>> bySubject(List<LoggedDecision> decisions) {
    Map<SubjectRef, List<LoggedDecision>> map = new TreeMap<>();
    for (LoggedDecision d : decisions) {
      map.computeIfAbsent(d.decision().subject(), s -> new ArrayList<>()).add(d);
    }
    return map;
  }
}
