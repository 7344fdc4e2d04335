package dev.journey.core.identity;

import dev.journey.core.ObjectType;
import dev.journey.core.internal.Checks;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The rules of the identity graph: how many values of each identifier type one subject may have
 * (a <em>unique</em> type has at most one: two HubSpot contact ids or two product user ids on one
 * person are a data error, not a person), which alias type a subject's own id counts as, which
 * state a merge keeps, and which email domains are free-mail (never matched to a company).
 *
 * <p>A merge, or an alias attached by a signal, that would give a subject more values of a type
 * than its limit is refused, audited and queued for a person ({@link
 * dev.journey.core.spi.QuarantinedInput.Kind#IDENTITY_REVIEW}); a CRM merge may join the values of
 * the CRM's own id type, which is what a CRM merge is. Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * IdentityPolicy policy = IdentityPolicy.builder()
 *     .unique("product-user")
 *     .limit(Alias.EMAIL, 5)
 *     .statePrecedence(StatePrecedence.moreAdvanced())
 *     .build();
 * }</pre>
 */
public final class IdentityPolicy {
  /** The free-mail domains excluded from company matching by default. */
  public static final Set<String> DEFAULT_FREE_MAIL =
      Collections.unmodifiableSet(
          new TreeSet<>(
              Set.of(
                  "gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com",
                  "live.com", "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com",
                  "gmx.de", "gmx.net", "web.de", "yandex.ru", "mail.ru", "qq.com", "163.com")));

  private final Map<String, Integer> limits;
  private final Map<ObjectType, String> subjectIdTypes;
  private final StatePrecedence precedence;
  private final Set<String> freeMail;

  private IdentityPolicy(Builder b) {
    this.limits = Collections.unmodifiableMap(new TreeMap<>(b.limits));
    this.subjectIdTypes = Collections.unmodifiableMap(new EnumMap<>(b.subjectIdTypes));
    this.precedence = b.precedence;
    this.freeMail = Collections.unmodifiableSet(new TreeSet<>(b.freeMail));
  }

  /**
   * The defaults: a subject's own id counts as {@code hubspot-contact}, {@code hubspot-company}
   * or {@code hubspot-deal}, each unique, as is {@code product-user}; other types unlimited; the
   * more advanced state wins; {@link #DEFAULT_FREE_MAIL}.
   */
  public static IdentityPolicy defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The most values of {@code type} one subject may have; {@link Integer#MAX_VALUE} if unlimited. */
  public int limit(String type) {
    return limits.getOrDefault(type, Integer.MAX_VALUE);
  }

  /** The limits per type (types not listed are unlimited). */
  public Map<String, Integer> limits() {
    return limits;
  }

  /** The alias type a subject's own id counts as, if any. */
  public Optional<String> subjectIdType(ObjectType type) {
    return Optional.ofNullable(subjectIdTypes.get(type));
  }

  /** Which state a merge keeps. */
  public StatePrecedence statePrecedence() {
    return precedence;
  }

  /** Returns {@code true} for a free-mail domain (never matched to a company). */
  public boolean freeMail(String domain) {
    return freeMail.contains(domain.toLowerCase(Locale.ROOT));
  }

  /** Configures an {@link IdentityPolicy}; setters validate at once. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Integer> limits = new TreeMap<>();
    private final Map<ObjectType, String> subjectIdTypes = new EnumMap<>(ObjectType.class);
    private StatePrecedence precedence = StatePrecedence.moreAdvanced();
    private final Set<String> freeMail = new TreeSet<>(DEFAULT_FREE_MAIL);

    Builder() {
      subjectIdType(ObjectType.CONTACT, "hubspot-contact");
      subjectIdType(ObjectType.COMPANY, "hubspot-company");
      subjectIdType(ObjectType.DEAL, "hubspot-deal");
      unique("hubspot-contact", "hubspot-company", "hubspot-deal", "product-user");
    }

    /** Types with at most one value per subject. */
    public Builder unique(String... types) {
      for (String type : types) {
        limit(type, 1);
      }
      return this;
    }

    /**
     * At most {@code max} values of {@code type} per subject.
     *
     * @throws IllegalArgumentException when {@code max} is below 1
     */
    public Builder limit(String type, int max) {
      Checks.notBlank(type, "type");
      if (max < 1) {
        throw new IllegalArgumentException(
            "limit of alias type " + type + " must be >= 1, but was " + max);
      }
      limits.put(type, max);
      return this;
    }

    /** Removes the limit of a type (unlimited values). */
    public Builder unlimited(String type) {
      limits.remove(Checks.notBlank(type, "type"));
      return this;
    }

    /** The alias type a subject's own id counts as (for merge protection). */
    public Builder subjectIdType(ObjectType objectType, String aliasType) {
      subjectIdTypes.put(Objects.requireNonNull(objectType, "objectType"), Checks.notBlank(aliasType, "aliasType"));
      return this;
    }

    /** Which state a merge keeps; default {@link StatePrecedence#moreAdvanced()}. */
    public Builder statePrecedence(StatePrecedence precedence) {
      this.precedence = Objects.requireNonNull(precedence, "precedence");
      return this;
    }

    /** Replaces the free-mail domains. */
    public Builder freeMailDomains(Set<String> domains) {
      freeMail.clear();
      for (String d : domains) {
        freeMail.add(Checks.notBlank(d, "domain").toLowerCase(Locale.ROOT));
      }
      return this;
    }

    /** Builds the policy. */
    public IdentityPolicy build() {
      return new IdentityPolicy(this);
    }
  }
}
