package dev.journey.core.rollout;

import dev.journey.core.internal.Checks;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Which entering subjects a candidate may reach at all, as data (so it persists with the
 * deployment): every condition names an attribute and the values allowed; a subject is in scope
 * when every condition holds. {@link #everyone()} has no condition.
 *
 * <p>The attributes are read from the signal that enters the subject: {@value #SOURCE} is the
 * signal's source, any other name (say {@code segment} or {@code region}) the signal's string
 * attribute of that name, else the subject's property of that name. Values compare exactly.
 *
 * <pre>{@code
 * PilotScope emeaMidMarket = PilotScope.everyone()
 *     .and("region", "EMEA")
 *     .and("segment", "mid-market");
 * }</pre>
 *
 * @param conditions allowed values by attribute name, sorted
 */
public record PilotScope(Map<String, List<String>> conditions) {
  /** The attribute name that means the signal's source. */
  public static final String SOURCE = "source";

  private static final PilotScope EVERYONE = new PilotScope(Map.of());

  /**
   * Validates and copies, sorted.
   *
   * @throws IllegalArgumentException when an attribute name is blank or has no allowed value
   */
  public PilotScope {
    Objects.requireNonNull(conditions, "conditions");
    Map<String, List<String>> copy = new TreeMap<>();
    conditions.forEach(
        (name, values) -> {
          Checks.notBlank(name, "pilot attribute");
          Objects.requireNonNull(values, "values");
          if (values.isEmpty()) {
            throw new IllegalArgumentException(
                "pilot attribute '" + name + "' must allow at least one value, but allows none");
          }
          TreeSet<String> sorted = new TreeSet<>();
          values.forEach(v -> sorted.add(Checks.notBlank(v, "pilot value of " + name)));
          copy.put(name, List.copyOf(sorted));
        });
    conditions = copy.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(copy);
  }

  /** No condition: every entering subject is in scope. */
  public static PilotScope everyone() {
    return EVERYONE;
  }

  /**
   * This scope with one more condition: {@code attribute} must be one of {@code values}.
   *
   * @throws IllegalArgumentException when the attribute already has a condition, or a name is
   *     blank
   */
  public PilotScope and(String attribute, String... values) {
    Checks.notBlank(attribute, "attribute");
    if (conditions.containsKey(attribute)) {
      throw new IllegalArgumentException(
          "pilot attribute '" + attribute + "' already has a condition: " + conditions.get(attribute));
    }
    Map<String, List<String>> next = new TreeMap<>(conditions);
    next.put(attribute, List.of(values));
    return new PilotScope(next);
  }

  /** Returns {@code true} when there is no condition. */
  public boolean coversEveryone() {
    return conditions.isEmpty();
  }

  /** Returns {@code true} when every condition holds for the attribute values {@code attribute} gives. */
  public boolean matches(Function<String, Optional<String>> attribute) {
    Objects.requireNonNull(attribute, "attribute");
    for (Map.Entry<String, List<String>> c : conditions.entrySet()) {
      Optional<String> value = attribute.apply(c.getKey());
      if (value.isEmpty() || !c.getValue().contains(value.get())) {
        return false;
      }
    }
    return true;
  }

  /** E.g. {@code region in [EMEA] and segment in [mid-market]}, or {@code everyone}. */
  @Override
  public String toString() {
    if (conditions.isEmpty()) {
      return "everyone";
    }
    StringBuilder b = new StringBuilder();
    conditions.forEach(
        (name, values) -> b.append(b.length() == 0 ? "" : " and ").append(name).append(" in ").append(values));
    return b.toString();
  }
}
