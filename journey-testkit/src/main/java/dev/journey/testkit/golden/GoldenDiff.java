package dev.journey.testkit.golden;

import dev.journey.core.SubjectRef;
import dev.journey.core.action.Action;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.DroppedAction;
import dev.journey.core.decision.TimerCommand;
import dev.journey.testkit.replay.LoggedDecision;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The differences between recorded and replayed decisions: for each subject that changed, its
 * first differing decision. Immutable.
 */
public final class GoldenDiff {
  private static final int MAX_VALUE_LENGTH = 60;

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
    List<String> lines = new ArrayList<>();
    Decision x = e.decision();
    Decision y = a.decision();
    diff(lines, "signal", signal(x), signal(y));
    diff(lines, "outcome", outcome(e), outcome(a));
    diff(lines, "rules fired", x.rulesFired().toString(), y.rulesFired().toString());
    diff(lines, "state", x.stateBefore() + " -> " + x.stateAfter(), y.stateBefore() + " -> " + y.stateAfter());
    diffActions(lines, x.actions(), y.actions());
    diff(lines, "timers", timers(x.timerCommands()), timers(y.timerCommands()));
    diff(lines, "dropped", dropped(x.dropped()), dropped(y.dropped()));
    diff(lines, "counters", x.counterDeltas().toString(), y.counterDeltas().toString());
    return lines;
  }

  /** Kinds when they differ; otherwise each differing field of each differing action. */
  private static void diffActions(List<String> lines, List<Action> expected, List<Action> actual) {
    String want = expected.stream().map(a -> a.kind().name()).collect(Collectors.joining(", ", "[", "]"));
    String have = actual.stream().map(a -> a.kind().name()).collect(Collectors.joining(", ", "[", "]"));
    if (!want.equals(have)) {
      lines.add("actions: expected " + want + " but was " + have);
      return;
    }
    for (int i = 0; i < expected.size(); i++) {
      Map<String, String> e = fields(expected.get(i));
      Map<String, String> a = fields(actual.get(i));
      for (Map.Entry<String, String> field : e.entrySet()) {
        String other = a.get(field.getKey());
        if (!field.getValue().equals(other)) {
          lines.add(
              String.format(
                  Locale.ROOT,
                  "action %d %s %s: expected %s but was %s",
                  i + 1,
                  expected.get(i).kind(),
                  field.getKey(),
                  shorten(field.getValue()),
                  shorten(other)));
        }
      }
    }
  }

  private static void diff(List<String> lines, String aspect, String expected, String actual) {
    if (!expected.equals(actual)) {
      lines.add(aspect + ": expected " + expected + " but was " + actual);
    }
  }

  private static String signal(Decision d) {
    return d.signalType() + " " + d.signalId();
  }

  private static String outcome(LoggedDecision d) {
    return d.error().isEmpty() ? d.outcome().name() : d.outcome() + " (" + d.error() + ")";
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

  /** An action's fields by name, without its id or subject (ids change with the version). */
  static Map<String, String> fields(Action action) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (RecordComponent component : action.getClass().getRecordComponents()) {
      String name = component.getName();
      if (name.equals("id") || name.equals("subject")) {
        continue;
      }
      try {
        fields.put(name, text(component.getAccessor().invoke(action)));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + name + " of " + action.kind(), e);
      }
    }
    return fields;
  }

  private static String shorten(String text) {
    return text.length() <= MAX_VALUE_LENGTH
        ? text
        : text.substring(0, MAX_VALUE_LENGTH) + "..#" + Integer.toHexString(text.hashCode());
  }

  private static String timers(List<TimerCommand> commands) {
    return commands.stream()
        .map(
            c ->
                c instanceof TimerCommand.Schedule
                    ? "schedule " + c.name() + " due " + ((TimerCommand.Schedule) c).dueAt()
                    : "cancel " + c.name())
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static String dropped(List<DroppedAction> dropped) {
    return dropped.stream()
        .map(d -> d.action().kind() + " by " + d.guardrail() + ": " + d.reason())
        .collect(Collectors.joining(", ", "[", "]"));
  }

  /** A field's value as text; an optional one as its value, or as nothing when absent (as before it was optional). */
  private static String text(Object value) {
    return value instanceof java.util.Optional<?> optional
        ? optional.map(String::valueOf).orElse("")
        : String.valueOf(value);
  }
}
