package dev.journey.hubspot;

/**
 * HubSpot's default ({@code HUBSPOT_DEFINED}) association type ids used by the executor, by
 * direction (from the engagement to the CRM record), as HubSpot's associations v4 reference lists
 * them.
 */
final class AssociationTypes {
  /** Task to contact. */
  static final int TASK_TO_CONTACT = 204;
  /** Task to company. */
  static final int TASK_TO_COMPANY = 192;
  /** Task to deal. */
  static final int TASK_TO_DEAL = 216;
  /** Note to contact. */
  static final int NOTE_TO_CONTACT = 202;
  /** Note to company. */
  static final int NOTE_TO_COMPANY = 190;
  /** Note to deal. */
  static final int NOTE_TO_DEAL = 214;

  private AssociationTypes() {}
}
