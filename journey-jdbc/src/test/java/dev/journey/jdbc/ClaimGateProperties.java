package dev.journey.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The claim gate's cap: however many threads claim at once, no more than its permits run
 * together, and as many as the permits do (the gate caps, it does not serialize).
 */
final class ClaimGateProperties {

  @Property(tries = 30)
  void should_run_at_most_its_permits_at_once_and_that_many_when_claimers_wait(
      @ForAll @IntRange(min = 1, max = 4) int permits,
      @ForAll @IntRange(min = 1, max = 12) int claimers)
      throws Exception {
    // given
    ClaimGate gate = new ClaimGate(permits);
    Inside inside = new Inside(gate, claimers, permits);
    ExecutorService pool = Executors.newFixedThreadPool(claimers);
    try {
      // when
      List<Future<Integer>> done = new ArrayList<>();
      for (int i = 0; i < claimers; i++) {
        done.add(pool.submit(() -> gate.run(inside::claim)));
      }
      for (Future<Integer> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    // then
    assertThat(inside.most).isEqualTo(Math.min(permits, claimers));
  }

  /**
   * A claim that waits inside the gate until every unfinished claim is either inside or queued at
   * the gate, and as many are inside as the permits allow (or as are left): so no claim leaves
   * before all have arrived, a gate admitting too many shows as more inside, and one admitting too
   * few as a wait that does not end. The gate's queue is not signalled, so the wait re-checks it
   * every millisecond.
   */
  private static final class Inside {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ClaimGate gate;
    private final int permits;
    private int unfinished;
    private int now;
    int most;

    Inside(ClaimGate gate, int claimers, int permits) {
      this.gate = gate;
      this.unfinished = claimers;
      this.permits = permits;
    }

    int claim() {
      lock.lock();
      try {
        now++;
        most = Math.max(most, now);
        changed.signalAll();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (now < Math.min(permits, unfinished) || now + gate.waiting() < unfinished) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(now + " claims inside, expected " + Math.min(permits, unfinished));
          }
          changed.await(1, TimeUnit.MILLISECONDS);
        }
        now--;
        unfinished--;
        changed.signalAll();
        return now;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } finally {
        lock.unlock();
      }
    }
  }
}
