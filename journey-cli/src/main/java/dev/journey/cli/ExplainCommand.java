package dev.journey.cli;

import dev.journey.core.JourneyException;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.Action;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.DroppedAction;
import dev.journey.core.decision.TimerCommand;
import dev.journey.core.spi.AuditRecord;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code journey explain <subject> [--log FILE]}: one subject's timeline from a decision log —
 * each signal with its outcome, the state change, the rules that fired, the actions, what the
 * guardrails dropped and why, the timers, and the decision's trace (routing and SLA explanations).
 */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = "Print one subject's timeline (signals, rules fired, actions, drops with reasons, timers) from a decision log.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {ExitCode.OK_LINE, "1:the log has no decision for the subject", ExitCode.USAGE_LINE})
final class ExplainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<subject>", description = "the subject, <type>:<id>, e.g. contact:1001651")
  String subject;

  @Mixin DecisionLogOption logOption;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SubjectRef ref;
    try {
      ref = SubjectRef.parse(subject);
    } catch (JourneyException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Path log = logOption.file(spec);
    List<AuditRecord> records;
    try {
      records = ReplayRun.read(log).stream().filter(r -> r.signal().subject().equals(ref)).toList();
    } catch (IllegalArgumentException | UncheckedIOException e) {
      err.println("journey explain: " + e.getMessage());
      return ExitCode.PROBLEMS;
    }
    if (records.isEmpty()) {
      err.println("journey explain: " + log + " has no decision for " + ref);
      return ExitCode.PROBLEMS;
    }
    out.print(timeline(ref, records));
    return ExitCode.OK;
  }

  /** The timeline of one subject's records, in log order. */
  static String timeline(SubjectRef subject, List<AuditRecord> records) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%s: %d decision(s)%n", subject, records.size()));
    for (AuditRecord r : records) {
      Decision d = r.decision();
      out.append(String.format(Locale.ROOT, "%n%s  %s %s  [%s]%s%n", r.signal().occurredAt(), r.signal().type(),
          r.signal().firing().map(f -> f.name()).orElse(r.signal().id()), r.outcome(),
          r.error().map(e -> " " + e).orElse("")));
      out.append(String.format(Locale.ROOT, "  state     %s%n",
          d.changesState() ? d.stateBefore() + " -> " + d.stateAfter() : d.stateBefore()));
      out.append(String.format(Locale.ROOT, "  rule set  %s%n", d.ruleSet()));
      if (!d.rulesFired().isEmpty()) {
        out.append("  rules     ").append(String.join("; ", d.rulesFired())).append('\n');
      }
      for (Action action : d.actions()) {
        out.append("  action    ").append(action).append('\n');
      }
      for (DroppedAction drop : d.dropped()) {
        out.append("  dropped   ").append(drop.action().kind()).append(" by ").append(drop.guardrail())
            .append(": ").append(drop.reason()).append('\n');
      }
      for (TimerCommand timer : d.timerCommands()) {
        out.append("  timer     ").append(timer instanceof TimerCommand.Schedule s
            ? "schedule " + s.name() + " due " + s.dueAt() : "cancel " + timer.name()).append('\n');
      }
      for (String line : d.trace()) {
        out.append("  why       ").append(line).append('\n');
      }
    }
    return out.toString();
  }
}
