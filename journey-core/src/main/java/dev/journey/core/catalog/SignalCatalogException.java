package dev.journey.core.catalog;

import dev.journey.core.JourneyException;
import java.util.Locale;
import java.util.Optional;

/**
 * A signal breaks its journey's {@link SignalCatalog}: its type is not declared, a required
 * attribute is missing, or an attribute has the wrong type, a value not allowed or a number out of
 * range. Thrown before any rule sees the signal; nothing is written.
 *
 * <p>The message names the signal's id and type, the attribute, what is allowed and what was found
 * — the value's type or size, never a string's content (attribute values may be personal data):
 *
 * <pre>{@code
 * signal 'renewal-7' of type USAGE_DROPPED: attribute 'plan' must be one of [starter, growth,
 * enterprise], but was another string (4 characters)
 * }</pre>
 */
public final class SignalCatalogException extends JourneyException {
  private static final long serialVersionUID = 1L;

  private final String signalId;
  private final String signalType;
  private final String attribute;
  private final String allowed;
  private final String actual;

  SignalCatalogException(String signalId, String signalType, String attribute, String allowed, String actual) {
    super(message(signalId, signalType, attribute, allowed, actual));
    this.signalId = signalId;
    this.signalType = signalType;
    this.attribute = attribute;
    this.allowed = allowed;
    this.actual = actual;
  }

  private static String message(String id, String type, String attribute, String allowed, String actual) {
    String what = attribute.isEmpty() ? "its type" : "attribute '" + attribute + "'";
    return String.format(
        Locale.ROOT, "signal '%s' of type %s: %s must be %s, but was %s", id, type, what, allowed, actual);
  }

  /** The offending signal's id. */
  public String signalId() {
    return signalId;
  }

  /** The offending signal's type. */
  public String signalType() {
    return signalType;
  }

  /** The attribute at fault; empty when the type itself is not declared. */
  public Optional<String> attribute() {
    return attribute.isEmpty() ? Optional.empty() : Optional.of(attribute);
  }

  /** What the catalog allows there. */
  public String allowed() {
    return allowed;
  }

  /** What the signal had (a type or size, never a string's content). */
  public String actual() {
    return actual;
  }
}
