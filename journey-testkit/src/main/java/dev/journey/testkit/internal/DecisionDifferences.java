package dev.journey.testkit.internal;

import dev.journey.core.action.Action;
import dev.journey.core.action.AssignOwner;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.DroppedAction;
import dev.journey.core.decision.TimerCommand;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Compares two decisions aspect by aspect and says how they differ, one line per aspect, in the
 * words of the caller ({@code "state: expected A -> B but was A -> C"}). Not API.
 */
public final class DecisionDifferences {
  private static final int MAX_VALUE_LENGTH = 60;

  /** What a difference is about. */
  public enum Aspect {
    /** The signal decided on. */
    SIGNAL,
    /** The outcome (decided, rejected, ...) and its reason. */
    OUTCOME,
    /** The rules that fired. */
    RULES,
    /** The state before and after. */
    STATE,
    /** The accountable owner assigned. */
    OWNER,
    /** The actions, other than who owns the subject. */
    ACTIONS,
    /** The timers scheduled and cancelled. */
    TIMERS,
    /** What guardrails dropped. */
    DROPPED,
    /** Counter changes. */
    COUNTERS,
    /** The trace, annotations, requests or action ids. */
    DETAILS
  }

  /**
   * One differing aspect.
   *
   * @param aspect what differs
   * @param line the rendered line, {@code "<aspect>: <was> X but <now> Y"}
   */
  public record Difference(Aspect aspect, String line) {
    /** Validates. */
    public Difference {
      Objects.requireNonNull(aspect, "aspect");
      Objects.requireNonNull(line, "line");
    }
  }

  private final String was;
  private final String now;
  private final boolean details;

  private DecisionDifferences(String was, String now, boolean details) {
    this.was = was;
    this.now = now;
    this.details = details;
  }

  /**
   * A comparison in the given words, e.g. {@code ("expected", "was")}; with {@code details} the
   * trace, annotations, requests and action ids are compared too (a reproduction), without them
   * only what the journey does (a comparison across rule-set versions, whose ids differ).
   */
  public static DecisionDifferences of(String was, String now, boolean details) {
    return new DecisionDifferences(was, now, details);
  }

  /** The differences between two outcomes and decisions, empty when they agree. */
  public List<Difference> compare(String outcomeX, Decision x, String outcomeY, Decision y) {
    List<Difference> lines = new ArrayList<>();
    diff(lines, Aspect.SIGNAL, "signal", signal(x), signal(y));
    diff(lines, Aspect.OUTCOME, "outcome", outcomeX, outcomeY);
    diff(lines, Aspect.RULES, "rules fired", x.rulesFired().toString(), y.rulesFired().toString());
    diff(lines, Aspect.STATE, "state", x.stateBefore() + " -> " + x.stateAfter(), y.stateBefore() + " -> " + y.stateAfter());
    diff(lines, Aspect.OWNER, "owner", owner(x.actions()), owner(y.actions()));
    diffActions(lines, x.actions(), y.actions());
    diff(lines, Aspect.TIMERS, "timers", timers(x.timerCommands()), timers(y.timerCommands()));
    diff(lines, Aspect.DROPPED, "dropped", dropped(x.dropped()), dropped(y.dropped()));
    diff(lines, Aspect.COUNTERS, "counters", x.counterDeltas().toString(), y.counterDeltas().toString());
    if (details) {
      diff(lines, Aspect.DETAILS, "rule set", x.ruleSet().toString(), y.ruleSet().toString());
      diff(lines, Aspect.DETAILS, "evaluated at", x.evaluatedAt().toString(), y.evaluatedAt().toString());
      diff(lines, Aspect.DETAILS, "action ids", ids(x.actions()), ids(y.actions()));
      diff(lines, Aspect.DETAILS, "requests", x.requests().toString(), y.requests().toString());
      diff(lines, Aspect.DETAILS, "annotations", x.annotations().toString(), y.annotations().toString());
      if (!x.trace().equals(y.trace())) {
        int i = 0;
        while (i < Math.min(x.trace().size(), y.trace().size()) && x.trace().get(i).equals(y.trace().get(i))) {
          i++;
        }
        lines.add(
            new Difference(
                Aspect.DETAILS,
                String.format(
                    Locale.ROOT, "trace line %d: %s %s but %s %s", i + 1, was,
                    i < x.trace().size() ? shorten(x.trace().get(i)) : "(none)", now,
                    i < y.trace().size() ? shorten(y.trace().get(i)) : "(none)")));
      }
    }
    return lines;
  }

