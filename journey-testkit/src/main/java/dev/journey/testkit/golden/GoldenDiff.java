package dev.journey.testkit.golden;

import dev.journey.core.SubjectRef;
import dev.journey.core.decision.Decision;
import dev.journey.testkit.internal.DecisionDifferences;
import dev.journey.testkit.replay.LoggedDecision;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The differences between recorded and replayed decisions: for each subject that changed, its
 * first differing decision. Immutable.
 */
public final class GoldenDiff {
  /** Compared as a reproduction across versions: what the journey does, not ids or traces. */
  private static final DecisionDifferences DIFFERENCES = DecisionDifferences.of("expected", "was", false);

  private final Path directory;
  private final int subjectCount;
  private final List<SubjectDiff> subjects;

  GoldenDiff(Path directory, int subjectCount, List<SubjectDiff> subjects) {
    this.directory = directory;
    this.subjectCount = subjectCount;
    this.subjects = List.copyOf(subjects);
  }

  /** Returns {@code true} when nothing differs. */
  public boolean isEmpty() {
    return subjects.isEmpty();
  }

  /** The subjects whose decisions differ, in subject order. */
  public List<SubjectDiff> subjects() {
    return subjects;
  }

  /** A readable report: one block per differing subject. */
  public String render() {
    if (subjects.isEmpty()) {
      return "golden decisions match for " + subjectCount + " subjects in " + directory;
    }
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "golden decisions differ for %d of %d subjects in %s%n",
            subjects.size(),
            subjectCount,
            directory));
    for (SubjectDiff diff : subjects) {
      out.append(diff.render());
    }
    out.append("If the change is intended, re-record with -D")
        .append(GoldenDataset.RECORD_PROPERTY)
        .append("=true and review the diff of ")
        .append(GoldenDataset.DECISIONS_FILE)
        .append('.');
    return out.toString();
  }

  @Override
  public String toString() {
    return render();
  }

  /**
   * The first differing decision of one subject.
   *
   * @param subject the subject
   * @param index the 1-based position of the decision among the subject's decisions
   * @param signal the id and type of the signal decided on
   * @param differences one line per differing aspect, {@code "aspect: expected X but was Y"}
   */
  public record SubjectDiff(SubjectRef subject, int index, String signal, List<String> differences) {
    /** Copies. */
    public SubjectDiff {
      java.util.Objects.requireNonNull(subject, "subject");
      java.util.Objects.requireNonNull(signal, "signal");
      differences = List.copyOf(differences);
    }

    String render() {
      StringBuilder out = new StringBuilder();
      out.append(String.format(Locale.ROOT, "%s, decision %d (%s):%n", subject, index, signal));
      for (String line : differences) {
        out.append("  ").append(line).append(System.lineSeparator());
      }
      return out.toString();
    }
  }

  static Optional<SubjectDiff> firstDifference(
      SubjectRef subject, List<LoggedDecision> expected, List<LoggedDecision> actual) {
    int common = Math.min(expected.size(), actual.size());
    for (int i = 0; i < common; i++) {
      List<String> lines = compare(expected.get(i), actual.get(i));
      if (!lines.isEmpty()) {
        return Optional.of(new SubjectDiff(subject, i + 1, signal(actual.get(i).decision()), lines));
      }
    }
    if (expected.size() == actual.size()) {
      return Optional.empty();
    }
    boolean missing = expected.size() > actual.size();
    LoggedDecision first = missing ? expected.get(common) : actual.get(common);
    String line =
        String.format(
            Locale.ROOT,
            "decisions: expected %d but was %d; first %s: %s",
            expected.size(),
            actual.size(),
            missing ? "missing" : "unexpected",
            summary(first));
    return Optional.of(
        new SubjectDiff(subject, common + 1, signal(first.decision()), List.of(line)));
  }

  private static List<String> compare(LoggedDecision e, LoggedDecision a) {
    return DIFFERENCES.compare(outcome(e), e.decision(), outcome(a), a.decision()).stream()
        .map(DecisionDifferences.Difference::line)
        .toList();
  }

  private static String signal(Decision d) {
    return DecisionDifferences.signal(d);
  }

  private static String outcome(LoggedDecision d) {
    return d.error().map(e -> d.outcome() + " (" + e + ")").orElse(d.outcome().name());
  }

  private static String summary(LoggedDecision d) {
    return signal(d.decision())
        + " "
        + outcome(d)
        + ", fired "
        + d.decision().rulesFired()
        + ", "
        + d.decision().stateBefore()
        + " -> "
        + d.decision().stateAfter();
  }
}
