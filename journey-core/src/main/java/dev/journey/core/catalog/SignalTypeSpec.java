package dev.journey.core.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One signal type of a {@link SignalCatalog}: its name and the attributes its signals carry. A
 * signal may carry no attribute the type does not declare unless {@code openAttributes} is set
 * (say, for a webhook that forwards whatever the CRM sends).
 *
 * <pre>{@code
 * SignalTypeSpec usage = SignalTypeSpec.of("USAGE_DROPPED",
 *     AttributeSpec.integer("usageDropPercent").asRequired().between(0, 100),
 *     AttributeSpec.string("plan").oneOf("starter", "growth", "enterprise"));
 * }</pre>
 *
 * @param type the signal type, as on {@link dev.journey.core.Signal#type()}
 * @param attributes the declared attributes by name, in declaration order
 * @param openAttributes whether attributes the type does not declare are accepted (unchecked)
 */
public record SignalTypeSpec(String type, Map<String, AttributeSpec> attributes, boolean openAttributes) {

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException when a map key is not its attribute's name
   */
  public SignalTypeSpec {
    Objects.requireNonNull(type, "type");
    Map<String, AttributeSpec> copy = new LinkedHashMap<>();
    attributes.forEach(
        (name, spec) -> {
          Objects.requireNonNull(spec, "attribute " + name);
          if (!spec.name().equals(name)) {
            throw new IllegalArgumentException(
                "attribute key '" + name + "' must be its attribute's name, but was '" + spec.name() + "'");
          }
          copy.put(name, spec);
        });
    attributes = Collections.unmodifiableMap(copy);
  }

  /**
   * A type with these attributes and no others.
   *
   * @throws IllegalArgumentException when two attributes have the same name
   */
  public static SignalTypeSpec of(String type, AttributeSpec... attributes) {
    return new SignalTypeSpec(type, byName(type, List.of(attributes)), false);
  }

  /** This type, accepting attributes it does not declare as well. */
  public SignalTypeSpec withOpenAttributes() {
    return new SignalTypeSpec(type, attributes, true);
  }

  /** The declared attribute of this name. */
  public java.util.Optional<AttributeSpec> attribute(String name) {
    return java.util.Optional.ofNullable(attributes.get(name));
  }

  static Map<String, AttributeSpec> byName(String type, List<AttributeSpec> list) {
    Map<String, AttributeSpec> map = new LinkedHashMap<>();
    for (AttributeSpec a : list) {
      if (map.put(a.name(), a) != null) {
        throw new IllegalArgumentException(
            "signal type '" + type + "' declares attribute '" + a.name() + "' twice");
      }
    }
    return map;
  }
}
