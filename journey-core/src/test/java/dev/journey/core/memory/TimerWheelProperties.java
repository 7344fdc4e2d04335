package dev.journey.core.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.ObjectType;
import dev.journey.core.SubjectRef;
import dev.journey.core.spi.DueTimer;
import dev.journey.core.state.PendingTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The timer wheel claims, leases, parks and reports the next due time exactly like the former
 * index, a map ordered by due time, subject, name and generation, under any sequence of schedules
 * (overdue, within the current slot, across slot boundaries, years ahead), cancels, re-schedules,
 * claims with leases and limits while time advances in small steps and far jumps, parking and
 * removal by subject.
 */
final class TimerWheelProperties {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final List<SubjectRef> SUBJECTS =
      List.of(
          new SubjectRef(ObjectType.CONTACT, "1"),
          new SubjectRef(ObjectType.CONTACT, "2"),
          new SubjectRef(ObjectType.CONTACT, "10"),
          new SubjectRef(ObjectType.COMPANY, "1"));
  private static final List<String> NAMES = List.of("sla", "nudge", "a");

  sealed interface Op permits Schedule, Cancel, Claim, Advance, Park, Release, RemoveSubject {}

  /** Schedules at the current time plus {@code offsetSeconds} (negative: overdue) plus nanos. */
  record Schedule(int subject, int name, int generation, long offsetSeconds, int nanos) implements Op {}

  record Cancel(int subject, int name, int generation) implements Op {}

  record Claim(int leaseSeconds, int limit, long aheadSeconds) implements Op {}

  record Advance(long seconds) implements Op {}

  record Park(int subject, int name, int generation) implements Op {}

  record Release(int subject, int name, int generation) implements Op {}

  record RemoveSubject(int subject) implements Op {}

