package dev.journey.core.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.SubjectRef;
import dev.journey.core.action.Notify;
import dev.journey.core.spi.OutboxEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * A subject's outbox queue behaves like the {@code TreeMap<Long, OutboxEntry>} it replaced under
 * any sequence of appends, out-of-order inserts (a merge's re-keyed entries), replacements,
 * removals by sequence and by action id.
 */
final class OutboxQueueProperties {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final SubjectRef LEAD = SubjectRef.contact("1");

  sealed interface Op permits Put, Remove, RemoveAction {}

  /** Puts an entry of that sequence; {@code attempts} tells a replacement from the original. */
  record Put(long sequence, int attempts) implements Op {}

  record Remove(long sequence) implements Op {}

  record RemoveAction(long sequence) implements Op {}

  private static OutboxEntry entry(long sequence, int attempts) {
    return new OutboxEntry(new Notify("n-" + sequence, LEAD, "o-1", "hi"), sequence, T0, attempts, T0);
  }

  @Provide
  Arbitrary<List<Op>> operations() {
    Arbitrary<Long> sequence =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.longs().between(0, 40)),
            Tuple.of(1, Arbitraries.longs().between(0, 1L << 40)));
    Arbitrary<Op> put =
        Combinators.combine(sequence, Arbitraries.integers().between(0, 3)).as(Put::new);
    Arbitrary<Op> remove = sequence.map(Remove::new);
    Arbitrary<Op> removeAction = sequence.map(RemoveAction::new);
    return Arbitraries.frequencyOf(Tuple.of(6, put), Tuple.of(2, remove), Tuple.of(1, removeAction))
        .list()
        .ofMaxSize(200);
  }

  @Property(tries = 300)
  void should_behave_like_a_tree_map_by_sequence_when_any_operations_run(
      @ForAll("operations") List<Op> ops) {
    // given
    OutboxQueue queue = new OutboxQueue();
    TreeMap<Long, OutboxEntry> model = new TreeMap<>();
    for (Op op : ops) {
      // when
      if (op instanceof Put p) {
        OutboxEntry e = entry(p.sequence(), p.attempts());
        queue.put(e);
        model.put(p.sequence(), e);
      } else if (op instanceof Remove r) {
        assertThat(queue.remove(r.sequence())).isEqualTo(model.remove(r.sequence()) != null);
      } else if (op instanceof RemoveAction r) {
        String actionId = entry(r.sequence(), 0).actionId();
        Long seq = null;
        for (Map.Entry<Long, OutboxEntry> e : model.entrySet()) {
          if (e.getValue().actionId().equals(actionId)) {
            seq = e.getKey();
            break;
          }
        }
        if (seq != null) {
          model.remove(seq);
        }
        assertThat(queue.removeAction(actionId)).isEqualTo(seq != null);
      }
      // then
      assertThat(queue.values()).containsExactlyElementsOf(new ArrayList<>(model.values()));
      assertThat(queue.size()).isEqualTo(model.size());
      assertThat(queue.isEmpty()).isEqualTo(model.isEmpty());
      if (!model.isEmpty()) {
        assertThat(queue.first()).isEqualTo(model.firstEntry().getValue());
        assertThat(queue.containsKey(model.lastKey())).isTrue();
      }
    }
  }
}
