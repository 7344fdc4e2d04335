package dev.journey.core;

import java.util.Locale;
import java.util.Objects;

/**
 * The subject of a journey: a CRM object type and its id.
 *
 * <p>Ids are strings because CRM ids (HubSpot's among them) exceed 32 bits and some systems use
 * non-numeric ids. An id is 1 to {@value #MAX_ID_LENGTH} characters with no white space or
 * {@code :}. Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * SubjectRef contact = SubjectRef.contact("90123456789");
 * SubjectRef same = SubjectRef.parse("contact:90123456789");
 * }</pre>
 *
 * @param type the object type
 * @param id the object id
 */
public record SubjectRef(ObjectType type, String id) implements Comparable<SubjectRef> {

  /** The longest id accepted. */
  public static final int MAX_ID_LENGTH = 128;

  /**
   * Validates the parts.
   *
   * @throws InvalidSignalException when the id is blank, too long or contains white space or ':'
   */
  public SubjectRef {
    if (type == null) {
      throw new InvalidSignalException("subject.type", "one of contact, company, deal", "null");
    }
    if (id == null || id.isBlank()) {
      throw new InvalidSignalException(
          "subject.id", "1 to " + MAX_ID_LENGTH + " non-blank characters", String.valueOf(id));
    }
    if (id.length() > MAX_ID_LENGTH) {
      throw new InvalidSignalException(
          "subject.id", "at most " + MAX_ID_LENGTH + " characters", id.length() + " characters");
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (Character.isWhitespace(c) || c == ':' || Character.isISOControl(c)) {
        throw new InvalidSignalException(
            "subject.id", "no white space, control characters or ':'", "'" + id + "'");
      }
    }
  }

  /** A contact subject. */
  public static SubjectRef contact(String id) {
    return new SubjectRef(ObjectType.CONTACT, id);
  }

  /** A company subject. */
  public static SubjectRef company(String id) {
    return new SubjectRef(ObjectType.COMPANY, id);
  }

  /** A deal subject. */
  public static SubjectRef deal(String id) {
    return new SubjectRef(ObjectType.DEAL, id);
  }

  /**
   * Parses the form {@link #toString()} prints, {@code contact:123}.
   *
   * @throws InvalidSignalException when the text is not of that form
   */
  public static SubjectRef parse(String text) {
    Objects.requireNonNull(text, "text");
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new InvalidSignalException("subject", "'<type>:<id>', e.g. 'contact:123'", "'" + text + "'");
    }
    ObjectType type;
    try {
      type = ObjectType.parse(text.substring(0, colon));
    } catch (IllegalArgumentException e) {
      throw new InvalidSignalException(
          "subject.type", "one of contact, company, deal", "'" + text.substring(0, colon) + "'");
    }
    return new SubjectRef(type, text.substring(colon + 1));
  }

  @Override
  public boolean equals(Object o) {
    return o == this
        || (o instanceof SubjectRef && ((SubjectRef) o).type == type && ((SubjectRef) o).id.equals(id));
  }

  /** A hash that is stable across JVM runs (unlike an enum's identity hash). */
  @Override
  public int hashCode() {
    return 31 * id.hashCode() + type.ordinal();
  }

  @Override
  public int compareTo(SubjectRef other) {
    int byType = type.compareTo(other.type);
    return byType != 0 ? byType : id.compareTo(other.id);
  }

  /** Returns {@code type:id}, e.g. {@code contact:123}; ids are not personal data. */
  @Override
  public String toString() {
    // the prefix is computed once per type: the identity step and the stores key rows by this text
    // on every signal
    return Prefixes.OF[type.ordinal()].concat(id);
  }

  /** The {@code type:} part of {@link #toString()}, shared (no string per call). */
  String prefix() {
    return Prefixes.OF[type.ordinal()];
  }

  /** {@code type:} per object type, lower-cased once. */
  private static final class Prefixes {
    static final String[] OF = prefixes();

    private static String[] prefixes() {
      ObjectType[] types = ObjectType.values();
      String[] out = new String[types.length];
      for (ObjectType t : types) {
        out[t.ordinal()] = t.name().toLowerCase(Locale.ROOT) + ":";
      }
      return out;
    }
  }
}