  /** The former index's key order. */
  record Key(Instant dueAt, SubjectRef subject, String name, long generation)
      implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = dueAt.compareTo(o.dueAt);
      if (c == 0) {
        c = subject.compareTo(o.subject);
      }
      if (c == 0) {
        c = name.compareTo(o.name);
      }
      return c != 0 ? c : Long.compare(generation, o.generation);
    }
  }

  /** The reference: the skip list's semantics on a {@link TreeMap}. */
  static final class Model {
    final TreeMap<Key, DueTimer> timers = new TreeMap<>();
    final Map<Key, Instant> leases = new java.util.HashMap<>();
    final java.util.Set<Key> parked = new java.util.HashSet<>();

    Optional<Key> find(SubjectRef s, String name, long generation) {
      return timers.keySet().stream()
          .filter(k -> k.subject.equals(s) && k.name.equals(name) && k.generation == generation)
          .findFirst();
    }

    /** Same subject, name and generation: the same firing, so its lease and parking stay. */
    void schedule(SubjectRef s, PendingTimer t) {
      Key key = new Key(t.dueAt(), s, t.name(), t.generation());
      Optional<Key> old = find(s, t.name(), t.generation());
      Instant lease = old.map(leases::get).orElse(null);
      boolean wasParked = old.map(parked::contains).orElse(false);
      old.ifPresent(this::remove);
      timers.put(key, new DueTimer(s, t));
      if (lease != null) {
        leases.put(key, lease);
      }
      if (wasParked) {
        parked.add(key);
      }
    }

    void remove(Key k) {
      timers.remove(k);
      leases.remove(k);
      parked.remove(k);
    }

    List<DueTimer> claim(Instant now, Duration lease, int limit) {
      List<DueTimer> claimed = new ArrayList<>();
      for (Map.Entry<Key, DueTimer> e : timers.entrySet()) {
        if (claimed.size() >= limit || e.getKey().dueAt.isAfter(now)) {
          break;
        }
        Instant leased = leases.get(e.getKey());
        if (parked.contains(e.getKey()) || (leased != null && leased.isAfter(now))) {
          continue;
        }
        leases.put(e.getKey(), now.plus(lease));
        claimed.add(e.getValue());
      }
      return claimed;
    }

    int removeSubject(SubjectRef s) {
      int n = 0;
      for (Iterator<Key> it = timers.keySet().iterator(); it.hasNext(); ) {
        Key k = it.next();
        if (k.subject.equals(s)) {
          it.remove();
          leases.remove(k);
          parked.remove(k);
          n++;
        }
      }
      return n;
    }
  }

  @Provide
  Arbitrary<List<Op>> operations() {
    Arbitrary<Integer> subject = Arbitraries.integers().between(0, SUBJECTS.size() - 1);
    Arbitrary<Integer> name = Arbitraries.integers().between(0, NAMES.size() - 1);
    Arbitrary<Integer> generation = Arbitraries.integers().between(1, 4);
    Arbitrary<Long> offset =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.longs().between(-200, 200)), // overdue, this slot, the next
            Tuple.of(3, Arbitraries.longs().between(0, 20_000)), // hours: many slots
            Tuple.of(1, Arbitraries.longs().between(0, 10L * 365 * 86_400)), // years ahead
            Tuple.of(1, Arbitraries.of(0L, 63L, 64L, 65L, 127L, 128L))); // slot edges
    Arbitrary<Op> schedule =
        Combinators.combine(
                subject, name, generation, offset, Arbitraries.of(0, 1, 500_000_000, 999_999_999))
            .as(Schedule::new);
    Arbitrary<Op> cancel = Combinators.combine(subject, name, generation).as(Cancel::new);
    Arbitrary<Op> claim =
        Combinators.combine(
                Arbitraries.integers().between(1, 600),
                Arbitraries.integers().between(1, 8),
                Arbitraries.of(0L, 1L, 30L, 64L, 300L, -5L))
            .as(Claim::new);
    Arbitrary<Op> advance =
        Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.longs().between(1, 120)),
                Tuple.of(2, Arbitraries.longs().between(100, 30_000)),
                Tuple.of(1, Arbitraries.longs().between(86_400, 11L * 365 * 86_400)))
            .map(Advance::new);
    Arbitrary<Op> park = Combinators.combine(subject, name, generation).as(Park::new);
    Arbitrary<Op> release = Combinators.combine(subject, name, generation).as(Release::new);
    Arbitrary<Op> remove = subject.map(RemoveSubject::new);
    return Arbitraries.frequencyOf(
            Tuple.of(10, schedule),
            Tuple.of(4, cancel),
            Tuple.of(6, claim),
            Tuple.of(4, advance),
            Tuple.of(1, park),
            Tuple.of(1, release),
            Tuple.of(1, remove))
        .list()
        .ofMaxSize(300);
  }

  @Property(tries = 400)
  void should_behave_like_the_ordered_map_when_any_operations_run(
      @ForAll("operations") List<Op> ops) {
    // given
    TimerWheel wheel = new TimerWheel();
    Model model = new Model();
    Instant now = T0;
    // when / then
    for (Op op : ops) {
      if (op instanceof Schedule s) {
        SubjectRef subject = SUBJECTS.get(s.subject());
        PendingTimer timer =
            new PendingTimer(
                NAMES.get(s.name()),
                now.plusSeconds(s.offsetSeconds()).plusNanos(s.nanos()),
                s.generation(),
                Map.of());
        wheel.schedule(subject, timer);
        model.schedule(subject, timer);
      } else if (op instanceof Cancel c) {
        SubjectRef subject = SUBJECTS.get(c.subject());
        String name = NAMES.get(c.name());
        Optional<Key> key = model.find(subject, name, c.generation());
        key.ifPresent(model::remove);
        assertThat(wheel.cancel(subject, name, c.generation())).isEqualTo(key.isPresent());
      } else if (op instanceof Claim c) {
        Instant at = now.plusSeconds(c.aheadSeconds());
        Duration lease = Duration.ofSeconds(c.leaseSeconds());
        assertThat(wheel.claim(at, lease, c.limit()))
            .as("claim at %s", at)
            .containsExactlyElementsOf(model.claim(at, lease, c.limit()));
      } else if (op instanceof Advance a) {
        now = now.plusSeconds(a.seconds());
      } else if (op instanceof Park p) {
        Optional<Key> key =
            model.find(SUBJECTS.get(p.subject()), NAMES.get(p.name()), p.generation());
        key.ifPresent(model.parked::add);
        key.ifPresent(k -> wheel.park(model.timers.get(k).signalId()));
      } else if (op instanceof Release r) {
        Optional<Key> key =
            model.find(SUBJECTS.get(r.subject()), NAMES.get(r.name()), r.generation());
        key.ifPresent(
            k -> {
              model.parked.remove(k);
              model.leases.remove(k);
              wheel.release(model.timers.get(k).signalId());
            });
      } else if (op instanceof RemoveSubject r) {
        SubjectRef subject = SUBJECTS.get(r.subject());
        assertThat(wheel.removeSubject(subject)).isEqualTo(model.removeSubject(subject));
      }
      assertThat(wheel.nextDue())
          .isEqualTo(model.timers.isEmpty() ? Optional.empty() : Optional.of(model.timers.firstKey().dueAt));
      assertThat(wheel.size()).isEqualTo(model.timers.size());
    }
  }

  @Example
  void should_fire_in_due_then_subject_then_name_then_generation_order_when_a_slot_is_reached() {
    // given
    TimerWheel wheel = new TimerWheel();
    Instant due = T0.plusSeconds(3_600);
    SubjectRef a = SUBJECTS.get(0);
    SubjectRef b = SUBJECTS.get(1);
    wheel.schedule(b, new PendingTimer("sla", due, 1, Map.of()));
    wheel.schedule(a, new PendingTimer("sla", due, 2, Map.of()));
    wheel.schedule(a, new PendingTimer("nudge", due, 1, Map.of()));
    wheel.schedule(a, new PendingTimer("sla", due, 1, Map.of()));
    wheel.schedule(b, new PendingTimer("sla", due.minusNanos(1), 9, Map.of()));
    // when
    List<DueTimer> fired = wheel.claim(due, Duration.ofMinutes(1), 10);
    // then
    assertThat(fired)
        .extracting(t -> t.subject().id() + "/" + t.timer().name() + "/" + t.timer().generation())
        .containsExactly("2/sla/9", "1/nudge/1", "1/sla/1", "1/sla/2", "2/sla/1");
  }

  @Example
  void should_fire_a_timer_years_ahead_when_the_clock_jumps_past_it() {
    // given
    TimerWheel wheel = new TimerWheel();
    SubjectRef subject = SUBJECTS.get(0);
    PendingTimer far = new PendingTimer("renewal", T0.plus(Duration.ofDays(3_650)), 1, Map.of());
    wheel.schedule(subject, far);
    // when
    List<DueTimer> early = wheel.claim(T0.plus(Duration.ofDays(3_649)), Duration.ofMinutes(1), 10);
    List<DueTimer> late = wheel.claim(T0.plus(Duration.ofDays(4_000)), Duration.ofMinutes(1), 10);
    // then
    assertThat(early).isEmpty();
    assertThat(late).containsExactly(new DueTimer(subject, far));
    assertThat(wheel.nextDue()).contains(far.dueAt());
  }

  @Example
  void should_report_nothing_due_when_every_timer_of_the_earliest_slot_was_cancelled() {
    // given
    TimerWheel wheel = new TimerWheel();
    SubjectRef subject = SUBJECTS.get(0);
    wheel.schedule(subject, new PendingTimer("sla", T0.plusSeconds(100), 1, Map.of()));
    wheel.schedule(subject, new PendingTimer("nudge", T0.plusSeconds(10_000), 1, Map.of()));
    // when
    wheel.cancel(subject, "sla", 1);
    // then
    assertThat(wheel.nextDue()).contains(T0.plusSeconds(10_000));
    wheel.cancel(subject, "nudge", 1);
    assertThat(wheel.nextDue()).isEmpty();
    assertThat(wheel.size()).isZero();
  }

  @Property(tries = 50)
  void should_find_every_timer_again_when_thousands_share_the_table(
      @ForAll("counts") int count) {
    // given: enough timers to grow the entry and slot tables several times
    TimerWheel wheel = new TimerWheel();
    for (int i = 0; i < count; i++) {
      wheel.schedule(
          new SubjectRef(ObjectType.CONTACT, "c" + i),
          new PendingTimer("sla", T0.plusSeconds(i * 37L), 1, Map.of()));
    }
    // when: cancel every other one
    int cancelled = 0;
    for (int i = 0; i < count; i += 2) {
      if (wheel.cancel(new SubjectRef(ObjectType.CONTACT, "c" + i), "sla", 1)) {
        cancelled++;
      }
    }
    // then
    assertThat(cancelled).isEqualTo((count + 1) / 2);
    assertThat(wheel.size()).isEqualTo(count / 2);
    List<DueTimer> all = wheel.claim(T0.plusSeconds(count * 37L), Duration.ofMinutes(1), count);
    assertThat(all).hasSize(count / 2);
    assertThat(all).extracting(t -> t.timer().dueAt()).isSorted();
  }

  @Provide
  Arbitrary<Integer> counts() {
    return Arbitraries.integers().between(1, 5_000);
  }
}
