package dev.journey.core.routing;

import dev.journey.core.calendar.BusinessCalendar;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable {@link OwnerDirectory} held in memory, built in code (module {@code journey-config}
 * loads one from a journey's configuration file):
 *
 * <pre>{@code
 * InMemoryOwnerDirectory directory = InMemoryOwnerDirectory.builder()
 *     .owner(Owner.builder("o-1", berlin).team("emea").manager("m-1").dailyCap(10).build())
 *     .owner(Owner.builder("m-1", berlin).online(false).build())
 *     .pool(Pool.of("emea", "o-1"))
 *     .build();
 * }</pre>
 */
public final class InMemoryOwnerDirectory implements OwnerDirectory {
  private final Map<String, Owner> owners;
  private final Map<String, Pool> pools;

  private InMemoryOwnerDirectory(Map<String, Owner> owners, Map<String, Pool> pools) {
    this.owners = Collections.unmodifiableMap(new LinkedHashMap<>(owners));
    this.pools = Collections.unmodifiableMap(new LinkedHashMap<>(pools));
  }

  /** Starts an empty directory. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Optional<Owner> owner(String id) {
    return Optional.ofNullable(owners.get(Objects.requireNonNull(id, "id")));
  }

  @Override
  public Optional<Pool> pool(String name) {
    return Optional.ofNullable(pools.get(Objects.requireNonNull(name, "name")));
  }

  @Override
  public Collection<Owner> owners() {
    return owners.values();
  }

  /** The pools, by name. */
  public Map<String, Pool> pools() {
    return pools;
  }

  /**
   * Builds an {@link InMemoryOwnerDirectory}. {@link #build()} checks that every pool member is
   * an owner of the directory. Not thread-safe.
   */
  public static final class Builder {
    private final Map<String, Owner> owners = new LinkedHashMap<>();
    private final Map<String, Pool> pools = new LinkedHashMap<>();

    Builder() {}

    /**
     * Adds an owner.
     *
     * @throws IllegalArgumentException when an owner with that id was already added
     */
    public Builder owner(Owner owner) {
      Objects.requireNonNull(owner, "owner");
      if (owners.putIfAbsent(owner.id(), owner) != null) {
        throw new IllegalArgumentException("owner id must be unique, but '" + owner.id() + "' was added twice");
      }
      return this;
    }

    /**
     * Adds a pool.
     *
     * @throws IllegalArgumentException when a pool with that name was already added
     */
    public Builder pool(Pool pool) {
      Objects.requireNonNull(pool, "pool");
      if (pools.putIfAbsent(pool.name(), pool) != null) {
        throw new IllegalArgumentException("pool name must be unique, but '" + pool.name() + "' was added twice");
      }
      return this;
    }

    /**
     * Builds the directory.
     *
     * @throws IllegalStateException when a pool lists an owner that was not added
     */
    public InMemoryOwnerDirectory build() {
      for (Pool pool : pools.values()) {
        for (Pool.Member member : pool.members()) {
          if (!owners.containsKey(member.ownerId())) {
            throw new IllegalStateException(
                "pool '" + pool.name() + "' lists owner '" + member.ownerId() + "', which was not added");
          }
        }
      }
      return new InMemoryOwnerDirectory(owners, pools);
    }
  }
}
