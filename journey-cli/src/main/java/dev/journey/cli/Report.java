package dev.journey.cli;

import dev.journey.core.metrics.JourneyMetrics;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders {@link DemoFigures} as the readable summary {@code demo} and {@code replay} print. */
final class Report {
  private Report() {}

  /** The figures section: everything that can be recomputed from the decision log. */
  static String figures(DemoFigures f) {
    StringBuilder out = new StringBuilder();
    JourneyMetrics.Summary m = f.metrics();
    section(out, "Decisions");
    line(out, "audit records", m.decisions());
    m.outcomes().forEach((k, v) -> line(out, "  " + k, v));

    section(out, "Decisions per rule (rule label: firings)");
    byCount(m.rulesFired()).forEach(e -> line(out, e.getKey(), e.getValue()));

    section(out, "Journey states at the end");
    f.states().forEach(
        (type, states) -> {
          out.append(String.format(Locale.ROOT, "  %s%n", type));
          states.forEach((state, n) -> line(out, "  " + state, n));
        });

    section(out, "Transitions");
    byCount(m.transitions()).forEach(e -> line(out, e.getKey(), e.getValue()));

    section(out, "Owners assigned");
    m.owners().forEach((k, v) -> line(out, k, v));

    section(out, "First-touch SLAs (business hours)");
    out.append(String.format(Locale.ROOT, "  %-22s %8s %8s %8s %10s%n", "policy", "started", "met", "breached", "reassigned"));
    f.slas().forEach(
        (name, s) ->
            out.append(
                String.format(
                    Locale.ROOT, "  %-22s %8d %8d %8d %10d%n", name, s.started(), s.met(), s.breached(), s.reassigned())));
    line(out, "SLA timers scheduled (incl. reminders, second breach)", sumPrefix(m.timersStarted(), "sla:"));
    line(out, "SLA timers cancelled (met)", sumPrefix(m.timersCancelled(), "sla:"));
    line(out, "SLA timers fired (reminders and breaches)", sumPrefix(m.timersFired(), "sla:"));

    section(out, "Escalations and suppressions");
    line(out, "manager escalations (Escalate)", m.actions().getOrDefault("ESCALATE", 0L));
    line(out, "reassignments after a second breach", f.slas().values().stream().mapToLong(DemoFigures.Sla::reassigned).sum());
    line(out, "inactivity timers fired", sumPrefix(m.timersFired(), "inactivity:"));
    line(out, "channels suppressed (SuppressOutreach)", m.actions().getOrDefault("SUPPRESS_OUTREACH", 0L));
    line(out, "channels resumed (ResumeOutreach)", m.actions().getOrDefault("RESUME_OUTREACH", 0L));
    m.dropped().forEach((k, v) -> line(out, "actions dropped by " + k, v));

    section(out, "Recycles by reason");
    byCount(m.recycles()).forEach(e -> line(out, e.getKey(), e.getValue()));

    section(out, "Actions by kind");
    m.actions().forEach((k, v) -> line(out, k, v));

    section(out, "Time to first touch after the handoff (wall clock)");
    out.append(
        String.format(
            Locale.ROOT, "  %-14s %8s %8s %9s %9s %9s %9s%n", "segment", "handoffs", "touched", "p50", "p90", "p99", "max"));
    m.bySegment().forEach((segment, g) -> percentiles(out, segment, g));
    percentiles(
        out,
        "all",
        new JourneyMetrics.GroupStats(
            m.bySegment().values().stream().mapToLong(JourneyMetrics.GroupStats::handoffs).sum(),
            m.bySegment().values().stream().mapToLong(JourneyMetrics.GroupStats::accepted).sum(),
            0,
            0,
            m.timeToFirstTouch()));

    DemoFigures.Shadow s = f.shadow();
    if (s.compared() > 0) {
      section(out, "Shadow: " + s.candidate() + " against the live rule set");
      line(out, "decisions compared", s.compared());
      line(out, "decisions that would differ", s.differing());
      out.append("  by live rule:\n");
      byCount(s.byRule()).forEach(e -> line(out, "  " + e.getKey(), e.getValue()));
      out.append("  by what differs:\n");
      byCount(s.byAspect()).forEach(e -> line(out, "  " + e.getKey(), e.getValue()));
    }
    return out.toString();
  }

  private static void percentiles(StringBuilder out, String name, JourneyMetrics.GroupStats g) {
    JourneyMetrics.Percentiles p = g.timeToFirstTouch();
    out.append(
        String.format(
            Locale.ROOT,
            "  %-14s %8d %8d %9s %9s %9s %9s%n",
            name, g.handoffs(), g.accepted(), human(p.p50()), human(p.p90()), human(p.p99()), human(p.max())));
  }

  /** {@code 1h05m}, {@code 2d03h}, {@code 42m}. */
  static String human(Duration d) {
    long minutes = d.toMinutes();
    if (minutes < 60) {
      return minutes + "m";
    }
    if (minutes < 24 * 60) {
      return String.format(Locale.ROOT, "%dh%02dm", minutes / 60, minutes % 60);
    }
    return String.format(Locale.ROOT, "%dd%02dh", minutes / (24 * 60), minutes / 60 % 24);
  }

  private static long sumPrefix(Map<String, Long> map, String prefix) {
    return map.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(Map.Entry::getValue).sum();
  }

  private static List<Map.Entry<String, Long>> byCount(Map<String, Long> map) {
    return map.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
        .collect(Collectors.toList());
  }

  private static void section(StringBuilder out, String title) {
    out.append('\n').append(title).append('\n');
  }

  private static void line(StringBuilder out, String label, long value) {
    out.append(String.format(Locale.ROOT, "  %-52s %,9d%n", label, value));
  }
}
