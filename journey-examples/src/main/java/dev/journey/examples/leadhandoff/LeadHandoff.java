package dev.journey.examples.leadhandoff;

import dev.journey.core.ObjectType;
import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.config.JourneyConfig;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.hubspot.HubSpotActionEffects;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the example lead-handoff journey needs beyond its configuration: where its files are, and
 * the contact copies of deal signals. The wiring itself (model, owners and calendars, routing,
 * SLAs, guardrails, the DRL rule-set directory) is {@code docs/examples/lead-handoff/journey.json},
 * loaded with {@code journey-config}:
 *
 * <pre>{@code
 * JourneyConfig handoff = JourneyConfig.load(Path.of("docs/examples/lead-handoff/journey.json"));
 * JourneyEngine engine = JourneyEngine.builder().definition(handoff.definition(registry)).build();
 * }</pre>
 *
 * <p><b>Deals and contacts.</b> A deal signal names its contact in {@code contactId}. The deal has a
 * journey of its own (its rules record the deal stage), and {@link #withContactCopies(List)} adds,
 * right after each deal signal, a copy addressed to the contact, so the contact's journey reacts
 * to the deal (opportunity, customer, closed lost). The copy's id is derived from the deal
 * signal's id, so a redelivered deal signal yields a redelivered copy, which the engine drops as a
 * duplicate.
 */
public final class LeadHandoff {
  /** The configuration file in the example directory. */
  public static final String WIRING = "journey.json";
  /** The directory of rule-set versions inside the example directory. */
  public static final String RULES = "rules";
  /** The attribute a contact copy of a deal signal carries: the deal's id. */
  public static final String DEAL_ID = "dealId";
  /** The attribute of a deal signal that names its contact. */
  public static final String CONTACT_ID = "contactId";

  private LeadHandoff() {}

  /**
   * The example journey from its configuration with {@code evaluator}, and HubSpot's action
   * effects: a deal-stage update and a recycle record {@code dealstage}, {@code pipeline} and
   * {@code recycle_reason} on the snapshot, which the example's rules and tests read.
   */
  public static JourneyDefinition definition(JourneyConfig config, JourneyEvaluator evaluator) {
    return config.definition(evaluator).toBuilder().effects(HubSpotActionEffects.table()).build();
  }

  /** The configuration file of an example directory: {@code dir/}{@value #WIRING}. */
  public static Path configFile(Path directory) {
    return directory.resolve(WIRING);
  }

  /** The directory of one rule-set version of an example directory: {@code dir/rules/<version>}. */
  public static Path rules(Path directory, String version) {
    return directory.resolve(RULES).resolve(version);
  }

  /**
   * Returns the signals with, right after each deal signal that names a contact ({@value
   * #CONTACT_ID}), a copy for that contact: same type, time, source and attributes plus {@value
   * #DEAL_ID}, id {@code contact-<contactId>~<deal signal id>}. Other signals are unchanged.
   */
  public static List<Signal> withContactCopies(List<Signal> signals) {
    List<Signal> out = new ArrayList<>(signals.size() + signals.size() / 20);
    for (Signal signal : signals) {
      out.add(signal);
      contactCopy(signal).ifPresent(out::add);
    }
    return out;
  }

  /** The contact copy of a deal signal that names its contact; empty for any other signal. */
  public static Optional<Signal> contactCopy(Signal signal) {
    if (signal.subject().type() != ObjectType.DEAL) {
      return Optional.empty();
    }
    return signal
        .stringAttribute(CONTACT_ID)
        .filter(id -> !id.isBlank())
        .map(
            contactId -> {
              Map<String, Object> attributes = new LinkedHashMap<>(signal.attributes());
              attributes.put(DEAL_ID, signal.subject().id());
              return Signal.builder()
                  .id("contact-" + contactId + "~" + signal.id())
                  .subject(SubjectRef.contact(contactId))
                  .type(signal.type())
                  .occurredAt(signal.occurredAt())
                  .source(signal.source())
                  .attributes(attributes)
                  .build();
            });
  }

}
