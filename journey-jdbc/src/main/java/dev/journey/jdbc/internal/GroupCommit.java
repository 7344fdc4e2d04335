package dev.journey.jdbc.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Group commit by leader election, without a thread of its own: a caller queues its item and
 * takes the (fair) leader lock; whoever holds it drains up to {@code maxGroup} queued items —
 * its own and those of callers that queued meanwhile — and runs them as one group (one
 * transaction, one fsync). A caller whose item a previous leader already ran finds it done when
 * it gets the lock and returns at once. While one group is being written, the next one collects,
 * so the group size follows the load: one item when a single thread commits, up to {@code
 * maxGroup} under contention.
 *
 * <p>Results reach their callers only after the whole group ran: a group that fails as a whole
 * (its transaction's commit failed) fails every item in it.
 *
 * @param <T> an item
 * @param <R> an item's result
 */
public final class GroupCommit<T, R> {
  private final ReentrantLock leader = new ReentrantLock(true);
  private final ConcurrentLinkedQueue<Slot<T, R>> queue = new ConcurrentLinkedQueue<>();
  private final int maxGroup;
  private final Function<List<T>, List<Result<R>>> runGroup;

  /**
   * A pipeline running groups of at most {@code maxGroup} items with {@code runGroup}, which
   * returns one result per item in order, or throws to fail the whole group.
   */
  public GroupCommit(int maxGroup, Function<List<T>, List<Result<R>>> runGroup) {
    if (maxGroup < 1) {
      throw new IllegalArgumentException("maxGroup must be >= 1, but was " + maxGroup);
    }
    this.maxGroup = maxGroup;
    this.runGroup = Objects.requireNonNull(runGroup, "runGroup");
  }

  /** One item's outcome: a value or the exception to throw to its caller. */
  public record Result<R>(R value, RuntimeException failure) {
    /** A successful result. */
    public static <R> Result<R> of(R value) {
      return new Result<>(Objects.requireNonNull(value, "value"), null);
    }

    /** A failed result. */
    public static <R> Result<R> failed(RuntimeException failure) {
      return new Result<>(null, Objects.requireNonNull(failure, "failure"));
    }
  }

  private static final class Slot<T, R> {
    final T item;
    Result<R> result; // written and read under the leader lock

    Slot(T item) {
      this.item = item;
    }
  }

  /**
   * Whether a group is being run or items wait for one: an item submitted now will most likely
   * share a group (a hint, racy by nature: for work worth doing before {@link #submit} only then).
   */
  public boolean busy() {
    return leader.isLocked() || !queue.isEmpty();
  }

  /** How many items wait for a group (for tests and monitoring). */
  public int queued() {
    return queue.size();
  }

  /**
   * Runs {@code item} in a group and returns its result.
   *
   * @throws RuntimeException the item's failure, or the group's
   */
  public R submit(T item) {
    Slot<T, R> slot = new Slot<>(Objects.requireNonNull(item, "item"));
    queue.add(slot);
    // Bounded: while this slot is not done it is in the queue, and every pass drains at least
    // the queue's head, so the slot is run within (its position / maxGroup) + 1 passes.
    while (true) {
      leader.lock();
      try {
        if (slot.result != null) {
          break;
        }
        List<Slot<T, R>> group = new ArrayList<>(Math.min(maxGroup, 16));
        Slot<T, R> next;
        while (group.size() < maxGroup && (next = queue.poll()) != null) {
          group.add(next);
        }
        run(group);
      } finally {
        leader.unlock();
      }
    }
    if (slot.result.failure() != null) {
      throw slot.result.failure();
    }
    return slot.result.value();
  }

  private void run(List<Slot<T, R>> group) {
    List<T> items = new ArrayList<>(group.size());
    for (Slot<T, R> s : group) {
      items.add(s.item);
    }
    List<Result<R>> results = null;
    RuntimeException failure = null;
    try {
      results = runGroup.apply(items);
      if (results.size() != group.size()) {
        failure =
            new IllegalStateException(
                "group of " + group.size() + " returned " + results.size() + " results");
      }
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      // Every drained slot gets a result, whatever happened (an Error included), so that no
      // caller waits for an item that is no longer queued.
      for (int i = 0; i < group.size(); i++) {
        Slot<T, R> s = group.get(i);
        if (failure == null && results != null) {
          s.result = results.get(i);
        } else {
          s.result =
              Result.failed(
                  failure != null ? failure : new IllegalStateException("group commit aborted"));
        }
      }
    }
  }
}
