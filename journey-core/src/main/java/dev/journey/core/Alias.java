package dev.journey.core;

import dev.journey.core.internal.Redact;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Another name of a subject: a CRM id of some system, a normalized email stored as a keyed hash,
 * a product user id, a company's web domain. An alias points to exactly one canonical subject in
 * a store that keeps aliases ({@link dev.journey.core.spi.AliasStore}).
 *
 * <p>The {@code type} says which kind of identifier it is ({@code hubspot-contact}, {@code email},
 * {@code product-user}...): 1 to 64 lower-case letters, digits, {@code -} or {@code .}. The
 * {@code value} is 1 to {@value #MAX_VALUE_LENGTH} characters without white space. An email never
 * becomes an alias in clear: {@link dev.journey.core.identity.IdentityKey#email} hashes it.
 *
 * <pre>{@code
 * Alias crm = Alias.of("hubspot-contact", "1001");
 * Alias user = Alias.of("product-user", "u-77");
 * }</pre>
 *
 * @param type the identifier type
 * @param value the identifier value
 */
public record Alias(String type, String value) implements Comparable<Alias> {
  /** The longest value accepted. */
  public static final int MAX_VALUE_LENGTH = 200;
  /** The type of the hashed, normalized email alias. */
  public static final String EMAIL = "email";
  /** The type of a company's web domain (kept in clear: a company domain is not personal). */
  public static final String DOMAIN = "domain";
  /**
   * The reserved type of the row a merge leaves behind: the absorbed subject ({@code
   * contact:123}) points to its survivor.
   */
  public static final String SUBJECT = "subject";
  /**
   * The reserved type of a contact's link to its company: the value is the contact ({@code
   * contact:123}), the subject it points to the company.
   */
  public static final String ACCOUNT = "account";

  private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}");
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  /**
   * Validates.
   *
   * @throws InvalidValueException when the type or value is malformed
   */
  public Alias {
    // the reserved constants are valid by construction (identity check: the hot path of the
    // identity step builds a subject row per signal)
    boolean constant = type == SUBJECT || type == ACCOUNT; // NOPMD: identity on purpose
    if (type == null || (!constant && !TYPE.matcher(type).matches())) {
      throw new InvalidValueException(
          "alias.type",
          "1 to 64 lower-case letters, digits, '-' or '.', starting with a letter or digit",
          type == null ? "null" : "'" + type + "'");
    }
    if (value == null || value.isEmpty()) {
      throw new InvalidValueException(
          "alias " + type, "1 to " + MAX_VALUE_LENGTH + " characters", String.valueOf(value));
    }
    if (value.length() > MAX_VALUE_LENGTH) {
      throw new InvalidValueException(
          "alias " + type, "at most " + MAX_VALUE_LENGTH + " characters", value.length() + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        // the value is not echoed: it may be personal data
        throw new InvalidValueException(
            "alias " + type, "no white space or control characters", "one at index " + i);
      }
    }
    if (EMAIL.equals(type) && !HASH.matcher(value).matches()) {
      throw new InvalidValueException(
          "alias email",
          "the keyed hash IdentityKey.email(...) makes (64 hexadecimal digits), never an email in clear",
          "a value of " + value.length() + " characters");
    }
  }

  /** An alias of the given type and value. */
  public static Alias of(String type, String value) {
    return new Alias(type, value);
  }

  /** A company's web domain, lower-cased and trimmed, e.g. {@code acme.com}. */
  public static Alias domain(String domain) {
    Objects.requireNonNull(domain, "domain");
    return new Alias(DOMAIN, domain.trim().toLowerCase(Locale.ROOT));
  }

  /** The row that redirects a merged-away subject to its survivor. */
  public static Alias subject(SubjectRef subject) {
    return new Alias(SUBJECT, subject.toString());
  }

  /** The row that links a contact to its company. */
  public static Alias accountOf(SubjectRef contact) {
    return new Alias(ACCOUNT, contact.toString());
  }

  /** Returns {@code true} for the reserved types a store writes itself (subject, account). */
  public boolean reserved() {
    return SUBJECT.equals(type) || ACCOUNT.equals(type);
  }

  @Override
  public int compareTo(Alias o) {
    int c = type.compareTo(o.type);
    return c != 0 ? c : value.compareTo(o.value);
  }

  /**
   * Prints the type, and the value of the types whose values are not personal (email hashes,
   * company domains, subject and account rows); other values (ids a source chose) as their length.
   */
  @Override
  public String toString() {
    boolean safe = EMAIL.equals(type) || DOMAIN.equals(type) || reserved();
    return type + ":" + (safe ? value : Redact.text(value));
  }
}
