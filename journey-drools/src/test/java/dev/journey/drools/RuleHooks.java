package dev.journey.drools;

import dev.journey.testkit.clock.VirtualClock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Test hooks a rule can call once a test's sandbox allows this class: they stand for a slow
 * consequence without the rule itself looping. Public because the compiled rule classes live in
 * another package. Not a test class.
 */
public final class RuleHooks {
  static volatile VirtualClock clock;
  static volatile CountDownLatch release = new CountDownLatch(0);
  static volatile CountDownLatch entered = new CountDownLatch(0);

  private RuleHooks() {}

  /** Spends {@code millis} of the test's virtual time. */
  public static String spend(long millis) {
    clock.advance(Duration.ofMillis(millis));
    return "spent " + millis;
  }

  /**
   * Stands for a firing that never returns: spends an hour of virtual time, then blocks until the
   * test releases it (at most 30 s of real time, so a broken test cannot hang the build).
   */
  public static String stall() {
    clock.advance(Duration.ofHours(1));
    entered.countDown();
    try {
      release.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "stalled";
  }
}
