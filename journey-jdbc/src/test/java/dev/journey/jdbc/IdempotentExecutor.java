package dev.journey.jdbc;

import dev.journey.core.action.Action;
import dev.journey.core.spi.ActionExecutor;
import dev.journey.core.spi.ExecutionResult;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The outside world in tests: applies each action's effect once per action id (like an upsert
 * keyed by the id) and counts every call, so a test sees both the effects and the redeliveries.
 * Survives "crashes" of the engine, as an external system would.
 */
final class IdempotentExecutor implements ActionExecutor {
  private final ConcurrentHashMap<String, Action> effects = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  @Override
  public ExecutionResult execute(Action action, int attempt) {
    calls.computeIfAbsent(action.id(), id -> new AtomicInteger()).incrementAndGet();
    effects.putIfAbsent(action.id(), action);
    return ExecutionResult.done();
  }

  /** The applied effects by action id. */
  Map<String, Action> effects() {
    return new TreeMap<>(effects);
  }

  /** How many times the action was executed. */
  int calls(String actionId) {
    AtomicInteger n = calls.get(actionId);
    return n == null ? 0 : n.get();
  }

  /** Executions beyond the first per action (at-least-once redeliveries). */
  int redeliveries() {
    return calls.values().stream().mapToInt(AtomicInteger::get).sum() - effects.size();
  }
}
