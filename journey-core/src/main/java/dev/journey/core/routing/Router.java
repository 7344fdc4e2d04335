package dev.journey.core.routing;

import dev.journey.core.internal.Checks;
import dev.journey.core.spi.DecisionStage;
import dev.journey.core.spi.SharedState;
import dev.journey.core.state.JourneySnapshot;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Applies {@link RoutingPolicy routing policies} against an {@link OwnerDirectory}. Round-robin
 * positions and capacity counters live in the engine's shared state ({@link
 * DecisionStage.Context#readShared}), so they are committed with compare-and-set in the same
 * atomic commit as the decision that used them: concurrent decisions never take the same slot or
 * exceed a cap, and a redelivered signal does not advance a pointer twice.
 *
 * <p>Weighted round robin is "smooth" (as in nginx): each eligible member gains its weight, the
 * member with the highest running total is picked and loses the sum of eligible weights. Over a
 * cycle of total weight {@code W} each member is picked exactly {@code weight} times; members
 * who are unavailable neither gain nor lose, so they do not come back to a burst of catch-up
 * work.
 *
 * <p>Shared keys: {@code routing:pool:<pool>} (values {@code cw:<owner>} running totals and
 * {@code n:<owner>} assignment counts) and {@code routing:capacity:<owner>} (values {@code day},
 * {@code dayCount}, {@code week}, {@code weekCount}, days as epoch days in the owner's zone).
 *
 * <p>Immutable and thread-safe.
 */
public final class Router {
  /** The prefix of round-robin shared keys. */
  public static final String POOL_KEY_PREFIX = "routing:pool:";
  /** The prefix of capacity shared keys. */
  public static final String CAPACITY_KEY_PREFIX = "routing:capacity:";
  /**
   * The prefix of the stage-input facts routing notes about each owner it considers ({@code
   * owner.<id>}: {@code available} or why not, and the caps counted against).
   */
  public static final String OWNER_FACT = "owner.";
  /** The prefix of the stage-input facts routing notes about each pool it uses: members and weights. */
  public static final String POOL_FACT = "pool.";

  private static final String NOT_IN_DIRECTORY = "not in the directory";

  private final OwnerDirectory directory;
  private final Map<String, RoutingPolicy> policies;

  private Router(Builder b) {
    this.directory = b.directory;
    this.policies = Collections.unmodifiableMap(new LinkedHashMap<>(b.policies));
  }

  /** Starts a router. */
  public static Builder builder() {
    return new Builder();
  }

  /** The directory. */
  public OwnerDirectory directory() {
    return directory;
  }

  /** The policy of that name, if any. */
  public Optional<RoutingPolicy> policy(String name) {
    return Optional.ofNullable(policies.get(name));
  }

  /** The policy names. */
  public Set<String> policyNames() {
    return policies.keySet();
  }

  /**
   * Routes the context's subject with {@code policy}, never to an owner in {@code excluded}.
   * Reads and writes shared state through {@code context}.
   *
   * @throws IllegalArgumentException when the policy is unknown
   */
  public Assignment route(String policy, DecisionStage.Context context, Set<String> excluded) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(excluded, "excluded");
    RoutingPolicy p = policies.get(Checks.notBlank(policy, "policy"));
    if (p == null) {
      throw new IllegalArgumentException(
          "policy must be one of " + policies.keySet() + ", but was '" + policy + "'");
    }
    List<String> notes = new ArrayList<>();
    Optional<Assignment> found = firstAssignment(p, context, excluded, notes);
    if (found.isPresent()) {
      Assignment a = found.get();
      return notes.isEmpty()
          ? a
          : new Assignment(
              a.ownerId(), a.step(), a.pool(), a.reason() + " (before: " + String.join("; ", notes) + ")");
    }
    return new Assignment(
        p.fallbackQueue(),
        Assignment.Step.FALLBACK,
        Optional.empty(),
        "fallback queue " + p.fallbackQueue() + (notes.isEmpty() ? "" : "; " + String.join("; ", notes)));
  }

  private Optional<Assignment> firstAssignment(
      RoutingPolicy p, DecisionStage.Context context, Set<String> excluded, List<String> notes) {
    for (RoutingPolicy.Step step : p.steps()) {
      if (step instanceof RoutingPolicy.Sticky sticky) {
        Optional<Assignment> a = sticky(sticky, context, excluded, notes);
        if (a.isPresent()) {
          return a;
        }
      } else if (step instanceof RoutingPolicy.Match match) {
        Optional<String> value = value(context, match.attribute());
        if (value.isEmpty()) {
          notes.add(match.label() + ": no " + match.attribute());
          continue;
        }
        String pool = match.table().get(value.get());
        if (pool == null) {
          notes.add(match.label() + ": no pool for " + match.attribute() + "=" + value.get());
          continue;
        }
        Optional<Assignment> a =
            roundRobin(
                pool,
                match.label() + " " + match.attribute() + "=" + value.get() + " -> ",
                Assignment.Step.MATCH,
                owner -> true,
                context,
                excluded,
                notes);
        if (a.isPresent()) {
          return a;
        }
      } else if (step instanceof RoutingPolicy.Coverage coverage) {
        Optional<String> value = value(context, coverage.attribute());
        if (value.isEmpty()) {
          notes.add(coverage.label() + ": no " + coverage.attribute());
          continue;
        }
        String wanted = value.get();
        Optional<Assignment> a =
            roundRobin(
                coverage.pool(),
                coverage.label() + " " + coverage.attribute() + "=" + wanted + " -> ",
                Assignment.Step.MATCH,
                owner -> (coverage.regions() ? owner.regions() : owner.segments()).contains(wanted),
                context,
                excluded,
                notes);
        if (a.isPresent()) {
          return a;
        }
      } else {
        String pool = ((RoutingPolicy.RoundRobin) step).pool();
        Optional<Assignment> a =
            roundRobin(pool, "", Assignment.Step.ROUND_ROBIN, owner -> true, context, excluded, notes);
        if (a.isPresent()) {
          return a;
        }
      }
    }
    return Optional.empty();
  }

  private Optional<Assignment> sticky(
      RoutingPolicy.Sticky step,
      DecisionStage.Context context,
      Set<String> excluded,
      List<String> notes) {
    for (String property : step.properties()) {
      Optional<String> ownerId = value(context, property);
      if (ownerId.isEmpty()) {
        continue;
      }
      String id = ownerId.get();
      if (excluded.contains(id)) {
        notes.add("sticky " + property + " " + id + ": excluded");
        continue;
      }
      Optional<Owner> owner = directory.owner(id);
      if (owner.isEmpty()) {
        context.noteInput(OWNER_FACT + id, NOT_IN_DIRECTORY);
        notes.add("sticky " + property + " " + id + ": not in the directory");
        continue;
      }
      Optional<String> why = owner.get().unavailability(context.now());
      noteOwner(context, owner.get(), why);
      if (why.isPresent()) {
        notes.add("sticky " + property + " " + id + ": " + why.get());
        continue;
      }
      countAssignment(owner.get(), context);
      return Optional.of(
          new Assignment(id, Assignment.Step.STICKY, Optional.empty(), "sticky " + property + " " + id));
    }
    return Optional.empty();
  }

  private Optional<Assignment> roundRobin(
      String poolName,
      String prefix,
      Assignment.Step kind,
      java.util.function.Predicate<Owner> covers,
      DecisionStage.Context context,
      Set<String> excluded,
      List<String> notes) {
    Optional<Pool> pool = directory.pool(poolName);
    if (pool.isEmpty()) {
      notes.add(prefix + "pool " + poolName + ": not in the directory");
      return Optional.empty();
    }
    Instant now = context.now();
    context.noteInput(POOL_FACT + poolName, members(pool.get()));
    List<Pool.Member> eligible = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (Pool.Member member : pool.get().members()) {
      Optional<Owner> candidate = directory.owner(member.ownerId());
      if (candidate.isPresent() && !covers.test(candidate.get())) {
        continue;
      }
      String reason = ineligibility(member.ownerId(), excluded, context, now);
      if (reason == null) {
        eligible.add(member);
      } else {
        skipped.add(member.ownerId() + ": " + reason);
      }
    }
    String skippedText = skipped.isEmpty() ? "" : "; skipped " + String.join(", ", skipped);
    if (eligible.isEmpty() && skipped.isEmpty()) {
      notes.add(prefix + "round robin pool " + poolName + ": nobody covers it");
      return Optional.empty();
    }
    if (eligible.isEmpty()) {
      notes.add(prefix + "round robin pool " + poolName + ": nobody eligible" + skippedText);
      return Optional.empty();
    }
    String key = POOL_KEY_PREFIX + poolName;
    SharedState state = context.readShared(key);
    Map<String, Long> values = new LinkedHashMap<>(state.values());
    long total = 0;
    Pool.Member best = null;
    long bestValue = Long.MIN_VALUE;
    for (Pool.Member member : eligible) {
      total += member.weight();
      long current = values.getOrDefault("cw:" + member.ownerId(), 0L) + member.weight();
      values.put("cw:" + member.ownerId(), current);
      if (current > bestValue) {
        best = member;
        bestValue = current;
      }
    }
    values.put("cw:" + best.ownerId(), bestValue - total);
    values.merge("n:" + best.ownerId(), 1L, Long::sum);
    context.writeShared(key, values);
    countAssignment(directory.owner(best.ownerId()).orElseThrow(), context);
    return Optional.of(
        new Assignment(
            best.ownerId(),
            kind,
            Optional.of(poolName),
            String.format(
                Locale.ROOT,
                "%sround robin pool %s, weight %d%s",
                prefix,
                poolName,
                best.weight(),
                skippedText)));
  }

  /** Why an owner cannot take this assignment, or null. */
  private String ineligibility(
      String ownerId, Set<String> excluded, DecisionStage.Context context, Instant now) {
    if (excluded.contains(ownerId)) {
      return "excluded";
    }
    Optional<Owner> found = directory.owner(ownerId);
    if (found.isEmpty()) {
      context.noteInput(OWNER_FACT + ownerId, NOT_IN_DIRECTORY);
      return "not in the directory";
    }
    Owner owner = found.get();
    Optional<String> why = owner.unavailability(now);
    noteOwner(context, owner, why);
    if (why.isPresent()) {
      return why.get();
    }
    if (owner.dailyCap() == Owner.UNLIMITED && owner.weeklyCap() == Owner.UNLIMITED) {
      return null;
    }
    long[] used = usage(owner, context);
    if (used[0] >= owner.dailyCap()) {
      return "daily cap " + owner.dailyCap() + " reached";
    }
    if (used[1] >= owner.weeklyCap()) {
      return "weekly cap " + owner.weeklyCap() + " reached";
    }
    return null;
  }

  /** Notes what routing saw of an owner: available or why not, and the caps it counts against. */
  private static void noteOwner(DecisionStage.Context context, Owner owner, Optional<String> unavailability) {
    String caps =
        owner.dailyCap() == Owner.UNLIMITED && owner.weeklyCap() == Owner.UNLIMITED
            ? ""
            : String.format(
                Locale.ROOT, "; caps %s/day %s/week in %s", cap(owner.dailyCap()), cap(owner.weeklyCap()),
                owner.calendar().zone());
    context.noteInput(OWNER_FACT + owner.id(), unavailability.orElse("available") + caps);
  }

  private static String cap(int cap) {
    return cap == Owner.UNLIMITED ? "-" : Integer.toString(cap);
  }

  /** A pool's members and weights, in pool order: {@code o-1*2,o-2*1}. */
  private static String members(Pool pool) {
    StringBuilder out = new StringBuilder();
    for (Pool.Member m : pool.members()) {
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(m.ownerId()).append('*').append(m.weight());
    }
    return out.toString();
  }

  /** Today's and this week's assignment counts of an owner. */
  private static long[] usage(Owner owner, DecisionStage.Context context) {
    SharedState state = context.readShared(CAPACITY_KEY_PREFIX + owner.id());
    LocalDate today = LocalDate.ofInstant(context.now(), owner.calendar().zone());
    long day = today.toEpochDay();
    long week = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toEpochDay();
    long dayCount = state.value("day") == day ? state.value("dayCount") : 0;
    long weekCount = state.value("week") == week ? state.value("weekCount") : 0;
    return new long[] {dayCount, weekCount, day, week};
  }

  private static void countAssignment(Owner owner, DecisionStage.Context context) {
    if (owner.dailyCap() == Owner.UNLIMITED && owner.weeklyCap() == Owner.UNLIMITED) {
      return;
    }
    long[] used = usage(owner, context);
    context.writeShared(
        CAPACITY_KEY_PREFIX + owner.id(),
        Map.of("day", used[2], "dayCount", used[0] + 1, "week", used[3], "weekCount", used[1] + 1));
  }

  private static Optional<String> value(DecisionStage.Context context, String name) {
    if (RoutingPolicy.ACCOUNT_OWNER.equals(name)) {
      return context.account().flatMap(a -> a.property(JourneySnapshot.OWNER)).filter(s -> !s.isBlank());
    }
    Optional<String> property = context.snapshot().property(name);
    if (property.isPresent() && !property.get().isBlank()) {
      return property;
    }
    return context.signal().stringAttribute(name).filter(s -> !s.isBlank());
  }

  /** Configures a {@link Router}. Not thread-safe. */
  public static final class Builder {
    private OwnerDirectory directory;
    private final Map<String, RoutingPolicy> policies = new LinkedHashMap<>();

    Builder() {}

    /** The owner directory (required). */
    public Builder directory(OwnerDirectory directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Adds a policy.
     *
     * @throws IllegalArgumentException when a policy of that name was already added
     */
    public Builder policy(RoutingPolicy policy) {
      Objects.requireNonNull(policy, "policy");
      if (policies.putIfAbsent(policy.name(), policy) != null) {
        throw new IllegalArgumentException(
            "policy name must be unique, but '" + policy.name() + "' was added twice");
      }
      return this;
    }

    /**
     * Builds the router.
     *
     * @throws IllegalStateException when no directory or no policy was set
     */
    public Router build() {
      if (directory == null) {
        throw new IllegalStateException("a router needs a directory(...)");
      }
      if (policies.isEmpty()) {
        throw new IllegalStateException("a router needs at least one policy(...)");
      }
      return new Router(this);
    }
  }
}
