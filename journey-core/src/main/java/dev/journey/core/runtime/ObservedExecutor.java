package dev.journey.core.runtime;

import dev.journey.core.action.Action;
import dev.journey.core.spi.ActionExecutor;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.spi.OutboxEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Wraps the application's executor for the relay: records each outcome for health (failure share,
 * relay lag) and listeners. Never changes a result.
 */
final class ObservedExecutor implements ActionExecutor {
  private static final int OUTCOMES_KEPT = 1024;

  private final ActionExecutor delegate;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final Listeners listeners;
  private final ArrayDeque<Outcome> outcomes = new ArrayDeque<>();
  private volatile Duration lastReadyLag = Duration.ZERO;

  ObservedExecutor(ActionExecutor delegate, Clock clock, LongSupplier nanoTime, Listeners listeners) {
    this.delegate = delegate;
    this.clock = clock;
    this.nanoTime = nanoTime;
    this.listeners = listeners;
  }

  @Override
  public ExecutionResult execute(Action action, int attempt) {
    return delegate.execute(action, attempt);
  }

  @Override
  public List<ExecutionResult> executeAll(List<OutboxEntry> entries) {
    Instant now = clock.instant();
    Duration lag = Duration.ZERO;
    for (OutboxEntry e : entries) {
      Duration waited = Duration.between(e.nextAttemptAt(), now);
      if (waited.compareTo(lag) > 0) {
        lag = waited;
      }
    }
    lastReadyLag = lag;
    long start = nanoTime.getAsLong();
    List<ExecutionResult> results;
    try {
      results = delegate.executeAll(entries);
    } catch (RuntimeException e) {
      results = new ArrayList<>(entries.size());
      for (int i = 0; i < entries.size(); i++) {
        results.add(
            ExecutionResult.ambiguous(e.getClass().getSimpleName() + ": " + e.getMessage()));
      }
    }
    long nanos = nanoTime.getAsLong() - start;
    if (results.size() == entries.size()) {
      Instant at = clock.instant();
      synchronized (outcomes) {
        for (ExecutionResult r : results) {
          if (r instanceof ExecutionResult.Deferred) {
            continue; // not an attempt: says nothing about the executor's health
          }
          outcomes.addLast(new Outcome(at, r instanceof ExecutionResult.Done));
          if (outcomes.size() > OUTCOMES_KEPT) {
            outcomes.removeFirst();
          }
        }
      }
      long each = entries.isEmpty() ? 0 : nanos / entries.size();
      for (int i = 0; i < entries.size(); i++) {
        listeners.executed(entries.get(i), results.get(i), each);
      }
    }
    return results;
  }

  /** The relay found nothing ready: no backlog, no lag. */
  void idle() {
    lastReadyLag = Duration.ZERO;
  }

  /** How long the entries of the last batch had been ready when they were executed. */
  Duration lastReadyLag() {
    return lastReadyLag;
  }

  /** Failed and total attempts since {@code since}. */
  int[] failuresSince(Instant since) {
    int failed = 0;
    int total = 0;
    synchronized (outcomes) {
      for (Outcome o : outcomes) {
        if (!o.at.isBefore(since)) {
          total++;
          if (!o.ok) {
            failed++;
          }
        }
      }
    }
    return new int[] {failed, total};
  }

  private static final class Outcome {
    final Instant at;
    final boolean ok;

    Outcome(Instant at, boolean ok) {
      this.at = at;
      this.ok = ok;
    }
  }
}
