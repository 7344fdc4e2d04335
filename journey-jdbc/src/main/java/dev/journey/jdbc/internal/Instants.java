package dev.journey.jdbc.internal;

import java.time.Instant;

/**
 * Instants as sortable {@code BIGINT} keys: nanoseconds since the epoch, saturated to the range a
 * long holds (years 1677 to 2262). Exact values live in the JSON documents; keys mostly only
 * order and select rows. Rows without a document (inbox, quarantine) read their times back with
 * {@link #fromKey}.
 */
public final class Instants {
  private static final long MAX_SECONDS = Long.MAX_VALUE / 1_000_000_000L - 1;
  private static final long MIN_SECONDS = Long.MIN_VALUE / 1_000_000_000L + 1;

  private Instants() {}

  /** The key of {@code instant}. */
  public static long key(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds >= MAX_SECONDS) {
      return Long.MAX_VALUE;
    }
    if (seconds <= MIN_SECONDS) {
      return Long.MIN_VALUE;
    }
    return seconds * 1_000_000_000L + instant.getNano();
  }

  /** The instant of a key that was not saturated (exact to the nanosecond). */
  public static Instant fromKey(long key) {
    return Instant.ofEpochSecond(Math.floorDiv(key, 1_000_000_000L), Math.floorMod(key, 1_000_000_000L));
  }
}
