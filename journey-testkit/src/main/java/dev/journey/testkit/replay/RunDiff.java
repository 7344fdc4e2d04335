package dev.journey.testkit.replay;

import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.decision.Decision;
import dev.journey.testkit.internal.DecisionDifferences;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The per-decision differences between two replays of the same signals (two rule-set versions, or
 * two wirings): decisions are paired by subject and signal id (a timer firing by subject, timer
 * name and occurrence, since its id carries a generation that depends on the version), and each
 * pair that differs in what the journey does — outcome, rules fired, state, owner, actions,
 * timers, drops or counters — is one {@link DecisionDiff}, with the rules that caused it. Action
 * ids are not compared: they contain the rule-set version. Immutable.
 *
 * <pre>{@code
 * RunDiff diff = RunDiff.of("v1", live.decisions(), "v2", candidate.decisions());
 * System.out.print(diff.render(5));
 * }</pre>
 */
public final class RunDiff {
  /** What differs in a decision. */
  public enum Kind {
    /** Decided, rejected, parked or stale, or the reason. */
    OUTCOME,
    /** The rules that fired. */
    RULES,
    /** The state after the decision. */
    STATE,
    /** The owner assigned. */
    OWNER,
    /** The other actions. */
    ACTIONS,
    /** The timers scheduled or cancelled. */
    TIMERS,
    /** What guardrails dropped. */
    DROPPED,
    /** Counter changes. */
    COUNTERS,
    /** A decision only the base run made (e.g. a timer the candidate never scheduled). */
    ONLY_BASE,
    /** A decision only the candidate run made. */
    ONLY_CANDIDATE
  }

  /**
   * One decision that differs.
   *
   * @param subject the subject
   * @param signalId the signal decided on (the base run's id for a timer firing)
   * @param signalType its type
   * @param kinds what differs
   * @param cause the rules that caused it: those fired in one run only, else those fired in both
   *     (then a rule of the same name changed, or the stages or their inputs made the difference)
   * @param lines one line per difference, {@code "<aspect>: <base> X but <candidate> Y"}
   */
  public record DecisionDiff(
      SubjectRef subject, String signalId, String signalType, Set<Kind> kinds, String cause, List<String> lines) {
    /** Validates and copies. */
    public DecisionDiff {
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(signalId, "signalId");
      Objects.requireNonNull(signalType, "signalType");
      Objects.requireNonNull(cause, "cause");
      if (kinds.isEmpty()) {
        throw new IllegalArgumentException("a decision diff must name at least one kind, but named none");
      }
      kinds = Collections.unmodifiableSet(EnumSet.copyOf(kinds));
      lines = List.copyOf(lines);
    }
  }

  private final String base;
  private final String candidate;
  private final int compared;
  private final List<DecisionDiff> differences;

  private RunDiff(String base, String candidate, int compared, List<DecisionDiff> differences) {
    this.base = base;
    this.candidate = candidate;
    this.compared = compared;
    this.differences = List.copyOf(differences);
  }

  /**
   * Compares two runs' decisions.
   *
   * @param baseLabel what the base run is, e.g. {@code lead-handoff@v1}
   * @param baseDecisions its decisions in commit order
   * @param candidateLabel what the candidate run is
   * @param candidateDecisions its decisions in commit order
   */
  public static RunDiff of(
      String baseLabel, List<LoggedDecision> baseDecisions, String candidateLabel, List<LoggedDecision> candidateDecisions) {
    Objects.requireNonNull(baseLabel, "baseLabel");
    Objects.requireNonNull(candidateLabel, "candidateLabel");
    Map<String, LoggedDecision> other = keyed(candidateDecisions);
    Map<String, LoggedDecision> mine = keyed(baseDecisions);
    DecisionDifferences words = DecisionDifferences.of(baseLabel, candidateLabel, false);
    List<DecisionDiff> out = new ArrayList<>();
    int compared = 0;
    for (Map.Entry<String, LoggedDecision> e : mine.entrySet()) {
      LoggedDecision x = e.getValue();
      LoggedDecision y = other.get(e.getKey());
      Decision d = x.decision();
      if (y == null) {
        out.add(new DecisionDiff(d.subject(), d.signalId(), d.signalType(), Set.of(Kind.ONLY_BASE),
            "rules " + d.rulesFired(), List.of("decision: only " + baseLabel + " made it: " + summary(x))));
        continue;
      }
      compared++;
      List<DecisionDifferences.Difference> found =
          words.compare(outcome(x), d, outcome(y), y.decision()).stream()
              .filter(f -> f.aspect() != DecisionDifferences.Aspect.SIGNAL)
              .toList();
      if (found.isEmpty()) {
        continue;
      }
      Set<Kind> kinds = EnumSet.noneOf(Kind.class);
      List<String> lines = new ArrayList<>();
      for (DecisionDifferences.Difference f : found) {
        kinds.add(Kind.valueOf(f.aspect().name()));
        lines.add(f.line());
      }
      out.add(new DecisionDiff(d.subject(), d.signalId(), d.signalType(), kinds, cause(baseLabel, d, candidateLabel, y.decision()), lines));
    }
    for (Map.Entry<String, LoggedDecision> e : other.entrySet()) {
      if (!mine.containsKey(e.getKey())) {
        Decision d = e.getValue().decision();
        out.add(new DecisionDiff(d.subject(), d.signalId(), d.signalType(), Set.of(Kind.ONLY_CANDIDATE),
            "rules " + d.rulesFired(), List.of("decision: only " + candidateLabel + " made it: " + summary(e.getValue()))));
      }
    }
    return new RunDiff(baseLabel, candidateLabel, compared, out);
  }

