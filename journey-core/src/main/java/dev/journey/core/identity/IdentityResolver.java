package dev.journey.core.identity;

import dev.journey.core.Alias;
import dev.journey.core.InvalidValueException;
import dev.journey.core.ObjectType;
import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.spi.AliasChange;
import dev.journey.core.spi.AliasStore;
import dev.journey.core.spi.JourneyStore;
import dev.journey.core.spi.QuarantinedInput;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity step the engine runs before it takes the per-subject lock: it maps a signal to its
 * canonical subject and says which alias rows to commit with it.
 *
 * <ol>
 *   <li>A subject merged away is replaced by its survivor.
 *   <li>A {@linkplain #provisional provisional} subject (a source that knows no CRM id names the
 *       subject by an alias) whose aliases point to a known subject becomes that subject: the
 *       person is recognised.
 *   <li>Aliases no subject has yet are attached to the subject in the signal's commit, within the
 *       policy's limits per type; an alias over its limit is not attached and is queued for review
 *       ({@link QuarantinedInput.Kind#IDENTITY_REVIEW}).
 *   <li>Aliases that point to another subject are a collision: the subjects are merged ({@link
 *       MergeRequest.Source#ALIAS_COLLISION}; a provisional subject is absorbed, else the other
 *       one) when the policy allows it, else the merge is refused and queued for review and the
 *       signal stays with its subject.
 *   <li>A contact's {@link Alias#DOMAIN domain} alias links it to the company that has that domain
 *       (free-mail domains excluded) when it has no company yet; an {@link #ACCOUNT_LINKED} or
 *       {@link #ACCOUNT_UNLINKED} signal (HubSpot association changes) sets or removes the link.
 * </ol>
 *
 * <p>A signal without aliases costs one alias lookup. Thread-safe.
 */
public final class IdentityResolver {
  /** Signal type: a contact was associated with the company in attribute {@link #COMPANY}. */
  public static final String ACCOUNT_LINKED = "ACCOUNT_LINKED";
  /** Signal type: a contact's association with the company in {@link #COMPANY} was removed. */
  public static final String ACCOUNT_UNLINKED = "ACCOUNT_UNLINKED";
  /** The attribute naming the company id of an account link signal. */
  public static final String COMPANY = "companyId";

  private static final Logger LOG = LoggerFactory.getLogger(IdentityResolver.class);
  private static final String PROVISIONAL = "~";

  private final JourneyStore store;
  private final AliasStore aliases;
  private final SubjectMerger merger;
  private final IdentityPolicy policy;
  private final Clock clock;

  private IdentityResolver(Builder b) {
    this.store = b.store;
    this.aliases = (AliasStore) b.store;
    this.policy = b.policy;
    this.clock = b.clock;
    this.merger =
        b.merger != null
            ? b.merger
            : SubjectMerger.builder()
                .store(b.store)
                .model(b.model)
                .policy(b.policy)
                .clock(b.clock)
                .features(b.features)
                .build();
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The merger used for collisions (and for your own merges). */
  public SubjectMerger merger() {
    return merger;
  }

  /**
   * The provisional subject a source names when it knows no CRM id, e.g. {@code
   * contact:~product-user~u-77}. It counts as no CRM id in merge protection, and a signal for it
   * whose aliases are known goes to the known subject.
   */
  public static SubjectRef provisional(ObjectType type, Alias alias) {
    Objects.requireNonNull(alias, "alias");
    String id = PROVISIONAL + alias.type() + PROVISIONAL + alias.value().replace(':', '_');
    if (id.length() > SubjectRef.MAX_ID_LENGTH) {
      id = id.substring(0, SubjectRef.MAX_ID_LENGTH);
    }
    return new SubjectRef(type, id);
  }

  /** Returns {@code true} for a {@linkplain #provisional provisional} subject. */
  public static boolean provisional(SubjectRef subject) {
    return subject.id().startsWith(PROVISIONAL);
  }

  /** The subject a merged-away subject now belongs to (itself when never merged). */
  public SubjectRef canonical(SubjectRef subject) {
    return aliases.resolve(Alias.subject(subject)).orElse(subject);
  }

  /**
   * Resolves a signal and the aliases it carries.
   *
   * @throws InvalidValueException when an alias has a reserved type ({@code subject}, {@code
   *     account}), which only the store writes
   */
  public Resolution resolve(Signal signal, List<Alias> carried) {
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(carried, "aliases");
    SubjectRef subject = canonical(signal.subject());
    if (carried.isEmpty() && !ACCOUNT_LINKED.equals(signal.type()) && !ACCOUNT_UNLINKED.equals(signal.type())) {
      // the common case: no aliases, nothing to attach
      return new Resolution(subject.equals(signal.subject()) ? signal : readdressed(signal, subject), List.of(), Optional.empty());
    }
    List<AliasChange> changes = new ArrayList<>();
    Optional<MergeResult> merge = Optional.empty();
    if (!carried.isEmpty()) {
      Set<Alias> set = new LinkedHashSet<>();
      for (Alias a : carried) {
        Objects.requireNonNull(a, "alias");
        if (a.reserved()) {
          throw new InvalidValueException(
              "signal aliases", "identifier types other than 'subject' and 'account'", a.type());
        }
        set.add(a);
      }
      List<Alias> unowned = new ArrayList<>();
      Set<SubjectRef> owners = new LinkedHashSet<>();
      Alias domain = null;
      for (Alias a : set) {
        if (Alias.DOMAIN.equals(a.type()) && subject.type() != ObjectType.COMPANY) {
          domain = a;
          continue;
        }
        Optional<SubjectRef> owner = aliases.resolve(a).map(this::canonical);
        if (owner.isEmpty()) {
          unowned.add(a);
        } else if (!owner.get().equals(subject)) {
          owners.add(owner.get());
        }
      }
      if (!owners.isEmpty()) {
        if (provisional(subject) && owners.size() == 1) {
          subject = owners.iterator().next();
        } else {
          SubjectRef survivor;
          List<SubjectRef> absorbed = new ArrayList<>(owners);
          if (provisional(subject)) {
            survivor = absorbed.remove(0);
            absorbed.add(subject);
          } else {
            survivor = subject;
          }
          MergeResult result =
              merger.merge(
                  new MergeRequest(
                      "alias-collision:" + truncate(signal.id()),
                      survivor,
                      absorbed,
                      MergeRequest.Source.ALIAS_COLLISION,
                      Set.of(),
                      signal.occurredAt()));
          merge = Optional.of(result);
          if (!(result instanceof MergeResult.Refused)) {
            subject = canonical(survivor);
          }
        }
      }
      changes.addAll(attachable(signal, subject, unowned));
      if (domain != null && subject.type() == ObjectType.CONTACT && !policy.freeMail(domain.value())) {
        Optional<SubjectRef> company = aliases.resolve(domain).map(this::canonical);
        if (company.isPresent() && aliases.resolve(Alias.accountOf(subject)).isEmpty()) {
          changes.add(new AliasChange.Attach(Alias.accountOf(subject), company.get(), false));
        }
      }
    }
    if (subject.type() == ObjectType.CONTACT
        && (ACCOUNT_LINKED.equals(signal.type()) || ACCOUNT_UNLINKED.equals(signal.type()))) {
      Optional<String> company = signal.stringAttribute(COMPANY).filter(s -> !s.isBlank());
      if (company.isEmpty()) {
        throw new InvalidValueException(
            "signal.attributes." + COMPANY, "the associated company's id", "none");
      }
      SubjectRef target = canonical(SubjectRef.company(company.get()));
      if (ACCOUNT_LINKED.equals(signal.type())) {
        changes.add(new AliasChange.Attach(Alias.accountOf(subject), target, true));
      } else if (aliases.resolve(Alias.accountOf(subject)).filter(target::equals).isPresent()) {
        changes.add(new AliasChange.Detach(Alias.accountOf(subject)));
      }
    }
    Signal resolved = subject.equals(signal.subject()) ? signal : readdressed(signal, subject);
    return new Resolution(resolved, changes, merge);
  }

  private static Signal readdressed(Signal signal, SubjectRef subject) {
    return new Signal(
        signal.id(), subject, signal.type(), signal.occurredAt(), signal.source(), signal.attributes(),
        signal.firing());
  }

  /** The company a contact is linked to, if any. */
  public Optional<SubjectRef> accountOf(SubjectRef contact) {
    return aliases.resolve(Alias.accountOf(canonical(contact))).map(this::canonical);
  }

  /** The unowned aliases that fit the policy's limits; the others are queued for review. */
  private List<AliasChange> attachable(Signal signal, SubjectRef subject, List<Alias> unowned) {
    if (unowned.isEmpty()) {
      return List.of();
    }
    Map<String, Integer> counts = new TreeMap<>();
    for (Alias a : aliases.aliases(subject)) {
      counts.merge(a.type(), 1, Integer::sum);
    }
    Optional<String> idType = provisional(subject) ? Optional.empty() : policy.subjectIdType(subject.type());
    idType.ifPresent(t -> counts.merge(t, 1, Integer::sum));
    List<AliasChange> out = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    for (Alias a : unowned) {
      if (idType.filter(a.type()::equals).isPresent() && a.value().equals(subject.id())) {
        out.add(new AliasChange.Attach(a, subject, false)); // its own id: not a second value
        continue;
      }
      int n = counts.getOrDefault(a.type(), 0);
      if (n >= policy.limit(a.type())) {
        refused.add(a.type());
      } else {
        counts.put(a.type(), n + 1);
        out.add(new AliasChange.Attach(a, subject, false));
      }
    }
    if (!refused.isEmpty()) {
      String reason =
          String.format(
              Locale.ROOT,
              "alias(es) of type %s not attached to %s: over the limit of the identity policy",
              refused,
              subject);
      store.quarantine(
          new QuarantinedInput(
              QuarantinedInput.Kind.IDENTITY_REVIEW,
              "alias:" + truncate(signal.id()),
              Optional.of(subject),
              reason,
              "signal " + signal.id() + " carried " + refused.size() + " alias(es) of type(s) " + refused,
              1,
              clock.instant()));
      LOG.warn("{}; queued for review", reason);
    }
    return out;
  }

  private static String truncate(String id) {
    return id.length() > 200 ? id.substring(0, 200) : id;
  }

  /** Configures an {@link IdentityResolver}. Not thread-safe. */
  public static final class Builder {
    private JourneyStore store;
    private dev.journey.core.state.JourneyModel model;
    private IdentityPolicy policy = IdentityPolicy.defaults();
    private Clock clock = Clock.systemUTC();
    private SubjectMerger merger;
    private dev.journey.core.feature.FeatureSet features = dev.journey.core.feature.FeatureSet.none();

    Builder() {}

    /**
     * The journey's declared features, so that a merge combines them (see {@link
     * SubjectMerger.Builder#features}); ignored when a {@link #merger} is given.
     */
    public Builder features(dev.journey.core.feature.FeatureSet features) {
      this.features = Objects.requireNonNull(features, "features");
      return this;
    }

    /**
     * The store (required); it must also be an {@link AliasStore}.
     *
     * @throws IllegalArgumentException when it is not
     */
    public Builder store(JourneyStore store) {
      Objects.requireNonNull(store, "store");
      if (!(store instanceof AliasStore)) {
        throw new IllegalArgumentException(
            "the store must implement AliasStore to resolve identities, but "
                + store.getClass().getName()
                + " does not");
      }
      this.store = store;
      return this;
    }

    /** The journey model (required unless a merger is given). */
    public Builder model(dev.journey.core.state.JourneyModel model) {
      this.model = Objects.requireNonNull(model, "model");
      return this;
    }

    /** The identity policy; default {@link IdentityPolicy#defaults()}. */
    public Builder policy(IdentityPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The clock; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The merger for collisions; default one built from this store, model, policy and clock. */
    public Builder merger(SubjectMerger merger) {
      this.merger = Objects.requireNonNull(merger, "merger");
      return this;
    }

    /**
     * Builds the resolver.
     *
     * @throws IllegalStateException when the store, or both model and merger, are missing
     */
    public IdentityResolver build() {
      if (store == null || (model == null && merger == null)) {
        throw new IllegalStateException("a resolver needs store(...) and model(...) (or merger(...))");
      }
      return new IdentityResolver(this);
    }
  }
}
