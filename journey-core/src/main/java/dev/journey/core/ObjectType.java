package dev.journey.core;

import java.util.Locale;

/** The CRM object a journey subject is: a contact, a company or a deal. */
public enum ObjectType {
  /** A person. */
  CONTACT,
  /** An organisation. */
  COMPANY,
  /** A sales opportunity. */
  DEAL;

  /**
   * Parses a name case-insensitively ({@code "contact"}, {@code "DEAL"}).
   *
   * @param name the name
   * @return the object type
   * @throws IllegalArgumentException naming the allowed values when {@code name} is none of them
   */
  public static ObjectType parse(String name) {
    if (name != null) {
      for (ObjectType type : values()) {
        if (type.name().equalsIgnoreCase(name.trim())) {
          return type;
        }
      }
    }
    throw new IllegalArgumentException(
        String.format(
            Locale.ROOT, "object type must be one of contact, company, deal, but was '%s'", name));
  }

  /** Returns the lower-case name used in ids and JSON, e.g. {@code contact}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
