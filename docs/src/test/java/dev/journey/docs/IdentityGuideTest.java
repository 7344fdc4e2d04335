package dev.journey.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Alias;
import dev.journey.core.ObjectType;
import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.calendar.BusinessCalendar;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.identity.IdentityKey;
import dev.journey.core.identity.IdentityPolicy;
import dev.journey.core.identity.IdentityResolver;
import dev.journey.core.identity.MergeRequest;
import dev.journey.core.identity.MergeResult;
import dev.journey.core.identity.StatePrecedence;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.routing.RoutingPolicy;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.sla.SlaPolicy;
import dev.journey.core.sla.SlaStage;
import dev.journey.core.spi.QuarantinedInput;
import dev.journey.core.state.JourneyModel;
import dev.journey.testkit.clock.VirtualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The samples of docs/identity.md, run. */
final class IdentityGuideTest {
  private static final JavaRuleSet RULES =
      JavaRuleSet.builder("lead-handoff", "1")
          .rule("demo request goes to sales",
              f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED) && f.snapshot().state().equals(JourneyModel.NURTURE),
              (f, d) -> d.transitionTo(JourneyModel.SALES_ENGAGED).assignOwner("owner-42", "inbound demo")
                  .startTimer("sla:first-touch", f.now().plus(Duration.ofHours(2))))
          .build();

  @Test
  void the_identity_guide_recognises_merges_and_protects() {
    VirtualClock clock = VirtualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    byte[] secretFromYourVault = "docs-only-identity-key-32-bytes!".getBytes(StandardCharsets.UTF_8);
    JourneyDefinition journey = JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), RULES);
    // tag::wiring[]
    IdentityKey key = IdentityKey.of(secretFromYourVault); // HMAC key: emails are stored as keyed hashes
    InMemoryJourneyStore store = InMemoryJourneyStore.create(); // or JdbcJourneyStore: both are AliasStores
    IdentityPolicy policy = IdentityPolicy.builder()
        .unique("product-user")                              // one product user id per person
        .limit(Alias.EMAIL, 5)
        .statePrecedence(StatePrecedence.moreAdvanced())     // the default
        .build();
    IdentityResolver identity = IdentityResolver.builder()
        .store(store).model(journey.model()).features(journey.features()) // a merge combines features
        .policy(policy).clock(clock).build();
    JourneyEngine engine = JourneyEngine.builder()
        .definition(journey).store(store).clock(clock).identity(identity).build();
    // end::wiring[]

    // tag::aliases[]
    engine.accept(Signal.builder().id("form-1").subject(SubjectRef.contact("1001"))
            .type(SignalTypes.DEMO_REQUESTED).occurredAt(clock.instant()).source("hubspot").build(),
        List.of(key.email("ada@acme.example"), Alias.of("product-user", "u-77")));

    // later: the product signs the same person in with a private email, no CRM id known
    Alias privateEmail = key.email("ada.l@private.example");
    SubjectRef unknown = IdentityResolver.provisional(ObjectType.CONTACT, privateEmail);
    SignalResult result = engine.accept(
        Signal.builder().id("app-9").subject(unknown).type(SignalTypes.FORM_SUBMITTED)
            .occurredAt(clock.instant()).source("product").build(),
        List.of(privateEmail, Alias.of("product-user", "u-77")));
    // result.signal().subject() is contact:1001: same owner, same SLA; the new email is an alias now
    // end::aliases[]
    assertThat(result.signal().subject()).isEqualTo(SubjectRef.contact("1001"));
    assertThat(store.resolve(privateEmail)).contains(SubjectRef.contact("1001"));
    assertThat(store.load(SubjectRef.contact("1001")).orElseThrow().owner()).contains("owner-42");

    engine.accept(Signal.builder().id("form-2").subject(SubjectRef.contact("1002"))
        .type(SignalTypes.DEMO_REQUESTED).occurredAt(clock.instant()).source("hubspot").build());
    // tag::merge[]
    MergeResult merged = identity.merger().merge(MergeRequest.crm(
        "hubspot:contact.merge:4711",                 // idempotency id: a redelivery changes nothing
        SubjectRef.contact("1001"),                   // the survivor (primaryObjectId)
        List.of(SubjectRef.contact("1002")),          // the absorbed (mergedObjectIds)
        "hubspot-contact",                            // a CRM merge may join the CRM's own ids
        clock.instant()));
    // merged is MergeResult.Merged; signals for contact:1002 now reach contact:1001
    // end::merge[]
    assertThat(merged).isInstanceOf(MergeResult.Merged.class);
    assertThat(store.load(SubjectRef.contact("1001")).orElseThrow().timers()).containsOnlyKeys("sla:first-touch");

    engine.accept(Signal.builder().id("form-3").subject(SubjectRef.contact("2001"))
            .type(SignalTypes.FORM_SUBMITTED).occurredAt(clock.instant()).source("hubspot").build(),
        List.of(Alias.of("product-user", "u-78")));
    // tag::protection[]
    MergeResult refused = identity.merger().merge(MergeRequest.api(
        "support:ticket-88", SubjectRef.contact("1001"), List.of(SubjectRef.contact("2001")), clock.instant()));
    // refused is MergeResult.Refused: two product user ids (and two HubSpot contact ids) on one
    // person; nothing changed, both audits say so, and a person decides:
    List<QuarantinedInput> review = store.quarantined(); // kind IDENTITY_REVIEW, id support:ticket-88
    // end::protection[]
    assertThat(refused).isInstanceOf(MergeResult.Refused.class);
    assertThat(review).extracting(QuarantinedInput::kind).containsExactly(QuarantinedInput.Kind.IDENTITY_REVIEW);

    // tag::account[]
    RoutingPolicy inbound = RoutingPolicy.builder("inbound")
        .sticky(RoutingPolicy.ACCOUNT_OWNER, "owner")   // the company's owner first, then the contact's
        .roundRobin("sdr")
        .fallbackQueue("queue-inbound")
        .build();
    // a company signal with its domain makes the domain an alias of the company ...
    //   engine.accept(companySignal, List.of(Alias.domain("acme.example")));
    // ... and a contact signal carrying the domain of its email links the contact to it
    //   engine.accept(contactSignal, List.of(key.email(email), Alias.domain(IdentityKey.domainOf(email))));
    // end::account[]
    assertThat(inbound.name()).isEqualTo("inbound");
  }

  @Test
  void the_identity_guide_runs_a_contacts_sla_on_its_companys_clock() {
    VirtualClock clock = VirtualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    IdentityResolver identity = IdentityResolver.builder()
        .store(store).model(JourneyModel.leadHandoff()).clock(clock).build();
    // tag::account-sla[]
    SlaPolicy firstTouch = SlaPolicy.builder("first-touch")
        .target(Duration.ofHours(4))
        .calendar(BusinessCalendar.alwaysOpen(ZoneOffset.UTC))
        .satisfiedBy(SignalTypes.SALES_ACTIVITY)
        .alternateQueue("queue-inbound")
        .build();
    JavaRuleSet rules = JavaRuleSet.builder("accounts", "1")
        .rule("an account in play starts the SLA", f -> f.signal().type().equals("ACCOUNT_IN_PLAY"),
            (f, d) -> d.startSla("first-touch"))                 // on the company subject
        .rule("a demo request starts the SLA", f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED),
            (f, d) -> d.startSla("first-touch"))                 // on the contact
        .build();
    JourneyEngine engine = JourneyEngine.builder()
        .definition(JourneyDefinition.builder("lead-handoff").model(JourneyModel.leadHandoff())
            .evaluator(rules).stage(SlaStage.builder().sla(firstTouch).build()).build())
        .store(store).clock(clock).identity(identity).build();

    engine.accept(Signal.builder().id("c-1").subject(SubjectRef.company("77")).type("ACCOUNT_IN_PLAY")
        .occurredAt(clock.instant()).source("crm").build());     // the company's SLA: due 13:00
    engine.accept(Signal.builder().id("a-1").subject(SubjectRef.contact("1001"))
        .type(IdentityResolver.ACCOUNT_LINKED).occurredAt(clock.instant()).source("hubspot")
        .attribute(IdentityResolver.COMPANY, "77").build());     // Ada works at company 77
    clock.advance(Duration.ofHours(3));
    engine.accept(Signal.builder().id("d-1").subject(SubjectRef.contact("1001"))
        .type(SignalTypes.DEMO_REQUESTED).occurredAt(clock.instant()).source("hubspot").build());
    // Ada's SLA is due at 13:00 too, not at 16:00: attribute sla.account = company:77
    // end::account-sla[]
    assertThat(store.load(SubjectRef.contact("1001")).orElseThrow().timers().get("sla:first-touch")
        .attributes()).containsEntry(SlaStage.ATTR_DUE_AT, "2026-03-02T13:00:00Z")
        .containsEntry(SlaStage.ATTR_ACCOUNT, "company:77");
  }
}
