package dev.journey.hubspot;

import dev.journey.core.SignalTypes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  /**
   * {@code *.merge}: the subject is the surviving record ({@code primaryObjectId}); attributes
   * {@code mergedObjectIds} (comma-separated), {@code newObjectId}.
   */
  public static final String SUBJECT_MERGED = "SUBJECT_MERGED";
  /** {@code *.deletion}: the record was deleted (archived) in HubSpot. */
  public static final String SUBJECT_DELETED = "SUBJECT_DELETED";
  /**
   * {@code *.privacyDeletion}: the record was deleted for privacy (GDPR); attribute {@code
   * erase=true}: the journey's data about the subject must be erased.
   */
  public static final String SUBJECT_PRIVACY_DELETED = "SUBJECT_PRIVACY_DELETED";
  /** {@code *.restore}: a deleted record was restored. */
  public static final String SUBJECT_RESTORED = "SUBJECT_RESTORED";
  /**
   * {@code *.associationChange}: the subject is {@code fromObjectId}; attributes {@code
   * associationType}, {@code toObjectId}, {@code associationRemoved}.
   */
  public static final String ASSOCIATION_CHANGED = "ASSOCIATION_CHANGED";
  /**
   * A change of a property the journey owns ({@link Builder#ownedProperty}) written by anyone but
   * this integration: attributes {@code propertyName}, {@code propertyValue}, {@code
   * changeSource}, {@code sourceId}; the journey's rules decide to adopt, revert or alert.
   */
  public static final String OWNED_PROPERTY_DRIFTED = "OWNED_PROPERTY_DRIFTED";

  /** The record-lifecycle events mapped by {@link Builder#lifecycleEvents}. */
  static final List<String> LIFECYCLE = List.of("merge", "deletion", "privacyDeletion", "restore", "associationChange");

  private static final Pattern OBJECT = Pattern.compile("contact|company|deal");
  private static final Pattern SIGNAL_TYPE = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  private final Map<String, String> byKey;
  private final Set<String> owned;
  private final Optional<String> ownAppId;

  private WebhookMapping(Map<String, String> byKey, Set<String> owned, Optional<String> ownAppId) {
    this.byKey = Map.copyOf(byKey);
    this.owned = Set.copyOf(owned);
    this.ownAppId = ownAppId;
  }

  /**
   * The default mapping: {@code contact.creation} → {@value #CONTACT_CREATED}, {@code
   * deal.creation} → {@value #DEAL_CREATED}, contact {@code lifecyclestage} changes → {@link
   * SignalTypes#LIFECYCLE_CHANGED}, deal {@code dealstage} changes → {@link
   * SignalTypes#DEAL_STAGE_CHANGED}, contact and deal {@code hubspot_owner_id} changes → {@value
   * #OWNER_CHANGED}, and for contacts, companies and deals the record-lifecycle events (merge,
   * deletion, privacy deletion, restore, association change; see {@link Builder#lifecycleEvents}).
   */
  public static WebhookMapping ofDefaults() {
    return builder()
        .creation("contact", CONTACT_CREATED)
        .creation("deal", DEAL_CREATED)
        .propertyChange("contact", "lifecyclestage", SignalTypes.LIFECYCLE_CHANGED)
        .propertyChange("deal", "dealstage", SignalTypes.DEAL_STAGE_CHANGED)
        .propertyChange("contact", "hubspot_owner_id", OWNER_CHANGED)
        .propertyChange("deal", "hubspot_owner_id", OWNER_CHANGED)
        .lifecycleEvents("contact")
        .lifecycleEvents("company")
        .lifecycleEvents("deal")
        .build();
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder(Map.of(), Set.of(), Optional.empty());
  }

  /** A builder starting from {@code existing}. */
  public static Builder builder(WebhookMapping existing) {
    Objects.requireNonNull(existing, "existing");
    return new Builder(existing.byKey, existing.owned, existing.ownAppId);
  }

  /** The signal type for a creation event of {@code object}, if mapped. */
  Optional<String> forCreation(String object) {
    return Optional.ofNullable(byKey.get(object + ".creation"));
  }

  /** The signal type for a change of {@code property} of {@code object}, if mapped. */
  Optional<String> forPropertyChange(String object, String property) {
    return Optional.ofNullable(byKey.get(object + ".propertyChange:" + property));
  }

  /** The signal type for a record-lifecycle event ({@code merge}, {@code deletion}...), if mapped. */
  Optional<String> forLifecycle(String object, String event) {
    return Optional.ofNullable(byKey.get(object + "." + event));
  }

  /** Whether the journey owns this property of this object (drift is reported). */
  boolean owns(String object, String property) {
    return owned.contains(object + "." + property);
  }

  /** The integration's own app id, whose writes are not buyer signals. */
  Optional<String> ownAppId() {
    return ownAppId;
  }

  /** Prints the mapping. */
  @Override
  public String toString() {
    return "WebhookMapping" + new java.util.TreeMap<>(byKey) + ", owned=" + new java.util.TreeSet<>(owned)
        + ownAppId.map(a -> ", ownAppId=" + a).orElse("");
  }

  /** Builds a {@link WebhookMapping}. Setters validate immediately. Not thread-safe. */
  public static final class Builder {
    private final Map<String, String> byKey;
    private final Set<String> owned;
    private Optional<String> ownAppId;

    Builder(Map<String, String> start, Set<String> owned, Optional<String> ownAppId) {
      this.byKey = new LinkedHashMap<>(start);
      this.owned = new java.util.LinkedHashSet<>(owned);
      this.ownAppId = ownAppId;
    }

    /**
     * Maps {@code <object>.merge}, {@code .deletion}, {@code .privacyDeletion}, {@code .restore}
     * and {@code .associationChange} to {@link #SUBJECT_MERGED}, {@link #SUBJECT_DELETED},
     * {@link #SUBJECT_PRIVACY_DELETED}, {@link #SUBJECT_RESTORED} and {@link
     * #ASSOCIATION_CHANGED}.
     *
     * @param object {@code contact}, {@code company} or {@code deal}
     */
    public Builder lifecycleEvents(String object) {
      String o = checkObject(object);
      byKey.put(o + ".merge", SUBJECT_MERGED);
      byKey.put(o + ".deletion", SUBJECT_DELETED);
      byKey.put(o + ".privacyDeletion", SUBJECT_PRIVACY_DELETED);
      byKey.put(o + ".restore", SUBJECT_RESTORED);
      byKey.put(o + ".associationChange", ASSOCIATION_CHANGED);
      return this;
    }

    /**
     * Declares a property the journey owns (single writer): a change of it written by anyone but
     * {@link #ownAppId} becomes an {@link #OWNED_PROPERTY_DRIFTED} signal instead of the mapped
     * type. Subscribe to its {@code propertyChange} in HubSpot.
     *
     * @param object {@code contact}, {@code company} or {@code deal}
     * @param property the internal name, e.g. {@code hubspot_owner_id}
     */
    public Builder ownedProperty(String object, String property) {
      Objects.requireNonNull(property, "property");
      if (property.isBlank()) {
        throw new IllegalArgumentException("property must not be blank, but was '" + property + "'");
      }
      owned.add(checkObject(object) + "." + property);
      return this;
    }

    /**
     * The integration's own HubSpot app id: events whose {@code sourceId} is this app (its own
     * writes coming back) are ignored rather than passed on as buyer signals, so a write cannot
     * loop.
     *
     * @throws IllegalArgumentException when not a number
     */
    public Builder ownAppId(String appId) {
      Objects.requireNonNull(appId, "appId");
      if (!appId.matches("[0-9]{1,19}")) {
        throw new IllegalArgumentException("appId must be a HubSpot app id (digits), but was '" + appId + "'");
      }
      this.ownAppId = Optional.of(appId);
      return this;
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
      return new WebhookMapping(byKey, owned, ownAppId);
    }
  }
}
