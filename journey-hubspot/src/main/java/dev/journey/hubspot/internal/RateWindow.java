package dev.journey.hubspot.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * One portal's request budget: a rolling 10-second window and a daily cap that resets at the
 * account's midnight, corrected by what HubSpot's rate-limit headers and 429s say. Thread-safe.
 * Not API.
 */
public final class RateWindow {
  /** HubSpot's burst window. */
  public static final Duration WINDOW = Duration.ofSeconds(10);

  private final int limit;
  private final long dailyCap;
  private final ZoneId zone;
  private final ArrayDeque<Instant> sent = new ArrayDeque<>();
  private int serverMax = Integer.MAX_VALUE;
  private int serverRemaining = Integer.MAX_VALUE;
  private Instant serverUntil = Instant.MIN;
  private Instant blockedUntil = Instant.MIN;
  private LocalDate day;
  private long usedToday;
  private Instant dailyBlockedUntil = Instant.MIN;

  /**
   * Creates a window.
   *
   * @param limit requests per 10 seconds
   * @param dailyCap requests per day, 0 for none
   * @param zone the account's zone
   */
  public RateWindow(int limit, long dailyCap, ZoneId zone) {
    this.limit = limit;
    this.dailyCap = dailyCap;
    this.zone = zone;
  }

  /** Why a request may not be sent now, and until when. */
  public enum Denial {
    /** The 10-second window is full. */
    WINDOW,
    /** The daily allowance is used up. */
    DAILY
  }

  /**
   * A refusal.
   *
   * @param denial which budget is exhausted
   * @param until when to try again
   */
  public record Refusal(Denial denial, Instant until) {}

  /** Takes one request from the budget, or says when to come back. */
  public synchronized Optional<Refusal> tryAcquire(Instant now) {
    rollDay(now);
    if (now.isBefore(dailyBlockedUntil)) {
      return Optional.of(new Refusal(Denial.DAILY, dailyBlockedUntil));
    }
    if (dailyCap > 0 && usedToday >= dailyCap) {
      dailyBlockedUntil = nextMidnight(now);
      return Optional.of(new Refusal(Denial.DAILY, dailyBlockedUntil));
    }
    if (now.isBefore(blockedUntil)) {
      return Optional.of(new Refusal(Denial.WINDOW, blockedUntil));
    }
    Instant windowStart = now.minus(WINDOW);
    while (!sent.isEmpty() && !sent.peekFirst().isAfter(windowStart)) {
      sent.pollFirst();
    }
    int effective = Math.min(limit, serverMax);
    if (sent.size() >= effective) {
      return Optional.of(new Refusal(Denial.WINDOW, sent.peekFirst().plus(WINDOW)));
    }
    if (now.isBefore(serverUntil) && serverRemaining <= 0) {
      return Optional.of(new Refusal(Denial.WINDOW, serverUntil));
    }
    sent.addLast(now);
    usedToday++;
    if (now.isBefore(serverUntil)) {
      serverRemaining--;
    }
    return Optional.empty();
  }

  /**
   * Corrects the local count from the rate-limit headers of a response (each may be absent).
   *
   * @param now when the response arrived
   * @param max {@code X-HubSpot-RateLimit-Max}
   * @param remaining {@code X-HubSpot-RateLimit-Remaining}
   * @param intervalMillis {@code X-HubSpot-RateLimit-Interval-Milliseconds}
   * @param dailyRemaining {@code X-HubSpot-RateLimit-Daily-Remaining}
   */
  public synchronized void observe(
      Instant now,
      Optional<Long> max,
      Optional<Long> remaining,
      Optional<Long> intervalMillis,
      Optional<Long> dailyRemaining) {
    max.ifPresent(m -> serverMax = (int) Math.max(1, Math.min(Integer.MAX_VALUE, m)));
    if (remaining.isPresent()) {
      serverRemaining = (int) Math.max(0, Math.min(Integer.MAX_VALUE, remaining.get()));
      serverUntil = now.plus(Duration.ofMillis(intervalMillis.orElse(WINDOW.toMillis())));
    }
    if (dailyRemaining.isPresent() && dailyRemaining.get() <= 0) {
      dailyBlockedUntil = nextMidnight(now);
    }
  }

  /** Blocks the window until {@code until} (after a 429 for the 10-second policy). */
  public synchronized void blockWindow(Instant until) {
    if (until.isAfter(blockedUntil)) {
      blockedUntil = until;
    }
  }

  /** Blocks until the account's next midnight (after a 429 for the daily policy); returns it. */
  public synchronized Instant blockDay(Instant now) {
    dailyBlockedUntil = nextMidnight(now);
    return dailyBlockedUntil;
  }

  /** The account-local midnight after {@code now}. */
  public Instant nextMidnight(Instant now) {
    return now.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
  }

  private void rollDay(Instant now) {
    LocalDate today = now.atZone(zone).toLocalDate();
    if (!today.equals(day)) {
      day = today;
      usedToday = 0;
    }
  }
}
