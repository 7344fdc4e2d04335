package dev.journey.cli;

import dev.journey.core.SubjectRef;
import dev.journey.core.action.Action;
import dev.journey.core.action.ActionKind;
import dev.journey.core.action.AssignOwner;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.TimerCommand;
import dev.journey.core.metrics.JourneyMetrics;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.rollout.ShadowEvaluator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures a replay summary prints, all computed from audit records (so they can be recomputed
 * from the decision log) except the final states, which come either from the engine's snapshots
 * (live) or from each subject's last decision (from a log): both must agree.
 *
 * @param metrics decisions per rule, transitions, actions, owners, recycles, drops, time to first
 *     touch: {@link JourneyMetrics} over the records
 * @param states final states: subject type, then state, then subjects
 * @param slas per SLA policy: started, met, breached, reassigned (see {@link Sla})
 * @param counters counters the decisions added (e.g. {@code sla.first-touch-na.met})
 * @param shadow the shadow comparison, if the run had one
 */
record DemoFigures(
    JourneyMetrics.Summary metrics,
    Map<String, Map<String, Long>> states,
    Map<String, Sla> slas,
    Map<String, Long> counters,
    Shadow shadow) {

  /**
   * One SLA policy's outcomes.
   *
   * @param started SLAs started (the timer scheduled while none was pending)
   * @param met satisfied before the end (counter {@code sla.<name>.met})
   * @param breached first breaches (counter {@code sla.<name>.breached}): manager escalations
   * @param reassigned second breaches: the lead was reassigned
   */
  record Sla(long started, long met, long breached, long reassigned) {}

  /**
   * The shadow comparison of a candidate rule set against the live one.
   *
   * @param candidate the candidate rule set, empty when the run had no shadow
   * @param compared decisions both evaluated
   * @param differing decisions that would differ
   * @param byRule differing decisions by live rule label ({@code (no live rule)} when none fired)
   * @param byAspect differing decisions by what differs (stateAfter, rulesFired, actions...)
   */
  record Shadow(
      String candidate,
      long compared,
      long differing,
      Map<String, Long> byRule,
      Map<String, Long> byAspect) {}

  /** From audit records and the engine's final snapshots. */
  static DemoFigures of(
      List<AuditRecord> records, JourneyMetrics metrics, Map<SubjectRef, JourneySnapshot> snapshots) {
    Map<String, Map<String, Long>> states = new TreeMap<>();
    snapshots.forEach(
        (subject, snapshot) ->
            states
                .computeIfAbsent(subject.type().name().toLowerCase(java.util.Locale.ROOT), t -> new TreeMap<>())
                .merge(snapshot.state(), 1L, Long::sum));
    return build(records, metrics.summary(), states);
  }

  /** From a decision log alone: final states are the last decision's state per subject. */
  static DemoFigures fromLog(List<AuditRecord> records) {
    JourneyMetrics metrics = JourneyMetrics.builder().build();
    Map<SubjectRef, String> last = new HashMap<>();
    for (AuditRecord record : records) {
      metrics.add(record);
      if (record.outcome() == AuditRecord.Outcome.DECIDED) {
        last.put(record.decision().subject(), record.decision().stateAfter());
      } else {
        last.putIfAbsent(record.decision().subject(), record.decision().stateBefore());
      }
    }
    Map<String, Map<String, Long>> states = new TreeMap<>();
    last.forEach(
        (subject, state) ->
            states
                .computeIfAbsent(subject.type().name().toLowerCase(java.util.Locale.ROOT), t -> new TreeMap<>())
                .merge(state, 1L, Long::sum));
    return build(records, metrics.summary(), states);
  }

  private static DemoFigures build(
      List<AuditRecord> records, JourneyMetrics.Summary summary, Map<String, Map<String, Long>> states) {
    Map<String, long[]> slas = new TreeMap<>();
    Map<String, Long> counters = new TreeMap<>();
    String candidate = "";
    long compared = 0;
    long differing = 0;
    Map<String, Long> byRule = new TreeMap<>();
    Map<String, Long> byAspect = new TreeMap<>();
    for (AuditRecord record : records) {
      Decision d = record.decision();
      String diff = d.annotations().get(ShadowEvaluator.DIFF);
      if (diff != null) {
        candidate = d.annotations().getOrDefault(ShadowEvaluator.RULE_SET, candidate);
        compared++;
        if (!diff.equals("none")) {
          differing++;
          if (d.rulesFired().isEmpty()) {
            byRule.merge("(no live rule)", 1L, Long::sum);
          }
          for (String rule : d.rulesFired()) {
            byRule.merge(rule, 1L, Long::sum);
          }
          for (String part : diff.split("; ")) {
            int space = part.indexOf(' ');
            byAspect.merge(space < 0 ? part : part.substring(0, space), 1L, Long::sum);
          }
        }
      }
      if (record.outcome() != AuditRecord.Outcome.DECIDED) {
        continue;
      }
      d.counterDeltas().forEach((name, delta) -> counters.merge(name, delta, Long::sum));
      for (TimerCommand command : d.timerCommands()) {
        if (command instanceof TimerCommand.Schedule && command.name().startsWith("sla:")
            && record.before().timer(command.name()).isEmpty()) {
          slas.computeIfAbsent(command.name().substring(4), n -> new long[4])[0]++;
        }
      }
      for (Action action : d.actions()) {
        if (action.kind() == ActionKind.ASSIGN_OWNER && ((AssignOwner) action).reason().startsWith("sla:")) {
          String reason = ((AssignOwner) action).reason();
          int end = reason.indexOf(' ');
          slas.computeIfAbsent(reason.substring(4, end < 0 ? reason.length() : end), n -> new long[4])[3]++;
        }
      }
    }
    counters.forEach(
        (name, value) -> {
          if (name.startsWith("sla.") && name.endsWith(".met")) {
            slas.computeIfAbsent(name.substring(4, name.length() - 4), n -> new long[4])[1] += value;
          } else if (name.startsWith("sla.") && name.endsWith(".breached")) {
            slas.computeIfAbsent(name.substring(4, name.length() - 9), n -> new long[4])[2] += value;
          }
        });
    Map<String, Sla> slaFigures = new TreeMap<>();
    slas.forEach((name, v) -> slaFigures.put(name, new Sla(v[0], v[1], v[2], v[3])));
    return new DemoFigures(
        summary, states, slaFigures, counters,
        new Shadow(candidate, compared, differing, byRule, byAspect));
  }
}
