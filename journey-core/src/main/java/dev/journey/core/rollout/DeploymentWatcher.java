package dev.journey.core.rollout;

import dev.journey.core.internal.Checks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current deployment of one journey, re-read from the {@link DeploymentStore} at most once per
 * poll interval on the clock: this is how several engines or runtimes on one database switch to a
 * changed deployment within one interval, without a restart. A read returns one immutable
 * deployment, so a decision that started on it finishes on it (hot swap). When a re-read fails
 * (the store is unreachable), the last deployment read stays in use until the next poll, with a
 * warning; only the first read's failure is thrown.
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * DeploymentWatcher watcher = DeploymentWatcher.of(store, "lead-handoff", clock, Duration.ofSeconds(5));
 * }</pre>
 */
public final class DeploymentWatcher {
  /** The default poll interval. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(DeploymentWatcher.class);

  private final DeploymentStore store;
  private final String journey;
  private final Clock clock;
  private final Duration pollInterval;
  private volatile Read last;

  private record Read(JourneyDeployment deployment, Instant at) {}

  private DeploymentWatcher(DeploymentStore store, String journey, Clock clock, Duration pollInterval) {
    this.store = store;
    this.journey = journey;
    this.clock = clock;
    this.pollInterval = pollInterval;
  }

  /**
   * Watches {@code journey}'s deployment in {@code store}.
   *
   * @throws IllegalArgumentException when the interval is not positive or the journey is blank
   */
  public static DeploymentWatcher of(
      DeploymentStore store, String journey, Clock clock, Duration pollInterval) {
    Objects.requireNonNull(store, "store");
    Checks.notBlank(journey, "journey");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(pollInterval, "pollInterval");
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("pollInterval must be > 0, but was " + pollInterval);
    }
    return new DeploymentWatcher(store, journey, clock, pollInterval);
  }

  /** The journey. */
  public String journey() {
    return journey;
  }

  /** The poll interval. */
  public Duration pollInterval() {
    return pollInterval;
  }

  /**
   * The deployment as last read, re-read when a poll interval has passed since.
   *
   * @throws DeploymentNotFoundException when none is stored
   */
  public JourneyDeployment current() {
    Read read = last;
    Instant now = clock.instant();
    if (read == null || !now.isBefore(read.at().plus(pollInterval))) {
      if (read == null) {
        return refresh();
      }
      try {
        return refresh();
      } catch (RuntimeException e) {
        // the store is unreachable (or the deployment vanished): keep deciding on the last read,
        // try again one interval later
        LOG.warn("cannot re-read the deployment of {}; keeping revision {} until the next poll",
            journey, read.deployment().revision(), e);
        last = new Read(read.deployment(), now);
        return read.deployment();
      }
    }
    return read.deployment();
  }

  /**
   * Re-reads the deployment now.
   *
   * @throws DeploymentNotFoundException when none is stored
   */
  public synchronized JourneyDeployment refresh() {
    Instant now = clock.instant();
    JourneyDeployment d =
        store.deployment(journey)
            .orElseThrow(() -> new DeploymentNotFoundException(journey, store.deployedJourneys()));
    Read previous = last;
    if (previous == null || previous.deployment().revision() <= d.revision()) {
      last = new Read(d, now);
    } else {
      last = new Read(previous.deployment(), now);
    }
    return last.deployment();
  }
}
