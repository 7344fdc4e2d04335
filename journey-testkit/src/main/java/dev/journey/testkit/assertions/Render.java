package dev.journey.testkit.assertions;

import dev.journey.core.action.Action;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.DroppedAction;
import dev.journey.core.decision.TimerCommand;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.PendingTimer;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Renders journey values for failure messages: kinds, short ids, due times; never attribute values. */
final class Render {
  private Render() {}

  static String shortId(String id) {
    return id.length() <= 8 ? id : id.substring(0, 8);
  }

  static String action(Action action) {
    return action.kind() + " " + shortId(action.id());
  }

  static String actions(List<? extends Action> actions) {
    return actions.stream().map(Render::action).collect(Collectors.joining(", ", "[", "]"));
  }

  static String kinds(List<? extends Action> actions) {
    return actions.stream().map(a -> a.kind().name()).collect(Collectors.joining(", ", "[", "]"));
  }

  static String decision(Decision d) {
    return String.format(
        Locale.ROOT,
        "decision of %s on %s %s for %s",
        d.ruleSet().key(),
        d.signalType(),
        d.signalId(),
        d.subject());
  }

  static String dropped(List<DroppedAction> dropped) {
    if (dropped.isEmpty()) {
      return "  none";
    }
    return dropped.stream()
        .map(d -> "  " + action(d.action()) + " dropped by " + d.guardrail() + ": " + d.reason())
        .collect(Collectors.joining("\n"));
  }

  static String timers(Collection<PendingTimer> timers) {
    if (timers.isEmpty()) {
      return "  none";
    }
    return timers.stream()
        .map(t -> "  " + t.name() + " due " + t.dueAt() + " (generation " + t.generation() + ")")
        .collect(Collectors.joining("\n"));
  }

  static String timerCommands(List<TimerCommand> commands) {
    if (commands.isEmpty()) {
      return "  none";
    }
    return commands.stream()
        .map(
            c ->
                c instanceof TimerCommand.Schedule
                    ? "  schedule " + c.name() + " due " + ((TimerCommand.Schedule) c).dueAt()
                    : "  cancel " + c.name())
        .collect(Collectors.joining("\n"));
  }

  static String snapshot(JourneySnapshot s) {
    return String.format(
        Locale.ROOT,
        "%s in %s since %s (version %d, owner %s)",
        s.subject(),
        s.state(),
        s.stateSince(),
        s.version(),
        s.owner().orElse("none"));
  }

  static String record(AuditRecord r) {
    Decision d = r.decision();
    String line =
        String.format(
            Locale.ROOT,
            "  %s %s %s: %s -> %s, fired %s, actions %s",
            r.outcome(),
            d.signalType(),
            d.signalId(),
            d.stateBefore(),
            d.stateAfter(),
            d.rulesFired(),
            kinds(d.actions()));
    return r.error().map(e -> line + " (" + e + ")").orElse(line);
  }

  static String records(List<AuditRecord> records) {
    if (records.isEmpty()) {
      return "  none";
    }
    return records.stream().map(Render::record).collect(Collectors.joining("\n"));
  }
}
