package dev.journey.core.runtime;

import dev.journey.core.action.Action;
import dev.journey.core.action.ActionKind;
import dev.journey.core.spi.ActionExecutor;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.spi.OutboxEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * Hands each action to the executor registered for its kind (or the default one), at most {@code
 * maxConcurrency} calls at once per executor. When an executor is at its limit its actions are
 * {@linkplain ExecutionResult#deferred deferred} (not a failed attempt) instead of waiting, so the
 * relay worker moves on to the other executors' actions.
 */
final class RoutingExecutor implements ActionExecutor {
  private final Route fallback;
  private final Map<ActionKind, Route> routes;
  private final Duration busyDelay;

  RoutingExecutor(Route fallback, Map<ActionKind, Route> routes, Duration busyDelay) {
    this.fallback = fallback;
    this.routes = new EnumMap<>(ActionKind.class);
    this.routes.putAll(routes);
    this.busyDelay = busyDelay;
  }

  /** One executor and its concurrency limit. */
  static final class Route {
    final String name;
    final ActionExecutor executor;
    final int maxConcurrency;
    final Semaphore calls;

    Route(String name, ActionExecutor executor, int maxConcurrency) {
      this.name = name;
      this.executor = executor;
      this.maxConcurrency = maxConcurrency;
      this.calls = new Semaphore(maxConcurrency);
    }
  }

  private Route route(Action action) {
    return routes.getOrDefault(action.kind(), fallback);
  }

  @Override
  public ExecutionResult execute(Action action, int attempt) {
    return route(action).executor.execute(action, attempt);
  }

  @Override
  public List<ExecutionResult> executeAll(List<OutboxEntry> entries) {
    // group by executor, keeping each group's order, so an executor still gets one batch call
    Map<Route, List<Integer>> groups = new IdentityHashMap<>();
    List<Route> order = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Route r = route(entries.get(i).action());
      List<Integer> group = groups.get(r);
      if (group == null) {
        group = new ArrayList<>();
        groups.put(r, group);
        order.add(r);
      }
      group.add(i);
    }
    ExecutionResult[] results = new ExecutionResult[entries.size()];
    for (Route r : order) {
      List<Integer> indexes = groups.get(r);
      if (!r.calls.tryAcquire()) {
        ExecutionResult busy =
            ExecutionResult.deferred(
                busyDelay,
                String.format(
                    Locale.ROOT,
                    "executor %s at its concurrency limit (%d)",
                    r.name,
                    r.maxConcurrency));
        indexes.forEach(i -> results[i] = busy);
        continue;
      }
      try {
        List<OutboxEntry> batch = new ArrayList<>(indexes.size());
        indexes.forEach(i -> batch.add(entries.get(i)));
        List<ExecutionResult> out;
        try {
          out = r.executor.executeAll(batch);
        } catch (RuntimeException e) {
          out = new ArrayList<>();
          for (int k = 0; k < batch.size(); k++) {
            out.add(ExecutionResult.ambiguous(e.getClass().getSimpleName() + ": " + e.getMessage()));
          }
        }
        if (out.size() != batch.size()) {
          throw new IllegalStateException(
              "executor " + r.name + " returned " + out.size() + " results for " + batch.size() + " actions");
        }
        for (int k = 0; k < indexes.size(); k++) {
          results[indexes.get(k)] = out.get(k);
        }
      } finally {
        r.calls.release();
      }
    }
    return List.of(results);
  }
}
