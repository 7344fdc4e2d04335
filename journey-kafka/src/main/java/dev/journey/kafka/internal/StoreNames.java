package dev.journey.kafka.internal;

import java.util.List;

/** The names of the state stores a journey topology keeps (each changelogged). */
public final class StoreNames {
  /** Snapshots by subject. */
  public static final String SNAPSHOTS = "journey-snapshots";
  /** Processed signal ids (the inbox). */
  public static final String INBOX = "journey-inbox";
  /** The inbox by commit time, for retention. */
  public static final String INBOX_EXPIRY = "journey-inbox-expiry";
  /** Pending timers in due order. */
  public static final String TIMERS = "journey-timers";
  /** Timer index keys by subject, name and generation. */
  public static final String TIMER_IDS = "journey-timer-ids";
  /** Shared routing state. */
  public static final String SHARED = "journey-shared";
  /** Quarantined inputs. */
  public static final String QUARANTINE = "journey-quarantine";

  /** Every store, in a fixed order. */
  public static final List<String> ALL =
      List.of(SNAPSHOTS, INBOX, INBOX_EXPIRY, TIMERS, TIMER_IDS, SHARED, QUARANTINE);

  private StoreNames() {}
}
