package dev.journey.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The leader-election pipeline: groups form under contention, results reach their callers. */
final class GroupCommitPipelineTest {
  @Test
  void should_report_busy_while_a_group_runs_and_idle_once_it_ended() throws Exception {
    // given: a group that blocks until released, and reports whether the pipeline was busy
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    GroupCommit<Integer, Integer> pipeline =
        new GroupCommit<>(
            4,
            items -> {
              running.countDown();
              await(release);
              return items.stream().map(i -> GroupCommit.Result.of(i)).toList();
            });
    assertThat(pipeline.busy()).isFalse();
    ExecutorService threads = Executors.newFixedThreadPool(1);
    try {
      // when
      Future<Integer> first = threads.submit(() -> pipeline.submit(1));
      assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
      // then
      assertThat(pipeline.busy()).isTrue();
      release.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
      assertThat(pipeline.busy()).isFalse();
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void should_run_items_queued_during_a_group_as_the_next_group() throws Exception {
    // given: the first group blocks until 7 more callers are queued behind it
    int others = 7;
    CountDownLatch firstRunning = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<List<Integer>> groups = new CopyOnWriteArrayList<>();
    GroupCommit<Integer, Integer> pipeline =
        new GroupCommit<>(
            32,
            items -> {
              groups.add(List.copyOf(items));
              if (groups.size() == 1) {
                firstRunning.countDown();
                await(release);
              }
              List<GroupCommit.Result<Integer>> results = new ArrayList<>();
              items.forEach(i -> results.add(GroupCommit.Result.of(i * 10)));
              return results;
            });
    ExecutorService threads = Executors.newFixedThreadPool(others + 1);
    try {
      Future<Integer> first = threads.submit(() -> pipeline.submit(0));
      assertThat(firstRunning.await(10, TimeUnit.SECONDS)).isTrue();
      List<Future<Integer>> rest = new ArrayList<>();
      for (int i = 1; i <= others; i++) {
        int item = i;
        rest.add(threads.submit(() -> pipeline.submit(item)));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (pipeline.queued() < others && System.nanoTime() < deadline) {
        Thread.yield(); // bounded by the deadline: the callers are queueing
      }
      assertThat(pipeline.queued()).isEqualTo(others);
      // when
      release.countDown();
      // then
      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(0);
      for (int i = 0; i < others; i++) {
        assertThat(rest.get(i).get(10, TimeUnit.SECONDS)).isEqualTo((i + 1) * 10);
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(groups).hasSize(2);
    assertThat(groups.get(1)).as("every caller queued meanwhile, in one group")
        .containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7);
  }

  @Test
  void should_fail_every_item_of_a_failed_group_and_only_the_item_that_fails() {
    // given
    GroupCommit<Integer, Integer> pipeline =
        new GroupCommit<>(
            4,
            items -> {
              if (items.contains(13)) {
                throw new IllegalStateException("the transaction's commit failed");
              }
              List<GroupCommit.Result<Integer>> results = new ArrayList<>();
              for (int i : items) {
                results.add(
                    i < 0
                        ? GroupCommit.Result.failed(new IllegalArgumentException("bad " + i))
                        : GroupCommit.Result.of(i));
              }
              return results;
            });
    // when / then
    assertThatThrownBy(() -> pipeline.submit(13)).hasMessage("the transaction's commit failed");
    assertThatThrownBy(() -> pipeline.submit(-1)).hasMessage("bad -1");
    assertThat(pipeline.submit(5)).isEqualTo(5);
  }

  @Test
  void should_reject_a_group_size_below_one() {
    assertThatThrownBy(() -> new GroupCommit<Integer, Integer>(0, items -> List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxGroup must be >= 1, but was 0");
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("not released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
