package dev.journey.hubspot;

import dev.journey.core.ObjectType;
import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.identity.IdentityResolver;
import dev.journey.core.identity.MergeRequest;
import dev.journey.core.identity.MergeResult;
import dev.journey.core.spi.Erasure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SignalSink} that applies HubSpot's identity events to the identity graph before
 * anything else sees them, and hands every other signal to the engine:
 *
 * <ul>
 *   <li>{@code contact.merge} / {@code company.merge} ({@link WebhookMapping#SUBJECT_MERGED}):
 *       the {@code mergedObjectIds} are folded into {@code primaryObjectId} by the resolver's
 *       {@link dev.journey.core.identity.SubjectMerger} in one commit, idempotent under the
 *       event's signal id; the merge may join the CRM's own ids ({@code hubspot-contact}, {@code
 *       hubspot-company}); a merge the policy refuses is queued for review;
 *   <li>{@code contact.deletion} / {@code contact.privacyDeletion} (and the company ones): the
 *       subject, its aliases and the subjects merged into it are erased through the store's
 *       {@link Erasure};
 *   <li>{@code contact.associationChange} with a company ({@code CONTACT_TO_COMPANY}, or {@code
 *       COMPANY_TO_CONTACT} from the company's side): the contact's account link is set or
 *       removed by an {@link IdentityResolver#ACCOUNT_LINKED} / {@link
 *       IdentityResolver#ACCOUNT_UNLINKED} signal through the engine;
 *   <li>{@code contact.restore} and everything else: passed to the engine unchanged (a restored
 *       contact that was erased starts a new journey).
 * </ul>
 *
 * <pre>{@code
 * WebhookReceiver receiver = WebhookReceiver.builder(
 *         clientSecret, HubSpotIdentitySink.of(engine::accept, identity, store))
 *     .mapping(WebhookMapping.ofDefaults())
 *     .build();
 * }</pre>
 *
 * Thread-safe when the engine is.
 */
public final class HubSpotIdentitySink implements SignalSink {
  /** The alias type of a HubSpot contact id (what a contact merge joins). */
  public static final String CONTACT_ID = "hubspot-contact";
  /** The alias type of a HubSpot company id (what a company merge joins). */
  public static final String COMPANY_ID = "hubspot-company";

  private static final Logger LOG = LoggerFactory.getLogger(HubSpotIdentitySink.class);

  private final SignalSink engine;
  private final IdentityResolver identity;
  private final Erasure erasure;

  private HubSpotIdentitySink(SignalSink engine, IdentityResolver identity, Erasure erasure) {
    this.engine = engine;
    this.identity = identity;
    this.erasure = erasure;
  }

  /**
   * A sink in front of {@code engine} (typically {@code engine::accept} of an engine built with
   * {@code identity} as its identity step), erasing through {@code erasure} (the same store).
   */
  public static HubSpotIdentitySink of(SignalSink engine, IdentityResolver identity, Erasure erasure) {
    return new HubSpotIdentitySink(
        Objects.requireNonNull(engine, "engine"),
        Objects.requireNonNull(identity, "identity"),
        Objects.requireNonNull(erasure, "erasure"));
  }

  @Override
  public void accept(Signal signal) {
    Objects.requireNonNull(signal, "signal");
    switch (signal.type()) {
      case WebhookMapping.SUBJECT_MERGED -> merge(signal);
      case WebhookMapping.SUBJECT_DELETED, WebhookMapping.SUBJECT_PRIVACY_DELETED -> erase(signal);
      case WebhookMapping.ASSOCIATION_CHANGED -> associate(signal);
      default -> engine.accept(signal);
    }
  }

  /** What the merge of a {@link WebhookMapping#SUBJECT_MERGED} signal did. */
  MergeResult merge(Signal signal) {
    String ids = signal.stringAttribute("mergedObjectIds").orElse("");
    List<SubjectRef> absorbed = new ArrayList<>();
    for (String id : ids.split(",")) {
      if (!id.isBlank() && !id.equals(signal.subject().id())) {
        absorbed.add(new SubjectRef(signal.subject().type(), id.trim()));
      }
    }
    if (absorbed.isEmpty()) {
      throw new dev.journey.core.InvalidValueException(
          "signal " + signal.id() + " mergedObjectIds", "ids other than the primary " + signal.subject().id(), "'" + ids + "'");
    }
    String crmIdType = signal.subject().type() == ObjectType.COMPANY ? COMPANY_ID : CONTACT_ID;
    MergeResult result =
        identity.merger().merge(MergeRequest.crm(signal.id(), signal.subject(), absorbed, crmIdType, signal.occurredAt()));
    LOG.info("HubSpot merge {} into {}: {}", absorbed, signal.subject(), result.getClass().getSimpleName());
    return result;
  }

  private void erase(Signal signal) {
    SubjectRef subject = identity.canonical(signal.subject());
    int deleted = erasure.erase(subject);
    LOG.info("HubSpot {} of {}: {} record(s) erased", signal.type().toLowerCase(Locale.ROOT), subject, deleted);
  }

  private void associate(Signal signal) {
    String type = signal.stringAttribute("associationType").orElse("").toUpperCase(Locale.ROOT);
    String to = signal.stringAttribute("toObjectId").orElse("");
    SubjectRef contact;
    String company;
    if (signal.subject().type() == ObjectType.CONTACT && type.equals("CONTACT_TO_COMPANY")) {
      contact = signal.subject();
      company = to;
    } else if (signal.subject().type() == ObjectType.COMPANY && type.equals("COMPANY_TO_CONTACT")) {
      contact = SubjectRef.contact(to);
      company = signal.subject().id();
    } else {
      engine.accept(signal);
      return;
    }
    boolean removed = Boolean.TRUE.equals(signal.attributes().get("associationRemoved"));
    Map<String, Object> attributes = new LinkedHashMap<>(signal.attributes());
    attributes.put(IdentityResolver.COMPANY, company);
    engine.accept(
        new Signal(
            signal.id(),
            contact,
            removed ? IdentityResolver.ACCOUNT_UNLINKED : IdentityResolver.ACCOUNT_LINKED,
            signal.occurredAt(),
            signal.source(),
            attributes));
  }
}
