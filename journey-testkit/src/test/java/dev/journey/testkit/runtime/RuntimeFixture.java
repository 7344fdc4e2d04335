package dev.journey.testkit.runtime;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.Action;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.spi.ActionExecutor;
import dev.journey.core.spi.ExecutionResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Rules, signals and an executor for the runtime tests. */
final class RuntimeFixture {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  static final String FOLLOW_UP = "follow-up";

  private RuntimeFixture() {}

  /** A form notifies the owner and starts a follow-up timer 5 minutes later; it notifies again. */
  static JavaRuleSet rules() {
    return JavaRuleSet.builder("runtime-test", "1")
        .rule(
            "a form notifies and starts the follow-up",
            f -> f.signal().type().equals(SignalTypes.FORM_SUBMITTED),
            (f, d) ->
                d.notify("owner-1", "new form")
                    .startTimer(FOLLOW_UP, f.signal().occurredAt().plus(Duration.ofMinutes(5))))
        .rule(
            "the follow-up notifies the manager",
            f -> f.signal().isTimer(),
            (f, d) -> d.notify("manager", "follow-up due").increment("follow-ups", 1))
        .build();
  }

  static Signal form(int i, Instant at) {
    return Signal.builder()
        .id("form-" + i)
        .subject(SubjectRef.contact("c" + i))
        .type(SignalTypes.FORM_SUBMITTED)
        .occurredAt(at)
        .source("test")
        .build();
  }

  /**
   * The outside world: applies each action once per id and counts every call; fails the first
   * {@code failures} calls with a transient error.
   */
  static final class Executor implements ActionExecutor {
    private final ConcurrentHashMap<String, Action> effects = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final AtomicInteger failuresLeft;
    private volatile boolean permanent;

    Executor(int failures) {
      this.failuresLeft = new AtomicInteger(failures);
    }

    /** From now on, every call fails permanently. */
    void failPermanently() {
      permanent = true;
    }

    @Override
    public ExecutionResult execute(Action action, int attempt) {
      calls.computeIfAbsent(action.id(), id -> new AtomicInteger()).incrementAndGet();
      if (permanent) {
        return ExecutionResult.permanent("rejected by the test");
      }
      if (failuresLeft.getAndDecrement() > 0) {
        return ExecutionResult.retryAfter(Duration.ZERO, "HTTP 503 from the test");
      }
      effects.putIfAbsent(action.id(), action);
      return ExecutionResult.done();
    }

    Map<String, Action> effects() {
      return new TreeMap<>(effects);
    }

    int calls() {
      return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }
  }
}
