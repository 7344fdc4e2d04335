package dev.journey.kafka.internal;

import java.util.List;

/** The names of the state stores a journey topology keeps (each changelogged). */
public final class StoreNames {
  /** Snapshots by subject. */
  public static final String SNAPSHOTS = "journey-snapshots";
  /** Processed signal ids (the inbox). */
  public static final String INBOX = "journey-inbox";
  /** The inbox by commit time, for retention: buckets of up to 64 signal ids. */
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

  /**
   * The stores behind Kafka Streams' record cache: those whose keys are written again before a
   * commit (a subject's snapshot, shared counters, the inbox-expiry bucket that commits append
   * to). The others (inbox, timers, quarantine) write a new key almost every time and go to the
   * store directly.
   */
  public static final java.util.Set<String> CACHED = java.util.Set.of(SNAPSHOTS, SHARED, INBOX_EXPIRY);

  private StoreNames() {}
}