  /** Decisions by pairing key, in commit order. */
  private static Map<String, LoggedDecision> keyed(List<LoggedDecision> decisions) {
    Map<String, LoggedDecision> keyed = new LinkedHashMap<>();
    Map<String, Integer> timers = new TreeMap<>();
    for (LoggedDecision d : decisions) {
      Decision decision = d.decision();
      String key;
      if (decision.signalType().equals(SignalTypes.TIMER_FIRED)) {
        String name = timerName(decision);
        int n = timers.merge(decision.subject() + "|" + name, 1, Integer::sum);
        key = decision.subject() + "|timer|" + name + "|" + n;
      } else {
        key = decision.subject() + "|" + decision.signalId();
      }
      keyed.put(key, d);
    }
    return keyed;
  }

  /** The timer's name from a firing's id {@code timer:<subject>:<name>:<generation>}. */
  static String timerName(Decision d) {
    String id = d.signalId();
    String prefix = "timer:" + d.subject() + ":";
    int last = id.lastIndexOf(':');
    return id.startsWith(prefix) && last > prefix.length() ? id.substring(prefix.length(), last) : id;
  }

  private static String cause(String a, Decision x, String b, Decision y) {
    Set<String> onlyX = new LinkedHashSet<>(x.rulesFired());
    onlyX.removeAll(y.rulesFired());
    Set<String> onlyY = new LinkedHashSet<>(y.rulesFired());
    onlyY.removeAll(x.rulesFired());
    if (onlyX.isEmpty() && onlyY.isEmpty()) {
      return "both fired " + x.rulesFired() + " (a rule's content, the stages or their inputs differ)";
    }
    List<String> parts = new ArrayList<>();
    if (!onlyX.isEmpty()) {
      parts.add("only " + a + " fired " + onlyX);
    }
    if (!onlyY.isEmpty()) {
      parts.add("only " + b + " fired " + onlyY);
    }
    return String.join("; ", parts);
  }

  private static String outcome(LoggedDecision d) {
    return d.error().map(e -> d.outcome() + " (" + e + ")").orElse(d.outcome().name());
  }

  private static String summary(LoggedDecision d) {
    Decision x = d.decision();
    return DecisionDifferences.signal(x) + " " + outcome(d) + ", fired " + x.rulesFired() + ", "
        + x.stateBefore() + " -> " + x.stateAfter();
  }

  /** The base run's label. */
  public String base() {
    return base;
  }

  /** The candidate run's label. */
  public String candidate() {
    return candidate;
  }

  /** How many decisions both runs made and were compared. */
  public int compared() {
    return compared;
  }

  /** Every differing decision: the base run's in commit order, then those only the candidate made. */
  public List<DecisionDiff> differences() {
    return differences;
  }

  /** Returns {@code true} when no decision differs. */
  public boolean isEmpty() {
    return differences.isEmpty();
  }

  /** How many decisions differ in each kind (a decision may count under several), every kind listed. */
  public Map<Kind, Integer> byKind() {
    Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    for (Kind k : Kind.values()) {
      counts.put(k, 0);
    }
    differences.forEach(d -> d.kinds().forEach(k -> counts.merge(k, 1, Integer::sum)));
    return Collections.unmodifiableMap(counts);
  }

  /** How many differing decisions each cause accounts for, most first (ties by cause). */
  public Map<String, Integer> byCause() {
    Map<String, Integer> counts = new TreeMap<>();
    differences.forEach(d -> counts.merge(d.cause(), 1, Integer::sum));
    List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
    sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    Map<String, Integer> out = new LinkedHashMap<>();
    sorted.forEach(e -> out.put(e.getKey(), e.getValue()));
    return Collections.unmodifiableMap(out);
  }

  /** The first {@code examples} differing decisions of each kind, in order, each once. */
  public List<DecisionDiff> examples(int examples) {
    if (examples < 0) {
      throw new IllegalArgumentException("examples must be >= 0, but was " + examples);
    }
    Map<Kind, Integer> shown = new EnumMap<>(Kind.class);
    List<DecisionDiff> out = new ArrayList<>();
    for (DecisionDiff d : differences) {
      boolean wanted = d.kinds().stream().anyMatch(k -> shown.getOrDefault(k, 0) < examples);
      if (wanted) {
        out.add(d);
        d.kinds().forEach(k -> shown.merge(k, 1, Integer::sum));
      }
    }
    return out;
  }

  /** A readable report: counts by kind and by cause, then up to {@code examples} examples per kind. */
  public String render(int examples) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%s vs %s: %,d of %,d decision(s) differ%n", base, candidate,
        differences.size(), compared + (int) differences.stream().filter(d -> d.kinds().contains(Kind.ONLY_BASE)
            || d.kinds().contains(Kind.ONLY_CANDIDATE)).count()));
    if (differences.isEmpty()) {
      return out.toString();
    }
    out.append("\nBy kind\n");
    byKind().forEach((k, n) -> {
      if (n > 0) {
        out.append(String.format(Locale.ROOT, "  %-16s %,8d%n", k.name().toLowerCase(Locale.ROOT), n));
      }
    });
    out.append("\nBy cause\n");
    byCause().forEach((c, n) -> out.append(String.format(Locale.ROOT, "  %,8d  %s%n", n, c)));
    out.append("\nExamples\n");
    for (DecisionDiff d : examples(examples)) {
      out.append(String.format(Locale.ROOT, "  %s %s %s %s%n", d.subject(), d.signalType(), d.signalId(), d.kinds()));
      out.append("    cause: ").append(d.cause()).append('\n');
      d.lines().forEach(l -> out.append("    ").append(l).append('\n'));
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "RunDiff[%s vs %s: %d of %d differ]", base, candidate, differences.size(), compared);
  }
}
