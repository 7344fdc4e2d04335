package dev.journey.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.SubjectRef;
import dev.journey.core.spi.InboxRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The open-addressing inbox behaves like a {@link HashMap} from signal id to record under any
 * sequence of adds, lookups, purges by receipt time and removals by subject: with one segment (so
 * that probe runs, growth and backward-shift deletion happen often), ids that share a {@code
 * String.hashCode}, and the default 64 segments.
 */
final class InboxTableProperties {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final List<String> IDS = ids();

  /** 64 ids of equal {@code String.hashCode} ("Aa" and "BB" collide) and 300 ordinary ones. */
  private static List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (int bits = 0; bits < 64; bits++) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 6; i++) {
        b.append((bits >> i & 1) == 0 ? "Aa" : "BB");
      }
      ids.add(b.toString());
    }
    for (int i = 0; i < 300; i++) {
      ids.add("s-" + i);
    }
    return List.copyOf(ids);
  }

  sealed interface Op permits Put, Get, Purge, RemoveSubject {}

  record Put(int id, int subject, long fingerprint, int minute) implements Op {}

  record Get(int id) implements Op {}

  record Purge(int minute) implements Op {}

  record RemoveSubject(int subject, boolean byFilter) implements Op {}

  @Provide
  Arbitrary<List<Op>> operations() {
    Arbitrary<Integer> id = Arbitraries.integers().between(0, IDS.size() - 1);
    Arbitrary<Op> put =
        Combinators.combine(
                id,
                Arbitraries.integers().between(0, 7),
                Arbitraries.longs(),
                Arbitraries.integers().between(0, 100))
            .as(Put::new);
    Arbitrary<Op> get = id.map(Get::new);
    Arbitrary<Op> purge = Arbitraries.integers().between(0, 110).map(Purge::new);
    Arbitrary<Op> remove =
        Combinators.combine(Arbitraries.integers().between(0, 7), Arbitraries.of(true, false))
            .as(RemoveSubject::new);
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(12, put),
            net.jqwik.api.Tuple.of(6, get),
            net.jqwik.api.Tuple.of(1, purge),
            net.jqwik.api.Tuple.of(1, remove))
        .list()
        .ofMaxSize(600);
  }

  @Property(tries = 200)
  void should_agree_with_a_hash_map_when_one_segment_probes_grows_and_shifts(
      @ForAll("operations") List<Op> ops) {
    // given
    InboxTable table = new InboxTable(0, 0);
    // when / then
    runAgainstReference(table, ops);
  }

  @Property(tries = 100)
  void should_agree_with_a_hash_map_when_records_spread_over_64_segments(
      @ForAll("operations") List<Op> ops) {
    // given
    InboxTable table = new InboxTable(50);
    // when / then
    runAgainstReference(table, ops);
  }

  private static void runAgainstReference(InboxTable table, List<Op> ops) {
    Map<String, InboxRecord> reference = new HashMap<>();
    for (Op op : ops) {
      if (op instanceof Put p) {
        InboxRecord record = record(p);
        boolean expected = !reference.containsKey(record.signalId());
        if (expected) {
          reference.put(record.signalId(), record);
        }
        assertThat(table.putIfAbsent(record)).as("%s", op).isEqualTo(expected);
      } else if (op instanceof Get g) {
        String id = IDS.get(g.id());
        assertThat(table.get(id)).as("%s", op).isEqualTo(reference.get(id));
        assertThat(table.contains(id)).isEqualTo(reference.containsKey(id));
      } else if (op instanceof Purge p) {
        // cutoffs inside a second too: records of one minute differ in their nanoseconds
        Instant cutoff = T0.plusSeconds(60L * p.minute()).plusNanos(p.minute() % 3 * 100L);
        int before = reference.size();
        reference.values().removeIf(r -> r.receivedAt().isBefore(cutoff));
        assertThat(table.purgeBefore(cutoff)).as("%s", op).isEqualTo(before - reference.size());
      } else if (op instanceof RemoveSubject r) {
        SubjectRef subject = subject(r.subject());
        int before = reference.size();
        reference.values().removeIf(x -> x.subject().equals(subject));
        int removed =
            r.byFilter()
                ? table.removeIf(x -> x.subject().equals(subject))
                : table.removeSubject(subject);
        assertThat(removed).as("%s", op).isEqualTo(before - reference.size());
      }
      assertThat(table.size()).isEqualTo(reference.size());
    }
    // every id, held or not, answers as the reference does
    for (String id : IDS) {
      assertThat(table.get(id)).as(id).isEqualTo(reference.get(id));
    }
  }

  private static SubjectRef subject(int n) {
    return SubjectRef.contact(Integer.toString(n));
  }

  private static InboxRecord record(Put p) {
    String fingerprint = String.format("%016x%016x", p.fingerprint(), ~p.fingerprint() * 31);
    return new InboxRecord(
        IDS.get(p.id()), subject(p.subject()), Optional.of(fingerprint),
        T0.plusSeconds(60L * p.minute()).plusNanos(p.id()));
  }

  @Property(tries = 200)
  void should_give_back_the_fingerprint_it_was_given_when_it_is_32_hex_digits(
      @ForAll long hi, @ForAll long lo) {
    // given
    String hex = String.format("%016x%016x", hi, lo);
    // when
    String back = InboxTable.hex(InboxTable.parseHex(hex, 0), InboxTable.parseHex(hex, 16));
    // then
    assertThat(back).isEqualTo(hex);
  }

  @Example
  void should_refuse_a_record_when_its_fingerprint_is_not_32_lower_case_hex_digits() {
    // given
    InboxTable table = new InboxTable(0);
    InboxRecord upper =
        new InboxRecord("a", subject(1), Optional.of("ABCDEF0123456789abcdef0123456789"), T0);
    InboxRecord none = new InboxRecord("b", subject(1), Optional.empty(), T0);
    // when / then
    assertThatThrownBy(() -> table.putIfAbsent(upper))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 lower-case hexadecimal digits")
        .hasMessageContaining("ABCDEF");
    assertThatThrownBy(() -> table.putIfAbsent(none))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no fingerprint");
    assertThat(table.size()).isZero();
  }

  @Example
  void should_keep_every_record_when_it_grows_far_past_its_presized_capacity() {
    // given
    InboxTable table = new InboxTable(0, 0);
    // when
    for (int i = 0; i < 5_000; i++) {
      table.putIfAbsent("g-" + i, subject(i % 10), String.format("%032x", i), T0.plusSeconds(i));
    }
    // then
    assertThat(table.size()).isEqualTo(5_000);
    assertThat(table.get("g-4999").receivedAt()).isEqualTo(T0.plusSeconds(4999));
    assertThat(table.purgeBefore(T0.plusSeconds(2500))).isEqualTo(2500);
    assertThat(table.contains("g-2499")).isFalse();
    assertThat(table.contains("g-2500")).isTrue();
    assertThat(table.purgeBefore(T0.plusSeconds(2500))).isZero();
  }

  @Property(tries = 200)
  void should_keep_a_segment_near_2048_expected_records_when_the_inbox_is_large(
      @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = Integer.MAX_VALUE) int expected) {
    // when
    int bits = InboxTable.segmentBitsFor(expected);
    // then: 64 segments at least, 1,024 at most, and no more than needed for 2,048 per segment
    assertThat(bits).isBetween(6, 10);
    if (bits < 10) {
      assertThat((long) expected).isLessThanOrEqualTo(2048L << bits);
    }
    if (bits > 6) {
      assertThat((long) expected).isGreaterThan(2048L << (bits - 1));
    }
  }

  @Example
  void should_size_the_default_and_the_steady_benchmark_inboxes_with_64_segments() {
    // when / then: the sizes of before keep their layout
    assertThat(InboxTable.segmentBitsFor(4096)).isEqualTo(6);
    assertThat(InboxTable.segmentBitsFor(116_384)).isEqualTo(6);
    assertThat(InboxTable.segmentBitsFor(1_000_000)).isEqualTo(9);
    assertThat(InboxTable.segmentBitsFor(100_000_000)).isEqualTo(10);
  }
}
