package dev.journey.core.spi;

import dev.journey.core.action.Action;
import java.util.ArrayList;
import java.util.List;

/**
 * Performs actions against the outside world (HubSpot, a mailer, a queue). The outbox relay
 * calls it at least once per action; implementations should be idempotent on {@link Action#id()}
 * so that the effect happens once.
 *
 * <p>Implementations must be thread-safe if the relay runs on several threads.
 */
@FunctionalInterface
public interface ActionExecutor {

  /**
   * Executes one action.
   *
   * @param action the action
   * @param attempt the attempt number, from 1
   * @return the result; an exception thrown is treated as {@link ExecutionResult#ambiguous}
   */
  ExecutionResult execute(Action action, int attempt);

  /**
   * Executes several actions of different subjects, e.g. as one batch request. The default calls
   * {@link #execute} for each.
   *
   * @param entries the entries, at most one per subject
   * @return one result per entry, in the same order
   */
  default List<ExecutionResult> executeAll(List<OutboxEntry> entries) {
    List<ExecutionResult> results = new ArrayList<>(entries.size());
    for (OutboxEntry entry : entries) {
      ExecutionResult result;
      try {
        result = execute(entry.action(), entry.attempts() + 1);
      } catch (RuntimeException e) {
        result = ExecutionResult.ambiguous(e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      results.add(result);
    }
    return results;
  }
}
