package dev.journey.core.internal;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * An immutable map of one entry whose walk ({@link #forEach}) allocates nothing: JDK 17's {@code
 * Map.of(k, v)} walks through its entry set, a new entry and set each time, and the engine walks
 * a snapshot's one-entry maps (a counter, a timer, the owner property) on every signal. Equal to
 * and with the same hash as any map holding the same entry; rejects every change, as {@code
 * Map.of} does. Neither key nor value may be null. Not API.
 *
 * @param <K> the key's type
 * @param <V> the value's type
 */
public final class OneEntryMap<K, V> extends AbstractMap<K, V> {
  private final K key;
  private final V value;

  private OneEntryMap(K key, V value) {
    this.key = Objects.requireNonNull(key, "key");
    this.value = Objects.requireNonNull(value, "value");
  }

  /** The map of {@code key} to {@code value}, neither null. */
  public static <K, V> OneEntryMap<K, V> of(K key, V value) {
    return new OneEntryMap<>(key, value);
  }

  /**
   * {@code map} when it is one already, else a copy of its one entry.
   *
   * @throws IllegalArgumentException when {@code map} does not hold exactly one entry
   */
  public static <K, V> OneEntryMap<K, V> copyOf(Map<K, V> map) {
    if (map instanceof OneEntryMap<K, V> one) {
      return one;
    }
    if (map.size() != 1) {
      throw new IllegalArgumentException("a one-entry map, but had " + map.size() + " entries");
    }
    Map.Entry<K, V> only = map.entrySet().iterator().next();
    return new OneEntryMap<>(only.getKey(), only.getValue());
  }

  /** The one key. */
  public K key() {
    return key;
  }

  /** The one value. */
  public V value() {
    return value;
  }

  @Override
  public int size() {
    return 1;
  }

  @Override
  public boolean isEmpty() {
    return false;
  }

  @Override
  public boolean containsKey(Object k) {
    return key.equals(k);
  }

  @Override
  public boolean containsValue(Object v) {
    return value.equals(v);
  }

  @Override
  public V get(Object k) {
    return key.equals(k) ? value : null;
  }

  @Override
  public V getOrDefault(Object k, V defaultValue) {
    return key.equals(k) ? value : defaultValue;
  }

  @Override
  public void forEach(BiConsumer<? super K, ? super V> action) {
    action.accept(key, value);
  }

  @Override
  public Set<Map.Entry<K, V>> entrySet() {
    return Set.of(new AbstractMap.SimpleImmutableEntry<>(key, value));
  }

  @Override
  public Set<K> keySet() {
    return Set.of(key);
  }

  @Override
  public Collection<V> values() {
    return List.of(value);
  }

  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    return o instanceof Map<?, ?> m && m.size() == 1 && value.equals(m.get(key));
  }

  @Override
  public int hashCode() {
    return key.hashCode() ^ value.hashCode(); // Map.Entry's hash: the map's, as for any map
  }

  @Override
  public V put(K k, V v) {
    throw immutable();
  }

  @Override
  public V remove(Object k) {
    throw immutable();
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> m) {
    throw immutable();
  }

  @Override
  public void clear() {
    throw immutable();
  }

  @Override
  public V putIfAbsent(K k, V v) {
    throw immutable();
  }

  @Override
  public boolean remove(Object k, Object v) {
    throw immutable();
  }

  @Override
  public boolean replace(K k, V oldValue, V newValue) {
    throw immutable();
  }

  @Override
  public V replace(K k, V v) {
    throw immutable();
  }

  @Override
  public void replaceAll(BiFunction<? super K, ? super V, ? extends V> function) {
    throw immutable();
  }

  @Override
  public V computeIfAbsent(K k, Function<? super K, ? extends V> mappingFunction) {
    throw immutable();
  }

  @Override
  public V computeIfPresent(K k, BiFunction<? super K, ? super V, ? extends V> remapping) {
    throw immutable();
  }

  @Override
  public V compute(K k, BiFunction<? super K, ? super V, ? extends V> remapping) {
    throw immutable();
  }

  @Override
  public V merge(K k, V v, BiFunction<? super V, ? super V, ? extends V> remapping) {
    throw immutable();
  }

  private static UnsupportedOperationException immutable() {
    return new UnsupportedOperationException("an immutable map");
  }
}
