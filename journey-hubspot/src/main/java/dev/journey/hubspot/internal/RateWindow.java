package dev.journey.hubspot.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.PriorityQueue;
import java.util.Optional;

/**
 * One portal's request budget: a rolling 10-second window and a daily cap that resets at the
 * account's midnight, corrected by what HubSpot's rate-limit headers and 429s say. Thread-safe.
 * Not API.
 */
public final class RateWindow {
  /** HubSpot's burst window. */
  public static final Duration WINDOW = Duration.ofSeconds(10);

  /**
   * Extra time a request stays counted beyond {@link #WINDOW} after it was {@link #settle
   * settled}, for clock granularity and scheduling jitter.
   */
  public static final Duration MARGIN = Duration.ofMillis(25);

  private final int limit;
  private final long dailyCap;
  private final ZoneId zone;
  /**
   * Times still inside the window: when each own request was sent or, once it completed, when its
   * answer came (HubSpot counted it on arrival, which is no later); plus requests HubSpot counted
   * that were not sent from here.
   */
  private final PriorityQueue<Instant> sent = new PriorityQueue<>();
  private int serverMax = Integer.MAX_VALUE;
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

  /**
   * Takes one request from the budget at {@code now}, its send time, or says when to come back:
   * the moment the oldest counted request leaves the rolling window (never later). Call {@link
   * #settle} with the same instant when the request completed.
   */
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
    expire(now);
    if (sent.size() >= effectiveLimit()) {
      return Optional.of(new Refusal(Denial.WINDOW, sent.peek().plus(WINDOW).plus(MARGIN)));
    }
    sent.add(now);
    usedToday++;
    return Optional.empty();
  }

  /**
   * Moves a request granted at {@code sentAt} to when it completed ({@code doneAt}, the answer or
   * the failure): HubSpot counted it when it arrived, at some point in between, so counting it
   * from its completion is the earliest time that is surely safe to reuse its slot.
   */
  public synchronized void settle(Instant sentAt, Instant doneAt) {
    if (doneAt.isAfter(sentAt) && sent.remove(sentAt)) {
      sent.add(doneAt);
    }
  }

  /**
   * How long from {@code now} until {@code requests} more requests fit in the window (zero when
   * they fit now); the daily cap and 429 blocks are left to {@link #tryAcquire}.
   */
  public synchronized Duration waitForRoom(Instant now, int requests) {
    expire(now);
    int over = sent.size() + requests - effectiveLimit();
    if (over <= 0 || now.isBefore(blockedUntil)) {
      return Duration.ZERO;
    }
    if (requests > effectiveLimit()) {
      return Duration.ZERO;
    }
    PriorityQueue<Instant> copy = new PriorityQueue<>(sent);
    Instant free = now;
    for (int i = 0; i < over; i++) {
      free = copy.poll();
    }
    Duration wait = Duration.between(now, free.plus(WINDOW).plus(MARGIN));
    return wait.isNegative() ? Duration.ZERO : wait;
  }

  /** How many requests are counted in the window at {@code now}. */
  public synchronized int inWindow(Instant now) {
    expire(now);
    return sent.size();
  }

  private int effectiveLimit() {
    return Math.min(limit, serverMax);
  }

  private void expire(Instant now) {
    Instant cutoff = now.minus(WINDOW).minus(MARGIN);
    while (!sent.isEmpty() && !sent.peek().isAfter(cutoff)) {
      sent.poll();
    }
  }

  /**
   * Corrects the count from the rate-limit headers of a response (each may be absent): when
   * HubSpot counted more requests in the window than are counted here (another client on the
   * same app, a restart), the difference is counted as sent at this request's send time.
   *
   * @param sentAt when the request was sent
   * @param max {@code X-HubSpot-RateLimit-Max}
   * @param remaining {@code X-HubSpot-RateLimit-Remaining}
   * @param intervalMillis {@code X-HubSpot-RateLimit-Interval-Milliseconds}
   * @param dailyRemaining {@code X-HubSpot-RateLimit-Daily-Remaining}
   */
  public synchronized void observe(
      Instant sentAt,
      Optional<Long> max,
      Optional<Long> remaining,
      Optional<Long> intervalMillis,
      Optional<Long> dailyRemaining) {
    max.ifPresent(m -> serverMax = (int) Math.max(1, Math.min(Integer.MAX_VALUE, m)));
    if (max.isPresent() && remaining.isPresent()) {
      long serverUsed = Math.max(0, max.get() - remaining.get());
      // every request counted here (sent or settled later included): HubSpot cannot have seen more of ours
      Instant from = sentAt.minus(WINDOW);
      long ours = sent.stream().filter(t -> t.isAfter(from)).count();
      long missing = Math.min(serverUsed - ours, (long) effectiveLimit() - sent.size());
      for (long i = 0; i < missing; i++) {
        sent.add(sentAt);
      }
    }
    if (dailyRemaining.isPresent() && dailyRemaining.get() <= 0) {
      dailyBlockedUntil = nextMidnight(sentAt);
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
