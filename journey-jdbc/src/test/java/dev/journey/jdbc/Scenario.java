package dev.journey.jdbc;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.rules.JavaRuleSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * A deterministic workload for crash and concurrency tests: signals for a few subjects, rules that
 * schedule, reschedule and cancel timers and emit actions. Timer due times derive from the
 * signal's {@code occurredAt}, so they do not depend on when a signal was processed.
 */
final class Scenario {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  static final String SLA = "sla:first-touch";
  static final String REMINDER = "reminder:again";

  private static final List<String> TYPES =
      List.of(
          SignalTypes.FORM_SUBMITTED,
          SignalTypes.CONTENT_ENGAGED,
          SignalTypes.MEETING_BOOKED,
          SignalTypes.FORM_SUBMITTED,
          SignalTypes.PRICING_PAGE_VIEWED);

  final List<Signal> signals;
  final List<SubjectRef> subjects;
  final Duration gap;

  private Scenario(List<Signal> signals, List<SubjectRef> subjects, Duration gap) {
    this.signals = List.copyOf(signals);
    this.subjects = List.copyOf(subjects);
    this.gap = gap;
  }

  /** {@code count} signals over {@code subjectCount} subjects, one every {@code gap}. */
  static Scenario of(int count, int subjectCount, Duration gap, long seed) {
    Random random = new Random(seed);
    List<Signal> signals = new ArrayList<>(count);
    TreeSet<SubjectRef> subjects = new TreeSet<>();
    for (int i = 0; i < count; i++) {
      SubjectRef subject = SubjectRef.contact("c" + random.nextInt(subjectCount));
      subjects.add(subject);
      signals.add(
          Signal.builder()
              .id("sig-" + i)
              .subject(subject)
              .type(TYPES.get(random.nextInt(TYPES.size())))
              .occurredAt(T0.plus(gap.multipliedBy(i)))
              .source("scenario")
              .build());
    }
    return new Scenario(signals, new ArrayList<>(subjects), gap);
  }

  static boolean isTimer(JavaRuleSet.Facts f, String name) {
    return f.signal().isTimer(name);
  }

  /** The rules: every outcome depends only on the snapshot and the signal. */
  static JavaRuleSet rules() {
    return JavaRuleSet.builder("crash-scenario", "1")
        .rule(
            "count every buyer signal",
            f -> !f.signal().isTimer(),
            (f, d) -> d.increment("signals", 1).setProperty("last_signal", f.signal().type()))
        .rule(
            "a form starts the first-touch SLA",
            f -> f.signal().type().equals(SignalTypes.FORM_SUBMITTED),
            (f, d) ->
                d.startTimer(SLA, f.signal().occurredAt().plus(Duration.ofMinutes(5)))
                    .notify("owner-" + f.snapshot().subject().id(), "new form"))
        .rule(
            "a meeting stops the SLA",
            f -> f.signal().type().equals(SignalTypes.MEETING_BOOKED)
                && f.snapshot().timers().containsKey(SLA),
            (f, d) -> d.cancelTimer(SLA))
        .rule(
            "a breached SLA escalates and sets a reminder",
            f -> isTimer(f, SLA),
            (f, d) ->
                d.increment("breaches", 1)
                    .notify("manager", "first-touch SLA breached")
                    .startTimer(REMINDER, f.signal().occurredAt().plus(Duration.ofMinutes(3))))
        .rule(
            "a reminder fires once",
            f -> isTimer(f, REMINDER),
            (f, d) -> d.increment("reminders", 1).setProperty("reminded", "yes"))
        .build();
  }
}
