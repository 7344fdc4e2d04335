package dev.journey.core.routing;

import dev.journey.core.internal.Checks;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A named round-robin pool: owners with weights. An owner with weight 2 receives twice as many
 * assignments as one with weight 1 while both are eligible.
 *
 * @param name the pool name
 * @param members the members, in tie-break order
 */
public record Pool(String name, List<Member> members) {
  /** Validates and copies: at least one member, each owner once. */
  public Pool {
    Checks.notBlank(name, "name");
    members = List.copyOf(members);
    if (members.isEmpty()) {
      throw new IllegalArgumentException("pool '" + name + "' must have at least one member, but had none");
    }
    Set<String> seen = new HashSet<>();
    for (Member member : members) {
      if (!seen.add(member.ownerId())) {
        throw new IllegalArgumentException(
            "pool '" + name + "' must list each owner once, but listed '" + member.ownerId() + "' twice");
      }
    }
  }

  /** A pool of owners with weight 1 each. */
  public static Pool of(String name, String... ownerIds) {
    Member[] members = new Member[ownerIds.length];
    for (int i = 0; i < ownerIds.length; i++) {
      members[i] = new Member(ownerIds[i], 1);
    }
    return new Pool(name, List.of(members));
  }

  /**
   * A member of a pool.
   *
   * @param ownerId the owner
   * @param weight the relative share, 1 to 100
   */
  public record Member(String ownerId, int weight) {
    /** Validates. */
    public Member {
      Checks.notBlank(ownerId, "ownerId");
      if (weight < 1 || weight > 100) {
        throw new IllegalArgumentException("weight must be 1 to 100, but was " + weight);
      }
      Objects.requireNonNull(ownerId, "ownerId");
    }
  }
}
