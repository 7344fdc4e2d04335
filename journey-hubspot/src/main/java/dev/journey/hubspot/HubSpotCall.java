package dev.journey.hubspot;

import java.util.List;
import java.util.Map;

/**
 * One planned HubSpot write, produced by {@link CallPlanner} from an action without any I/O.
 * Calls with the same {@link #groupKey()} are sent together as one batch request.
 */
sealed interface HubSpotCall {

  /** Calls with equal keys share a batch request. */
  String groupKey();

  /**
   * A property update of an existing record ({@code batch/update}).
   *
   * @param objectPath {@code contacts}, {@code companies} or {@code 0-3}
   * @param recordId the record's id
   * @param properties the values to write
   */
  record Update(String objectPath, String recordId, Map<String, String> properties) implements HubSpotCall {
    public Update {
      properties = Map.copyOf(properties);
    }

    @Override
    public String groupKey() {
      return "update:" + objectPath;
    }
  }

  /**
   * A create keyed on the action id ({@code batch/upsert} on the unique property, or {@code
   * batch/create} with search before retry), followed by its associations.
   *
   * @param objectPath {@code tasks} or {@code notes}
   * @param properties the values, including the action id property
   * @param associations what the new object is linked to
   */
  record Upsert(String objectPath, Map<String, String> properties, List<Target> associations)
      implements HubSpotCall {
    public Upsert {
      properties = Map.copyOf(properties);
      associations = List.copyOf(associations);
    }

    @Override
    public String groupKey() {
      return "upsert:" + objectPath;
    }
  }

  /**
   * A create-or-update of a contact known by its email ({@code batch/upsert} with {@code
   * idProperty=email}), for subjects whose id is an email address rather than a record id.
   *
   * @param email the contact's email, lower case
   * @param properties the values to write
   */
  record UpsertByEmail(String email, Map<String, String> properties) implements HubSpotCall {
    public UpsertByEmail {
      properties = Map.copyOf(properties);
    }

    @Override
    public String groupKey() {
      return "upsert-email:contacts";
    }
  }

  /**
   * One association target.
   *
   * @param toPath {@code contacts}, {@code companies} or {@code deals}
   * @param toId the record's id
   * @param typeId the {@code HUBSPOT_DEFINED} association type id ({@link AssociationTypes})
   */
  record Target(String toPath, String toId, int typeId) {}

  /**
   * Adds a contact to or removes it from a static list.
   *
   * @param listId the list (ILS id)
   * @param recordId the contact's id
   * @param add add or remove
   */
  record ListMembership(String listId, String recordId, boolean add) implements HubSpotCall {
    @Override
    public String groupKey() {
      return (add ? "list-add:" : "list-remove:") + listId;
    }
  }

  /**
   * Enrolls a contact in a sequence.
   *
   * @param contactId the contact
   * @param sequenceId the sequence
   * @param senderOwnerId the sending owner, empty for the contact's owner
   */
  record Enroll(String contactId, String sequenceId, java.util.Optional<String> senderOwnerId) implements HubSpotCall {
    @Override
    public String groupKey() {
      return "enroll:" + contactId;
    }
  }
}
