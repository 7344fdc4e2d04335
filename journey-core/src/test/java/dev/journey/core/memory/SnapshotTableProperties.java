package dev.journey.core.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.SubjectRef;
import dev.journey.core.state.JourneySnapshot;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * A stripe's snapshot table behaves like a {@code HashMap<SubjectRef, JourneySnapshot>} under any
 * sequence of puts (new subjects, replacements), removals and lookups, through its growth and its
 * backward-shift deletions, with keys equal to but not the same object as the stored ones.
 */
final class SnapshotTableProperties {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  sealed interface Op permits Put, Remove, Get {}

  record Put(int subject, long version) implements Op {}

  record Remove(int subject) implements Op {}

  record Get(int subject) implements Op {}

  /** A fresh key object every time: the table must compare by equality, not identity. */
  private static SubjectRef subject(int n) {
    return n % 3 == 0 ? SubjectRef.company("c" + n) : SubjectRef.contact(Integer.toString(n));
  }

  private static JourneySnapshot snapshot(int subject, long version) {
    return JourneySnapshot.initial(subject(subject), "NEW", T0).toBuilder().version(version).build();
  }

  @Provide
  Arbitrary<List<Op>> operations() {
    // few subjects: replacements and removals of held keys; many: growth and long probe runs
    Arbitrary<Integer> subject =
        Arbitraries.frequencyOf(
            Tuple.of(2, Arbitraries.integers().between(0, 30)),
            Tuple.of(1, Arbitraries.integers().between(0, 5_000)));
    Arbitrary<Op> put =
        Combinators.combine(subject, Arbitraries.longs().between(1, 9)).as(Put::new);
    Arbitrary<Op> remove = subject.map(Remove::new);
    Arbitrary<Op> get = subject.map(Get::new);
    return Arbitraries.frequencyOf(Tuple.of(6, put), Tuple.of(3, remove), Tuple.of(2, get))
        .list()
        .ofMaxSize(400);
  }

  @Property(tries = 300)
  void should_behave_like_a_hash_map_when_any_operations_run(@ForAll("operations") List<Op> ops) {
    // given
    SnapshotTable table = new SnapshotTable();
    Map<SubjectRef, JourneySnapshot> model = new HashMap<>();
    for (Op op : ops) {
      // when
      if (op instanceof Put p) {
        JourneySnapshot s = snapshot(p.subject(), p.version());
        table.put(subject(p.subject()), s);
        model.put(subject(p.subject()), s);
      } else if (op instanceof Remove r) {
        // then
        assertThat(table.remove(subject(r.subject()))).isSameAs(model.remove(subject(r.subject())));
      } else if (op instanceof Get g) {
        assertThat(table.get(subject(g.subject()))).isSameAs(model.get(subject(g.subject())));
      }
      assertThat(table.size()).isEqualTo(model.size());
    }
    // then: every held entry is found, and nothing else is held
    Map<SubjectRef, JourneySnapshot> held = new HashMap<>();
    table.forEach(held::put);
    assertThat(held).isEqualTo(model);
    for (Map.Entry<SubjectRef, JourneySnapshot> e : model.entrySet()) {
      assertThat(table.get(e.getKey())).isSameAs(e.getValue());
    }
  }
}
