package dev.journey.hubspot;

import dev.journey.core.SignalTypes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which HubSpot webhook events become which signal types. Events of a subscription type (or, for
 * {@code *.propertyChange}, a property) not listed here are counted as ignored. Immutable.
 *
 * <pre>{@code
 * WebhookMapping mapping = WebhookMapping.builder(WebhookMapping.ofDefaults())
 *     .propertyChange("contact", "hs_lead_status", "LEAD_STATUS_CHANGED")
 *     .build();
 * }</pre>
 */
public final class WebhookMapping {
  /** The signal type for {@code contact.creation} in {@link #ofDefaults()}. */
  public static final String CONTACT_CREATED = "CONTACT_CREATED";
  /** The signal type for {@code deal.creation} in {@link #ofDefaults()}. */
  public static final String DEAL_CREATED = "DEAL_CREATED";
  /** The signal type for an owner change in {@link #ofDefaults()}. */
  public static final String OWNER_CHANGED = "OWNER_CHANGED";

  private static final Pattern OBJECT = Pattern.compile("contact|company|deal");
  private static final Pattern SIGNAL_TYPE = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  private final Map<String, String> byKey;

  private WebhookMapping(Map<String, String> byKey) {
    this.byKey = Map.copyOf(byKey);
  }

  /**
   * The default mapping: {@code contact.creation} → {@value #CONTACT_CREATED}, {@code
   * deal.creation} → {@value #DEAL_CREATED}, contact {@code lifecyclestage} changes → {@link
   * SignalTypes#LIFECYCLE_CHANGED}, deal {@code dealstage} changes → {@link
   * SignalTypes#DEAL_STAGE_CHANGED}, contact and deal {@code hubspot_owner_id} changes → {@value
   * #OWNER_CHANGED}.
   */
  public static WebhookMapping ofDefaults() {
    return builder()
        .creation("contact", CONTACT_CREATED)
        .creation("deal", DEAL_CREATED)
        .propertyChange("contact", "lifecyclestage", SignalTypes.LIFECYCLE_CHANGED)
        .propertyChange("deal", "dealstage", SignalTypes.DEAL_STAGE_CHANGED)
        .propertyChange("contact", "hubspot_owner_id", OWNER_CHANGED)
        .propertyChange("deal", "hubspot_owner_id", OWNER_CHANGED)
        .build();
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder(Map.of());
  }

  /** A builder starting from {@code existing}. */
  public static Builder builder(WebhookMapping existing) {
    return new Builder(Objects.requireNonNull(existing, "existing").byKey);
  }

  /** The signal type for a creation event of {@code object}, if mapped. */
  Optional<String> forCreation(String object) {
    return Optional.ofNullable(byKey.get(object + ".creation"));
  }

  /** The signal type for a change of {@code property} of {@code object}, if mapped. */
  Optional<String> forPropertyChange(String object, String property) {
    return Optional.ofNullable(byKey.get(object + ".propertyChange:" + property));
  }

  /** Prints the mapping. */
  @Override
  public String toString() {
    return "WebhookMapping" + new java.util.TreeMap<>(byKey);
  }

  /** Builds a {@link WebhookMapping}. Setters validate immediately. Not thread-safe. */
  public static final class Builder {
    private final Map<String, String> byKey;

    Builder(Map<String, String> start) {
      this.byKey = new LinkedHashMap<>(start);
    }

    /**
     * Maps {@code <object>.creation} events.
     *
     * @param object {@code contact}, {@code company} or {@code deal}
     * @param signalType the signal type to produce
     * @throws IllegalArgumentException when the object or the signal type is not allowed
     */
    public Builder creation(String object, String signalType) {
      byKey.put(checkObject(object) + ".creation", checkType(signalType));
      return this;
    }

    /**
     * Maps {@code <object>.propertyChange} events for one property.
     *
     * @param object {@code contact}, {@code company} or {@code deal}
     * @param property the HubSpot property's internal name, e.g. {@code lifecyclestage}
     * @param signalType the signal type to produce
     * @throws IllegalArgumentException when an argument is not allowed
     */
    public Builder propertyChange(String object, String property, String signalType) {
      Objects.requireNonNull(property, "property");
      if (property.isBlank()) {
        throw new IllegalArgumentException("property must not be blank, but was '" + property + "'");
      }
      byKey.put(checkObject(object) + ".propertyChange:" + property, checkType(signalType));
      return this;
    }

    private static String checkObject(String object) {
      Objects.requireNonNull(object, "object");
      if (!OBJECT.matcher(object).matches()) {
        throw new IllegalArgumentException(
            "object must be one of contact, company, deal, but was '" + object + "'");
      }
      return object;
    }

    private static String checkType(String signalType) {
      Objects.requireNonNull(signalType, "signalType");
      if (!SIGNAL_TYPE.matcher(signalType).matches()) {
        throw new IllegalArgumentException(
            "signalType must be 1 to 64 of letters, digits, '_', '.', '-', ':', but was '"
                + signalType
                + "'");
      }
      return signalType;
    }

    /** Builds the mapping. */
    public WebhookMapping build() {
      return new WebhookMapping(byKey);
    }
  }
}
