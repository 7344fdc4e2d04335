package dev.journey.testkit.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until a test moves it, like Guava's {@code FakeTicker}: hand
 * it to the engine, the outbox relay and your stages, then {@link #advance(Duration)} it instead
 * of sleeping.
 *
 * <p>Thread-safe: the instant is held atomically, so engine threads see every move at once.
 * {@link #withZone(ZoneId)} returns a view in another zone that shares this clock's instant.
 *
 * <pre>{@code
 * VirtualClock clock = VirtualClock.at(Instant.parse("2026-03-02T08:00:00Z"));
 * clock.advance(Duration.ofMinutes(30)); // 08:30
 * }</pre>
 *
 * <p>To move time <em>through an engine</em>, so that due timers fire in order on the way, use
 * {@link dev.journey.testkit.JourneyDriver#advance(Duration)}.
 */
public final class VirtualClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private VirtualClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock standing at {@code start}, in UTC. */
  public static VirtualClock at(Instant start) {
    return at(start, ZoneOffset.UTC);
  }

  /** A clock standing at {@code start}, in {@code zone}. */
  public static VirtualClock at(Instant start, ZoneId zone) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(zone, "zone");
    return new VirtualClock(new AtomicReference<>(start), zone);
  }

  /**
   * Moves the clock forward.
   *
   * @return this clock
   * @throws IllegalArgumentException when {@code step} is negative
   */
  public VirtualClock advance(Duration step) {
    Objects.requireNonNull(step, "step");
    if (step.isNegative()) {
      throw new IllegalArgumentException(
          "step must be >= 0 (use set(Instant) to go back), but was " + step);
    }
    now.updateAndGet(current -> current.plus(step));
    return this;
  }

  /**
   * Sets the instant, forward or back.
   *
   * @return this clock
   */
  public VirtualClock set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
    return this;
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public long millis() {
    return now.get().toEpochMilli();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view in {@code zone} sharing this clock's instant: advancing one advances both. */
  @Override
  public VirtualClock withZone(ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    return zone.equals(this.zone) ? this : new VirtualClock(now, zone);
  }

  @Override
  public String toString() {
    return "VirtualClock[" + now.get() + ", " + zone + "]";
  }
}
