package dev.journey.core.routing;

import dev.journey.core.calendar.BusinessCalendar;
import dev.journey.core.internal.Checks;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A person (or queue) work can be routed to, with availability and capacity.
 *
 * <p>An owner is <em>available</em> at an instant when online, not out of office, and within the
 * working hours of their calendar (holidays included). Capacity caps limit assignments per local
 * day and per ISO week in the owner's calendar zone; {@link #UNLIMITED} means no cap.
 *
 * @param id the owner id (e.g. a HubSpot owner id)
 * @param team the team, empty for none
 * @param managerId the manager's owner id, empty for none
 * @param calendar working hours, time zone and holidays
 * @param regions the territories/regions the owner covers
 * @param segments the segments/products the owner covers
 * @param online whether the owner takes work at all (a manual "available" toggle)
 * @param outOfOffice out-of-office ranges
 * @param dailyCap the most assignments per local day
 * @param weeklyCap the most assignments per ISO week
 */
public record Owner(
    String id,
    String team,
    String managerId,
    BusinessCalendar calendar,
    Set<String> regions,
    Set<String> segments,
    boolean online,
    List<Absence> outOfOffice,
    int dailyCap,
    int weeklyCap) {

  /** The cap value meaning "no cap". */
  public static final int UNLIMITED = Integer.MAX_VALUE;

  /** Validates and copies. */
  public Owner {
    Checks.notBlank(id, "id");
    Checks.notNull(team, "team");
    Checks.notNull(managerId, "managerId");
    Objects.requireNonNull(calendar, "calendar");
    regions = Collections.unmodifiableSet(new TreeSet<>(regions));
    segments = Collections.unmodifiableSet(new TreeSet<>(segments));
    outOfOffice = List.copyOf(outOfOffice);
    Checks.atLeast(dailyCap, 1, "dailyCap");
    Checks.atLeast(weeklyCap, 1, "weeklyCap");
  }

  /** Starts an owner that is online, always in, uncapped, with no team or manager. */
  public static Builder builder(String id, BusinessCalendar calendar) {
    return new Builder(id, calendar);
  }

  /** The manager's id, if any. */
  public Optional<String> manager() {
    return managerId.isEmpty() ? Optional.empty() : Optional.of(managerId);
  }

  /**
   * Why the owner cannot take work at {@code now}, or empty when available: {@code offline},
   * {@code out of office until <instant>}, {@code holiday <date>}, {@code outside working hours}.
   */
  public Optional<String> unavailability(Instant now) {
    Objects.requireNonNull(now, "now");
    if (!online) {
      return Optional.of("offline");
    }
    for (Absence absence : outOfOffice) {
      if (absence.covers(now)) {
        return Optional.of("out of office until " + absence.to());
      }
    }
    LocalDate date = LocalDate.ofInstant(now, calendar.zone());
    if (calendar.isHoliday(date)) {
      return Optional.of("holiday " + date);
    }
    if (!calendar.isWorkingTime(now)) {
      return Optional.of("outside working hours");
    }
    return Optional.empty();
  }

  /**
   * An out-of-office range, {@code [from, to)}.
   *
   * @param from the first absent instant
   * @param to the instant the owner is back
   */
  public record Absence(Instant from, Instant to) {
    /** Validates. */
    public Absence {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      if (!to.isAfter(from)) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "to must be after from (%s), but was %s", from, to));
      }
    }

    /** Returns {@code true} when {@code instant} lies in the range. */
    public boolean covers(Instant instant) {
      return !instant.isBefore(from) && instant.isBefore(to);
    }
  }

  /** Builds an {@link Owner}. Setters validate immediately. Not thread-safe. */
  public static final class Builder {
    private final String id;
    private final BusinessCalendar calendar;
    private String team = "";
    private String managerId = "";
    private final Set<String> regions = new TreeSet<>();
    private final Set<String> segments = new TreeSet<>();
    private boolean online = true;
    private final List<Absence> outOfOffice = new ArrayList<>();
    private int dailyCap = UNLIMITED;
    private int weeklyCap = UNLIMITED;

    Builder(String id, BusinessCalendar calendar) {
      this.id = Checks.notBlank(id, "id");
      this.calendar = Objects.requireNonNull(calendar, "calendar");
    }

    /** The team. */
    public Builder team(String team) {
      this.team = Checks.notBlank(team, "team");
      return this;
    }

    /** The manager's owner id. */
    public Builder manager(String managerId) {
      this.managerId = Checks.notBlank(managerId, "managerId");
      return this;
    }

    /** Adds covered regions. */
    public Builder regions(String... names) {
      for (String name : names) {
        regions.add(Checks.notBlank(name, "region"));
      }
      return this;
    }

    /** Adds covered segments. */
    public Builder segments(String... names) {
      for (String name : names) {
        segments.add(Checks.notBlank(name, "segment"));
      }
      return this;
    }

    /** Whether the owner takes work; default {@code true}. */
    public Builder online(boolean online) {
      this.online = online;
      return this;
    }

    /** Adds an out-of-office range {@code [from, to)}. */
    public Builder outOfOffice(Instant from, Instant to) {
      outOfOffice.add(new Absence(from, to));
      return this;
    }

    /**
     * The most assignments per local day; default {@link #UNLIMITED}.
     *
     * @throws IllegalArgumentException when below 1
     */
    public Builder dailyCap(int cap) {
      this.dailyCap = (int) Checks.atLeast(cap, 1, "dailyCap");
      return this;
    }

    /**
     * The most assignments per ISO week; default {@link #UNLIMITED}.
     *
     * @throws IllegalArgumentException when below 1
     */
    public Builder weeklyCap(int cap) {
      this.weeklyCap = (int) Checks.atLeast(cap, 1, "weeklyCap");
      return this;
    }

    /** Builds the owner. */
    public Owner build() {
      return new Owner(
          id, team, managerId, calendar, regions, segments, online, outOfOffice, dailyCap,
          weeklyCap);
    }
  }
}
