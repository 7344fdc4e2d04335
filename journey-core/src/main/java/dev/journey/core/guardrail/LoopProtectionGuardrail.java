package dev.journey.core.guardrail;

import dev.journey.core.decision.Decision;
import dev.journey.core.spi.DecisionStage;
import dev.journey.core.state.JourneySnapshot;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Loop protection: at most N decisions per subject per fixed time window (default 20 a minute).
 * A decision beyond that is parked through {@link DecisionStage.Context#park}: nothing of it is
 * applied, the signal counts as processed, and the audit records it with outcome {@code PARKED}
 * and the reason. Windows are aligned to the epoch ({@code now / window}); usage lives in the
 * snapshot counters {@code loop.window} and {@code loop.count}.
 *
 * <pre>{@code
 * LoopProtectionGuardrail loops = LoopProtectionGuardrail.builder()
 *     .maxDecisions(20)
 *     .window(Duration.ofMinutes(1))
 *     .build();
 * }</pre>
 *
 * Register it first, so that a parked decision costs no routing slot. Immutable and
 * thread-safe.
 */
public final class LoopProtectionGuardrail implements DecisionStage {
  /** Default decisions per window: 20. */
  public static final int DEFAULT_MAX_DECISIONS = 20;
  /** Default window: 1 minute. */
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);

  private final int maxDecisions;
  private final Duration window;

  private LoopProtectionGuardrail(Builder b) {
    this.maxDecisions = b.maxDecisions;
    this.window = b.window;
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Decision apply(Decision decision, Context context) {
    JourneySnapshot snapshot = context.snapshot();
    long current = context.now().toEpochMilli() / window.toMillis();
    long count = snapshot.counter("loop.window") == current ? snapshot.counter("loop.count") : 0;
    if (count >= maxDecisions) {
      context.park(
          String.format(
              Locale.ROOT,
              "loop protection: %d decisions for %s within %s already; at most %d allowed",
              count,
              decision.subject(),
              window,
              maxDecisions));
      return decision;
    }
    Decision d = Counters.set(decision, snapshot, "loop.window", current);
    return Counters.set(d, snapshot, "loop.count", count + 1);
  }

  /** Configures a {@link LoopProtectionGuardrail}. Not thread-safe. */
  public static final class Builder {
    private int maxDecisions = DEFAULT_MAX_DECISIONS;
    private Duration window = DEFAULT_WINDOW;

    Builder() {}

    /**
     * Decisions allowed per window; default {@link #DEFAULT_MAX_DECISIONS}.
     *
     * @throws IllegalArgumentException when below 1
     */
    public Builder maxDecisions(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxDecisions must be >= 1, but was " + max);
      }
      this.maxDecisions = max;
      return this;
    }

    /**
     * The window; default {@link #DEFAULT_WINDOW}.
     *
     * @throws IllegalArgumentException when shorter than a millisecond
     */
    public Builder window(Duration window) {
      Objects.requireNonNull(window, "window");
      if (window.toMillis() < 1) {
        throw new IllegalArgumentException("window must be >= 1ms, but was " + window);
      }
      this.window = window;
      return this;
    }

    /** Builds the guardrail. */
    public LoopProtectionGuardrail build() {
      return new LoopProtectionGuardrail(this);
    }
  }
}
