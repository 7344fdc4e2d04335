package dev.journey.core.action;

import dev.journey.core.internal.Redact;
import dev.journey.core.InvalidValueException;
import dev.journey.core.Limits;
import dev.journey.core.SubjectRef;
import dev.journey.core.internal.Checks;
import java.util.Objects;

/**
 * Sets a CRM property of the subject; the journey snapshot records the value and its writer.
 *
 * @param id the deterministic action id
 * @param subject the subject
 * @param name the property name
 * @param value the value (empty clears it)
 */
public record SetProperty(String id, SubjectRef subject, String name, String value) implements Action {
  /**
   * Validates.
   *
   * @throws InvalidValueException when the value is longer than {@link
   *     Limits#PROPERTY_VALUE_LENGTH}
   */
  public SetProperty {
    Checks.notBlank(id, "id");
    Objects.requireNonNull(subject, "subject");
    Checks.notBlank(name, "name");
    Checks.notNull(value, "value");
    if (value.length() > Limits.PROPERTY_VALUE_LENGTH) {
      throw new InvalidValueException(
          "property " + name,
          "at most " + Limits.PROPERTY_VALUE_LENGTH + " characters",
          value.length() + " characters");
    }
  }

  @Override
  public ActionKind kind() {
    return ActionKind.SET_PROPERTY;
  }

  /** Prints everything but free text and values, which may be personal data. */
  @Override
  public String toString() {
    return "SetProperty[id=" + id + ", subject=" + subject + ", name=" + name + ", value=" + Redact.text(value) + "]";
  }
}
