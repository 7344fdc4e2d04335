package dev.journey.core.action;

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
  /** Validates. */
  public SetProperty {
    Checks.notBlank(id, "id");
    Objects.requireNonNull(subject, "subject");
    Checks.notBlank(name, "name");
    Checks.notNull(value, "value");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.SET_PROPERTY;
  }
}