  /** Kinds when they differ; otherwise each differing field (but the owner) of each differing action. */
  private void diffActions(List<Difference> lines, List<Action> expected, List<Action> actual) {
    String want = expected.stream().map(a -> a.kind().name()).collect(Collectors.joining(", ", "[", "]"));
    String have = actual.stream().map(a -> a.kind().name()).collect(Collectors.joining(", ", "[", "]"));
    if (!want.equals(have)) {
      lines.add(new Difference(Aspect.ACTIONS, "actions: " + was + " " + want + " but " + now + " " + have));
      return;
    }
    for (int i = 0; i < expected.size(); i++) {
      Map<String, String> e = fields(expected.get(i));
      Map<String, String> a = fields(actual.get(i));
      for (Map.Entry<String, String> field : e.entrySet()) {
        String other = a.get(field.getKey());
        if (field.getValue().equals(other)) {
          continue;
        }
        Aspect aspect =
            expected.get(i) instanceof AssignOwner && field.getKey().equals("ownerId") ? Aspect.OWNER : Aspect.ACTIONS;
        if (aspect == Aspect.OWNER) {
          continue; // the owner line says it
        }
        lines.add(
            new Difference(
                aspect,
                String.format(
                    Locale.ROOT,
                    "action %d %s %s: %s %s but %s %s",
                    i + 1,
                    expected.get(i).kind(),
                    field.getKey(),
                    was,
                    shorten(field.getValue()),
                    now,
                    shorten(other))));
      }
    }
  }

  private void diff(List<Difference> lines, Aspect aspect, String name, String expected, String actual) {
    if (!expected.equals(actual)) {
      lines.add(new Difference(aspect, name + ": " + was + " " + expected + " but " + now + " " + actual));
    }
  }

  /** {@code <type> <id>} of the signal decided on. */
  public static String signal(Decision d) {
    return d.signalType() + " " + d.signalId();
  }

  /** The owners assigned, in order, {@code (none)} when none. */
  public static String owner(List<Action> actions) {
    String owners =
        actions.stream()
            .filter(a -> a instanceof AssignOwner)
            .map(a -> ((AssignOwner) a).ownerId())
            .collect(Collectors.joining(", "));
    return owners.isEmpty() ? "(none)" : owners;
  }

  /** An action's fields by name, without its id or subject (ids change with the version). */
  public static Map<String, String> fields(Action action) {
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

  private static String ids(List<Action> actions) {
    return actions.stream().map(Action::id).collect(Collectors.joining(", ", "[", "]"));
  }

  /** A value cut to 60 characters, with a hash of the whole when cut. */
  public static String shorten(String text) {
    return text.length() <= MAX_VALUE_LENGTH
        ? text
        : text.substring(0, MAX_VALUE_LENGTH) + "..#" + Integer.toHexString(text.hashCode());
  }

  /** Timer commands, e.g. {@code [schedule sla:ft due 2026-..., cancel x]}. */
  public static String timers(List<TimerCommand> commands) {
    return commands.stream()
        .map(
            c ->
                c instanceof TimerCommand.Schedule
                    ? "schedule " + c.name() + " due " + ((TimerCommand.Schedule) c).dueAt()
                    : "cancel " + c.name())
        .collect(Collectors.joining(", ", "[", "]"));
  }

  /** Dropped actions, e.g. {@code [ENROLL_SEQUENCE by frequency-cap: ...]}. */
  public static String dropped(List<DroppedAction> dropped) {
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
