package dev.journey.cli;

import dev.journey.core.decision.DroppedAction;
import dev.journey.core.engine.CrossJourneyPolicy;
import dev.journey.core.engine.HostedJourney;
import dev.journey.core.spi.AuditRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-journey figures of a run whose engine hosts several journeys: decisions, actions, exits and
 * re-entries of each, and what the rules across journeys dropped (outreach paused by the central
 * suppression, enrollments on a suppressed channel, writes of another journey's property,
 * conflicts, caps), recomputed from the audit records alone.
 *
 * @param journeys the figures of each journey, in priority order
 * @param dropped the actions dropped by each cross-journey rule, by guardrail name
 */
record JourneyFigures(Map<String, PerJourney> journeys, Map<String, Integer> dropped) {
  /**
   * One journey's figures.
   *
   * @param priority its priority
   * @param decisions its decided audit records
   * @param actions the actions of those decisions
   * @param exits decisions that reached one of its exit states
   * @param reentries new stays after an exit
   */
  record PerJourney(int priority, int decisions, int actions, int exits, int reentries) {}

  /** The figures of {@code records} (every journey's) for the {@code journeys} an engine hosted. */
  static JourneyFigures of(List<HostedJourney> journeys, List<AuditRecord> records) {
    Map<String, int[]> counts = new LinkedHashMap<>();
    Map<String, HostedJourney> byName = new LinkedHashMap<>();
    List<HostedJourney> byPriority = new java.util.ArrayList<>(journeys);
    byPriority.sort(java.util.Comparator.comparingInt(HostedJourney::priority).reversed()); // stable
    for (HostedJourney journey : byPriority) {
      counts.put(journey.name(), new int[4]);
      byName.put(journey.name(), journey);
    }
    Map<String, Integer> dropped = new TreeMap<>();
    for (AuditRecord record : records) {
      int[] c = counts.get(record.journey().orElse(""));
      if (c == null || record.outcome() != AuditRecord.Outcome.DECIDED) {
        continue;
      }
      HostedJourney journey = byName.get(record.journey().orElse(""));
      c[0]++;
      c[1] += record.decision().actions().size();
      if (journey.exitStates().contains(record.decision().stateAfter())
          && !journey.exitStates().contains(record.before().state())) {
        c[2]++;
      }
      if (record.decision().trace().stream().anyMatch(t -> t.startsWith("journey " + journey.name() + " entered again"))) {
        c[3]++;
      }
      for (DroppedAction d : record.decision().dropped()) {
        if (CROSS_JOURNEY.contains(d.guardrail())) {
          dropped.merge(d.guardrail(), 1, Integer::sum);
        }
      }
    }
    Map<String, PerJourney> per = new LinkedHashMap<>();
    counts.forEach((name, c) -> per.put(name, new PerJourney(byName.get(name).priority(), c[0], c[1], c[2], c[3])));
    return new JourneyFigures(per, dropped);
  }

  private static final List<String> CROSS_JOURNEY =
      List.of(
          CrossJourneyPolicy.CENTRAL_SUPPRESSION,
          CrossJourneyPolicy.SUPPRESSED_CHANNEL,
          CrossJourneyPolicy.SINGLE_WRITER,
          CrossJourneyPolicy.JOURNEY_CONFLICT,
          CrossJourneyPolicy.FREQUENCY_CAP);

  /** The outreach actions of marketing journeys the central suppression dropped. */
  int preventedByCentralSuppression() {
    return dropped.getOrDefault(CrossJourneyPolicy.CENTRAL_SUPPRESSION, 0);
  }

  /** The section the demo prints. */
  String section() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%nJourneys (one engine, one commit per signal across them)%n"));
    out.append(String.format(Locale.ROOT, "  %-16s %8s %10s %8s %6s %10s%n", "journey", "priority", "decisions", "actions", "exits", "re-entries"));
    journeys.forEach((name, f) -> out.append(String.format(Locale.ROOT, "  %-16s %8d %,10d %,8d %,6d %,10d%n",
        name, f.priority(), f.decisions(), f.actions(), f.exits(), f.reentries())));
    out.append(String.format(Locale.ROOT, "  outreach actions the central suppression prevented %,8d%n", preventedByCentralSuppression()));
    for (String guardrail : CROSS_JOURNEY) {
      if (!guardrail.equals(CrossJourneyPolicy.CENTRAL_SUPPRESSION)) {
        out.append(String.format(Locale.ROOT, "  actions dropped as %-32s %,8d%n", guardrail, dropped.getOrDefault(guardrail, 0)));
      }
    }
    return out.toString();
  }
}
