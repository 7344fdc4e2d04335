package dev.journey.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.spi.ExecutionResult;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

final class RetryPolicyTest {

  /** The reference: initial × 2^(n-1), capped, then ± jitter. */
  @Property(tries = 300)
  void should_keep_each_backoff_within_the_jitter_of_the_capped_doubling(
      @ForAll @StringLength(min = 1, max = 40) String actionId,
      @ForAll @IntRange(min = 1, max = 70) int failedAttempts,
      @ForAll @IntRange(min = 0, max = 5_000) int initialMillis,
      @ForAll @IntRange(min = 0, max = 600_000) int extraMaxMillis,
      @ForAll @DoubleRange(min = 0, max = 1) double jitter) {
    // given
    RetryPolicy policy =
        new RetryPolicy(
            8, Duration.ofMillis(initialMillis), Duration.ofMillis(initialMillis + extraMaxMillis), jitter);
    double capped =
        Math.min(initialMillis * Math.pow(2, failedAttempts - 1), initialMillis + extraMaxMillis);
    // when
    Duration wait = policy.backoff(actionId, failedAttempts);
    // then
    assertThat((double) wait.toMillis())
        .isBetween(Math.floor(capped * (1 - jitter)) - 1, Math.ceil(capped * (1 + jitter)) + 1);
    assertThat(policy.backoff(actionId, failedAttempts)).isEqualTo(wait);
  }

  @Test
  void should_wait_the_longer_of_backoff_and_retry_after_until_the_attempts_are_used_up() {
    // given
    RetryPolicy policy = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofMinutes(1), 0);
    ExecutionResult slowDown = ExecutionResult.retryAfter(Duration.ofSeconds(10), "429");
    ExecutionResult timeout = ExecutionResult.ambiguous("timeout");
    // when / then
    assertThat(policy.nextWait("a-1", 1, slowDown)).contains(Duration.ofSeconds(10));
    assertThat(policy.nextWait("a-1", 2, timeout)).contains(Duration.ofSeconds(2));
    assertThat(policy.nextWait("a-1", 3, timeout)).isEmpty();
    assertThat(RetryPolicy.reason(timeout)).isEqualTo("ambiguous: timeout");
    assertThat(RetryPolicy.reason(slowDown)).isEqualTo("429");
  }

  @Test
  void should_refuse_invalid_settings_and_results_that_are_not_retried() {
    // given
    RetryPolicy policy = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofMinutes(1), 0.2);
    // when / then
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxAttempts must be >= 1, but was 0");
    assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1), 0))
        .hasMessage("maxBackoff must be >= initialBackoff (PT2S), but was PT1S");
    assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1.5))
        .hasMessage("jitter must be within [0, 1], but was 1.5");
    assertThatThrownBy(() -> policy.nextWait("a-1", 1, ExecutionResult.done()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("only a retry-after or an ambiguous result is retried");
    assertThatThrownBy(() -> policy.backoff("a-1", 0))
        .hasMessage("failedAttempts must be >= 1, but was 0");
  }
}
