package dev.journey.core.identity;

import dev.journey.core.InvalidValueException;
import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.internal.Checks;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A request to fold subjects into a survivor.
 *
 * @param id the idempotency id (a redelivered request with the same id changes nothing), e.g.
 *     {@code hubspot:contact.merge:<eventId>}; at most {@value Signal#MAX_ID_LENGTH} characters
 * @param survivor the subject that remains
 * @param absorbed the subjects folded into it (at least one, not the survivor)
 * @param source where the merge comes from
 * @param joins the unique identifier types this merge may join (a CRM merge joins the CRM's own
 *     ids); empty for none
 * @param occurredAt when the merge happened at its source
 */
public record MergeRequest(
    String id,
    SubjectRef survivor,
    List<SubjectRef> absorbed,
    Source source,
    Set<String> joins,
    Instant occurredAt) {

  /** Where a merge comes from. */
  public enum Source {
    /** The CRM merged the records (HubSpot {@code contact.merge}, {@code company.merge}). */
    CRM,
    /** Two subjects turned out to share an alias. */
    ALIAS_COLLISION,
    /** Your code asked for it (e.g. after a person approved a review item). */
    API
  }

  /**
   * Validates and copies.
   *
   * @throws InvalidValueException when the id is blank or too long, no subject is absorbed, or
   *     the survivor is among the absorbed
   */
  public MergeRequest {
    if (id == null || id.isBlank() || id.length() > Signal.MAX_ID_LENGTH) {
      throw new InvalidValueException(
          "merge.id", "1 to " + Signal.MAX_ID_LENGTH + " non-blank characters", String.valueOf(id));
    }
    Objects.requireNonNull(survivor, "survivor");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Set<SubjectRef> unique = new LinkedHashSet<>(Objects.requireNonNull(absorbed, "absorbed"));
    if (unique.isEmpty()) {
      throw new InvalidValueException("merge.absorbed", "at least one subject", "none");
    }
    if (unique.contains(survivor)) {
      throw new InvalidValueException(
          "merge.absorbed", "subjects other than the survivor " + survivor, "the survivor itself");
    }
    for (SubjectRef s : unique) {
      if (s.type() != survivor.type()) {
        throw new InvalidValueException(
            "merge.absorbed", "subjects of the survivor's type " + survivor.type(), s.toString());
      }
    }
    absorbed = List.copyOf(unique);
    Set<String> copy = new LinkedHashSet<>();
    for (String t : Objects.requireNonNull(joins, "joins")) {
      copy.add(Checks.notBlank(t, "join type"));
    }
    joins = Set.copyOf(copy);
  }

  /** A merge the CRM made: it may join values of {@code crmIdType} (e.g. {@code hubspot-contact}). */
  public static MergeRequest crm(
      String id, SubjectRef survivor, List<SubjectRef> absorbed, String crmIdType, Instant at) {
    return new MergeRequest(id, survivor, absorbed, Source.CRM, Set.of(crmIdType), at);
  }

  /** A merge your code asks for; it joins no unique identifier type. */
  public static MergeRequest api(String id, SubjectRef survivor, List<SubjectRef> absorbed, Instant at) {
    return new MergeRequest(id, survivor, absorbed, Source.API, Set.of(), at);
  }
}
