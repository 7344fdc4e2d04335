package dev.journey.testkit.arbitraries;

import java.util.Objects;

/**
 * One owner of a generated owner directory, as plain data to map into whatever directory your
 * routing stage reads.
 *
 * @param id the owner id (digits, like a HubSpot owner id)
 * @param team the team, e.g. {@code inbound}
 * @param region the region, e.g. {@code emea}
 * @param weight the round-robin weight, 1 to 5
 * @param available whether the owner takes new work
 */
public record OwnerData(String id, String team, String region, int weight, boolean available) {
  /** Validates. */
  public OwnerData {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(team, "team");
    Objects.requireNonNull(region, "region");
    if (weight < 1) {
      throw new IllegalArgumentException("weight must be >= 1, but was " + weight);
    }
  }
}
