package dev.journey.core.routing;

import dev.journey.core.InvalidConfigurationException;
import dev.journey.core.calendar.BusinessCalendar;
import dev.journey.core.internal.ConfigNode;
import dev.journey.core.internal.ConfigReaders;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable {@link OwnerDirectory} held in memory, built in code or loaded from JSON.
 *
 * <pre>{@code
 * {
 *   "calendars": {
 *     "berlin": {"zone": "Europe/Berlin", "hours": {"MON": ["09:00-17:00"], "TUE": ["09:00-17:00"]},
 *                "holidays": ["2026-12-25"]}
 *   },
 *   "owners": [
 *     {"id": "o-1", "team": "emea", "manager": "m-1", "calendar": "berlin",
 *      "regions": ["DE"], "segments": ["smb"], "online": true,
 *      "outOfOffice": [{"from": "2026-03-02T00:00:00Z", "to": "2026-03-07T00:00:00Z"}],
 *      "dailyCap": 10, "weeklyCap": 40}
 *   ],
 *   "pools": {"emea": [{"owner": "o-1", "weight": 2}]}
 * }
 * }</pre>
 *
 * Only {@code owners[].id} and {@code owners[].calendar} are required; an owner is online and
 * uncapped by default. Unknown fields, unknown calendars and pool members that are not owners are
 * rejected with the JSON path of the problem.
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

  /**
   * Loads a directory from JSON (see the class documentation for the format).
   *
   * @param source the document's name for error messages, e.g. {@code owners.json}
   * @throws InvalidConfigurationException naming the position or JSON path of the first problem
   */
  public static InMemoryOwnerDirectory fromJson(String source, String json) {
    ConfigNode root = ConfigNode.parse(source, json);
    root.requireObject("calendars", "owners", "pools");
    Map<String, BusinessCalendar> calendars = new LinkedHashMap<>();
    calendars.put("always", BusinessCalendar.alwaysOpen(ZoneOffset.UTC));
    root.find("calendars")
        .ifPresent(
            node -> {
              node.requireObject(node.keys().toArray(new String[0]));
              for (String name : node.keys()) {
                calendars.put(name, ConfigReaders.calendar(node.get(name)));
              }
            });
    Builder b = builder();
    for (ConfigNode node : root.get("owners").elements()) {
      node.requireObject(
          "id", "team", "manager", "calendar", "regions", "segments", "online", "outOfOffice",
          "dailyCap", "weeklyCap");
      ConfigNode id = node.get("id");
      if (b.owners.containsKey(id.asString())) {
        throw id.error("an owner id used once", "'" + id.asString() + "' again");
      }
      ConfigNode calendarNode = node.get("calendar");
      BusinessCalendar calendar = calendars.get(calendarNode.asString());
      if (calendar == null) {
        throw calendarNode.error(
            "one of the calendars " + calendars.keySet(), "'" + calendarNode.asString() + "'");
      }
      Owner.Builder owner = Owner.builder(id.asString(), calendar);
      node.find("team").ifPresent(n -> owner.team(n.asString()));
      node.find("manager").ifPresent(n -> owner.manager(n.asString()));
      node.find("regions").ifPresent(n -> owner.regions(n.asStrings().toArray(new String[0])));
      node.find("segments").ifPresent(n -> owner.segments(n.asStrings().toArray(new String[0])));
      node.find("online").ifPresent(n -> owner.online(n.asBoolean()));
      node.find("dailyCap").ifPresent(n -> owner.dailyCap(n.asInt(1, Integer.MAX_VALUE)));
      node.find("weeklyCap").ifPresent(n -> owner.weeklyCap(n.asInt(1, Integer.MAX_VALUE)));
      node.find("outOfOffice")
          .ifPresent(
              list -> {
                for (ConfigNode range : list.elements()) {
                  range.requireObject("from", "to");
                  try {
                    owner.outOfOffice(range.get("from").asInstant(), range.get("to").asInstant());
                  } catch (IllegalArgumentException e) {
                    throw range.get("to").error("an instant after 'from'", "not after it");
                  }
                }
              });
      b.owner(owner.build());
    }
    root.find("pools")
        .ifPresent(
            node -> {
              for (String name : node.keys()) {
                List<Pool.Member> members = new ArrayList<>();
                List<ConfigNode> elements = node.get(name).elements();
                if (elements.isEmpty()) {
                  throw node.get(name).error("at least one member", "none");
                }
                for (ConfigNode member : elements) {
                  member.requireObject("owner", "weight");
                  ConfigNode ownerId = member.get("owner");
                  if (!b.owners.containsKey(ownerId.asString())) {
                    throw ownerId.error("the id of an owner listed in $.owners", "'" + ownerId.asString() + "'");
                  }
                  int weight = member.find("weight").map(w -> w.asInt(1, 100)).orElse(1);
                  for (Pool.Member other : members) {
                    if (other.ownerId().equals(ownerId.asString())) {
                      throw ownerId.error("an owner listed once per pool", "'" + ownerId.asString() + "' again");
                    }
                  }
                  members.add(new Pool.Member(ownerId.asString(), weight));
                }
                b.pool(new Pool(name, members));
              }
            });
    return b.build();
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
