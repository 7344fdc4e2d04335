package dev.journey.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * {@link OneEntryMap} behaves as {@code Map.of(k, v)}, the reference model, for every read: the
 * same lookups, walks, views, equality both ways, hash and text; and refuses every change.
 */
final class OneEntryMapProperties {

  @Property
  void should_read_as_map_of_one_entry_when_asked_about_any_key(
      @ForAll @AlphaChars @StringLength(max = 6) String key,
      @ForAll long value,
      @ForAll @AlphaChars @StringLength(max = 6) String probe) {
    // given
    Map<String, Long> reference = Map.of(key, value);
    // when
    OneEntryMap<String, Long> one = OneEntryMap.of(key, value);
    // then
    assertThat(one.size()).isEqualTo(reference.size());
    assertThat(one.isEmpty()).isFalse();
    assertThat(one.get(probe)).isEqualTo(reference.get(probe));
    assertThat(one.getOrDefault(probe, -1L)).isEqualTo(reference.getOrDefault(probe, -1L));
    assertThat(one.containsKey(probe)).isEqualTo(reference.containsKey(probe));
    assertThat(one.containsValue(value)).isTrue();
    assertThat(one.containsValue(value + 1)).isFalse();
    assertThat(one.entrySet()).isEqualTo(reference.entrySet());
    assertThat(one.keySet()).isEqualTo(reference.keySet());
    assertThat(List.copyOf(one.values())).isEqualTo(List.copyOf(reference.values()));
    assertThat(one).isEqualTo(reference);
    assertThat(reference).isEqualTo(one);
    assertThat(one).isEqualTo(new TreeMap<>(reference));
    assertThat(one.hashCode()).isEqualTo(reference.hashCode());
    assertThat(one.toString()).isEqualTo(reference.toString());
    List<Object> walked = new ArrayList<>();
    one.forEach((k, v) -> {
      walked.add(k);
      walked.add(v);
    });
    assertThat(walked).containsExactly(key, value);
  }

  @Property
  void should_differ_from_a_map_with_another_entry_or_more_entries(
      @ForAll @AlphaChars @StringLength(min = 1, max = 6) String key, @ForAll long value) {
    // given
    OneEntryMap<String, Long> one = OneEntryMap.of(key, value);
    // then
    assertThat(one).isNotEqualTo(Map.of(key, value + 1));
    assertThat(one).isNotEqualTo(Map.of(key + "x", value));
    assertThat(one).isNotEqualTo(Map.of(key, value, key + "x", value));
    assertThat(one).isNotEqualTo(Map.of());
    assertThat(Map.of(key, value + 1)).isNotEqualTo(one);
  }

  @Test
  void should_refuse_every_change_when_asked_to_mutate() {
    // given
    Map<String, Long> one = OneEntryMap.of("engagement", 1L);
    // then
    assertThatThrownBy(() -> one.put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> one.remove("engagement"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> one.merge("engagement", 1L, Long::sum))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> one.computeIfAbsent("x", k -> 1L))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> one.replaceAll((k, v) -> v))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(one::clear).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> one.entrySet().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(one).containsExactly(Map.entry("engagement", 1L));
  }

  @Test
  void should_refuse_null_keys_and_values_and_other_sizes_when_copying() {
    assertThatThrownBy(() -> OneEntryMap.of(null, 1L)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> OneEntryMap.of("k", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> OneEntryMap.copyOf(Map.of("a", 1L, "b", 2L)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 entries");
    OneEntryMap<String, Long> one = OneEntryMap.of("a", 1L);
    assertThat(OneEntryMap.copyOf(one)).isSameAs(one);
    assertThat(OneEntryMap.copyOf(new TreeMap<>(Map.of("a", 1L)))).isEqualTo(one);
  }

  @Test
  void should_walk_without_allocating_when_a_snapshot_map_is_walked() {
    // the point of the class: forEach allocates nothing (Map.of(k, v) makes an entry and a set)
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    Map<String, Long> one = OneEntryMap.of("engagement", 3L);
    long[] sum = new long[1];
    java.util.function.BiConsumer<String, Long> add = (k, v) -> sum[0] += v;
    for (int i = 0; i < 200_000; i++) { // compiled before it is measured
      one.forEach(add);
    }
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 100_000; i++) {
      one.forEach(add);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(sum[0]).isEqualTo(900_000L);
    assertThat(allocated).isLessThan(100_000L); // under a byte per walk: nothing per walk
  }
}
