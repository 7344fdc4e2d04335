package dev.journey.testkit.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Alias;
import dev.journey.core.ObjectType;
import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.AssignOwner;
import dev.journey.core.action.EnrollSequence;
import dev.journey.core.calendar.BusinessCalendar;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.feature.FeatureSet;
import dev.journey.core.feature.SignalMatch;
import dev.journey.core.guardrail.SuppressionGuardrail;
import dev.journey.core.identity.IdentityKey;
import dev.journey.core.identity.IdentityResolver;
import dev.journey.core.identity.MergeRequest;
import dev.journey.core.identity.MergeResult;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.routing.InMemoryOwnerDirectory;
import dev.journey.core.routing.Owner;
import dev.journey.core.routing.Pool;
import dev.journey.core.routing.Router;
import dev.journey.core.routing.RoutingPolicy;
import dev.journey.core.routing.RoutingStage;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.QuarantinedInput;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.testkit.clock.VirtualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Identity end to end on the engine: recognition, CRM merges mid-SLA, protection, accounts. */
final class IdentityScenarioTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Duration SLA = Duration.ofHours(2);
  private static final IdentityKey KEY =
      IdentityKey.of("test-only-identity-key-32-bytes!".getBytes(StandardCharsets.UTF_8));
  private static final JavaRuleSet RULES =
      JavaRuleSet.builder("identity-test", "1")
          .rule(
              "demo request goes to sales with an SLA",
              f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED) && f.snapshot().state().equals(JourneyModel.NURTURE),
              (f, d) ->
                  d.transitionTo(JourneyModel.SALES_ENGAGED)
                      .route("inbound")
                      .startTimer("sla:first-touch", f.now().plus(SLA)))
          .rule(
              "an SLA breach is counted",
              f -> f.signal().isTimer(),
              (f, d) -> d.increment("breaches", 1))
          .rule(
              "forms are counted and enroll in nurture",
              f -> f.signal().type().equals(SignalTypes.FORM_SUBMITTED),
              (f, d) -> d.increment("forms", 1).enrollSequence("nurture-1", "nurture"))
          .rule(
              "a company gets its owner",
              f -> f.signal().type().equals("COMPANY_OWNER_SET"),
              (f, d) -> d.assignOwner(f.signal().stringAttribute("owner").orElseThrow(), "crm owner"))
          .rule(
              "a company is suppressed",
              f -> f.signal().type().equals("COMPANY_SUPPRESSED"),
              (f, d) -> d.suppress("nurture", "open escalation"))
          .build();

  private final VirtualClock clock = VirtualClock.at(T0);
  private final InMemoryJourneyStore store = InMemoryJourneyStore.create();
  private final IdentityResolver identity =
      IdentityResolver.builder().store(store).model(JourneyModel.leadHandoff()).clock(clock).build();
  private final JourneyEngine engine = engine(RoutingPolicy.builder("inbound").sticky("owner").roundRobin("sdr").fallbackQueue("q").build());
  private int ids;

  private JourneyEngine engine(RoutingPolicy policy) {
    BusinessCalendar always = BusinessCalendar.alwaysOpen(ZoneOffset.UTC);
    InMemoryOwnerDirectory directory =
        InMemoryOwnerDirectory.builder()
            .owner(Owner.builder("sdr-1", always).build())
            .owner(Owner.builder("ae-acme", always).build())
            .pool(new Pool("sdr", List.of(new Pool.Member("sdr-1", 1))))
            .build();
    Router router = Router.builder().directory(directory).policy(policy).build();
    return JourneyEngine.builder()
        .definition(
            JourneyDefinition.builder("lead-handoff")
                .model(JourneyModel.leadHandoff())
                .evaluator(RULES)
                .stage(RoutingStage.of(router))
                .stage(SuppressionGuardrail.builder().suppressOnEntering(JourneyModel.SALES_ENGAGED, "nurture").build())
                .build())
        .store(store)
        .clock(clock)
        .identity(identity)
        .build();
  }

  private Signal signal(SubjectRef subject, String type) {
    return Signal.builder().id("s-" + (++ids)).subject(subject).type(type).occurredAt(clock.instant()).source("test").build();
  }

  @Test
  void should_recognise_a_lead_by_a_second_email_and_keep_its_owner_and_sla() {
    // given: a known lead with a work email and a product user id, in sales with an SLA running
    SubjectRef ada = SubjectRef.contact("1001");
    engine.accept(signal(ada, SignalTypes.DEMO_REQUESTED),
        List.of(KEY.email("ada@acme.example"), Alias.of("product-user", "u-77")));
    clock.advance(Duration.ofMinutes(10));

    // when: a form fill from a second email, by the same product user, without a CRM id
    Alias second = KEY.email(" Ada.L@Private.example ");
    SubjectRef provisional = IdentityResolver.provisional(ObjectType.CONTACT, second);
    SignalResult result =
        engine.accept(signal(provisional, SignalTypes.FORM_SUBMITTED), List.of(second, Alias.of("product-user", "u-77")));

    // then: the lead is recognised, keeps owner and SLA, and the second email is an alias now
    assertThat(result.status()).isEqualTo(SignalResult.Status.DECIDED);
    assertThat(result.signal().subject()).isEqualTo(ada);
    JourneySnapshot snapshot = store.load(ada).orElseThrow();
    assertThat(snapshot.owner()).contains("sdr-1");
    assertThat(snapshot.state()).isEqualTo(JourneyModel.SALES_ENGAGED);
    assertThat(snapshot.timers()).containsKey("sla:first-touch");
    assertThat(snapshot.counters()).containsEntry("forms", 1L);
    assertThat(store.resolve(KEY.email("ada.l@private.example"))).contains(ada);
    assertThat(store.load(provisional)).isEmpty();
    assertThat(store.snapshots()).hasSize(1);
  }

  @Test
  void should_leave_one_sla_running_on_the_survivor_after_a_hubspot_merge_mid_sla() {
    // given: two duplicates of one person, both in sales with a first-touch SLA
    SubjectRef primary = SubjectRef.contact("1001");
    SubjectRef duplicate = SubjectRef.contact("1002");
    engine.accept(signal(primary, SignalTypes.DEMO_REQUESTED));
    clock.advance(Duration.ofMinutes(30));
    engine.accept(signal(duplicate, SignalTypes.DEMO_REQUESTED));
    clock.advance(Duration.ofMinutes(30));

    // when: HubSpot merges them mid-SLA
    MergeResult merged =
        identity.merger().merge(MergeRequest.crm("hubspot:merge:1", primary, List.of(duplicate), "hubspot-contact", clock.instant()));
    clock.advance(SLA);
    int fired = engine.fireDueTimers();

    // then: one SLA fired, on the survivor; the duplicate is gone and its id reaches the survivor
    assertThat(merged).isInstanceOf(MergeResult.Merged.class);
    assertThat(fired).isEqualTo(1);
    assertThat(store.load(primary).orElseThrow().counters()).containsEntry("breaches", 1L);
    assertThat(store.load(duplicate)).isEmpty();
    assertThat(store.nextTimerDue()).isEmpty();
    SignalResult later = engine.accept(signal(duplicate, SignalTypes.FORM_SUBMITTED));
    assertThat(later.signal().subject()).isEqualTo(primary);
    assertThat(store.load(duplicate)).isEmpty();
    assertThat(store.audit(duplicate)).extracting(r -> r.signal().id()).contains("hubspot:merge:1");
  }

  @Test
  void should_treat_a_signal_redelivered_after_a_merge_as_a_duplicate() {
    // given
    SubjectRef primary = SubjectRef.contact("1001");
    SubjectRef duplicate = SubjectRef.contact("1002");
    engine.accept(signal(primary, SignalTypes.FORM_SUBMITTED));
    Signal first = signal(duplicate, SignalTypes.FORM_SUBMITTED);
    engine.accept(first);
    identity.merger().merge(MergeRequest.crm("m-1", primary, List.of(duplicate), "hubspot-contact", clock.instant()));

    // when
    SignalResult again = engine.accept(first);

    // then
    assertThat(again.status()).isEqualTo(SignalResult.Status.DUPLICATE);
    assertThat(store.load(primary).orElseThrow().counters()).containsEntry("forms", 2L);
    assertThat(store.quarantined()).isEmpty();
  }

  @Test
  void should_refuse_an_alias_collision_of_two_crm_contacts_and_queue_it_for_review() {
    // given
    SubjectRef ada = SubjectRef.contact("1001");
    SubjectRef other = SubjectRef.contact("2002");
    engine.accept(signal(ada, SignalTypes.FORM_SUBMITTED), List.of(Alias.of("product-user", "u-77")));

    // when: another CRM contact claims the same product user
    SignalResult result = engine.accept(signal(other, SignalTypes.FORM_SUBMITTED), List.of(Alias.of("product-user", "u-77")));

    // then: nothing merged silently; the signal stays with its subject; a person decides
    assertThat(result.signal().subject()).isEqualTo(other);
    assertThat(store.resolve(Alias.of("product-user", "u-77"))).contains(ada);
    assertThat(store.load(ada)).isPresent();
    assertThat(store.load(other)).isPresent();
    assertThat(store.quarantined()).extracting(QuarantinedInput::kind).containsExactly(QuarantinedInput.Kind.IDENTITY_REVIEW);
    assertThat(store.audit(ada)).extracting(AuditRecord::outcome).contains(AuditRecord.Outcome.REJECTED);
  }

  @Test
  void should_not_attach_a_second_product_user_id_and_queue_it_for_review() {
    // given
    SubjectRef ada = SubjectRef.contact("1001");
    engine.accept(signal(ada, SignalTypes.FORM_SUBMITTED), List.of(Alias.of("product-user", "u-1")));

    // when
    engine.accept(signal(ada, SignalTypes.FORM_SUBMITTED), List.of(Alias.of("product-user", "u-2"), KEY.email("ada@acme.example")));

    // then
    assertThat(store.resolve(Alias.of("product-user", "u-2"))).isEmpty();
    assertThat(store.resolve(KEY.email("ada@acme.example"))).contains(ada);
    assertThat(store.quarantined()).singleElement().satisfies(q -> {
      assertThat(q.kind()).isEqualTo(QuarantinedInput.Kind.IDENTITY_REVIEW);
      assertThat(q.reason()).contains("product-user").doesNotContain("u-2");
    });
  }

  @Test
  void should_route_account_sticky_to_the_owner_of_the_contacts_company() {
    // given: a company with its owner and its domain, and an account-sticky policy
    JourneyEngine sticky =
        engine(RoutingPolicy.builder("inbound").sticky(RoutingPolicy.ACCOUNT_OWNER, "owner").roundRobin("sdr").fallbackQueue("q").build());
    SubjectRef acme = SubjectRef.company("77");
    sticky.accept(
        Signal.builder().id("c-1").subject(acme).type("COMPANY_OWNER_SET").occurredAt(T0).source("test")
            .attributes(Map.of("owner", "ae-acme")).build(),
        List.of(Alias.domain("Acme.example")));

    // when: a contact of that domain requests a demo
    SignalResult result =
        sticky.accept(signal(SubjectRef.contact("1001"), SignalTypes.DEMO_REQUESTED),
            List.of(KEY.email("ada@acme.example"), Alias.domain(IdentityKey.domainOf("ada@acme.example"))));

    // then: it is linked to the company and goes to the company's owner
    assertThat(identity.accountOf(SubjectRef.contact("1001"))).contains(acme);
    AssignOwner assigned = (AssignOwner) ((SignalResult.Decided) result).decision().actions().stream()
        .filter(AssignOwner.class::isInstance).findFirst().orElseThrow();
    assertThat(assigned.ownerId()).isEqualTo("ae-acme");
  }

  @Test
  void should_not_link_a_free_mail_domain_to_a_company() {
    // given: a company that (wrongly) claims gmail.com
    SubjectRef company = SubjectRef.company("78");
    engine.accept(
        Signal.builder().id("c-1").subject(company).type("COMPANY_OWNER_SET").occurredAt(T0).source("test")
            .attributes(Map.of("owner", "ae-acme")).build(),
        List.of(Alias.domain("gmail.com")));

    // when
    engine.accept(signal(SubjectRef.contact("1001"), SignalTypes.FORM_SUBMITTED), List.of(Alias.domain("gmail.com")));

    // then
    assertThat(identity.accountOf(SubjectRef.contact("1001"))).isEmpty();
  }

  @Test
  void should_link_by_association_and_apply_the_company_suppression_to_its_contacts() {
    // given: a contact associated with a company whose nurture outreach is suppressed
    SubjectRef acme = SubjectRef.company("77");
    SubjectRef ada = SubjectRef.contact("1001");
    engine.accept(signal(acme, "COMPANY_SUPPRESSED"));
    engine.accept(
        Signal.builder().id("a-1").subject(ada).type(IdentityResolver.ACCOUNT_LINKED).occurredAt(T0).source("hubspot")
            .attributes(Map.of(IdentityResolver.COMPANY, "77")).build());

    // when
    SignalResult result = engine.accept(signal(ada, SignalTypes.FORM_SUBMITTED));

    // then: the enrollment is dropped because of the company's suppression
    assertThat(identity.accountOf(ada)).contains(acme);
    assertThat(((SignalResult.Decided) result).decision().actions()).noneMatch(EnrollSequence.class::isInstance);
    assertThat(((SignalResult.Decided) result).decision().dropped()).anySatisfy(d -> assertThat(d.reason()).contains("account company:77"));

    // when: the association is removed
    engine.accept(
        Signal.builder().id("a-2").subject(ada).type(IdentityResolver.ACCOUNT_UNLINKED).occurredAt(T0).source("hubspot")
            .attributes(Map.of(IdentityResolver.COMPANY, "77")).build());
    SignalResult after = engine.accept(signal(ada, SignalTypes.FORM_SUBMITTED));

    // then
    assertThat(identity.accountOf(ada)).isEmpty();
    assertThat(((SignalResult.Decided) after).decision().actions()).anyMatch(EnrollSequence.class::isInstance);
  }

  @Test
  void should_combine_the_declared_features_of_both_subjects_when_hubspot_merges_them() {
    // given: a journey counting pricing views and distinct pages; two duplicates with views
    FeatureSet features = FeatureSet.builder()
        .windowCount("pricing_views_7d", SignalMatch.of(SignalTypes.PRICING_PAGE_VIEWED), Duration.ofDays(7))
        .distinctCount("pages", SignalMatch.of(SignalTypes.PRICING_PAGE_VIEWED), "page")
        .lastSeen("last_view", SignalMatch.of(SignalTypes.PRICING_PAGE_VIEWED))
        .build();
    InMemoryJourneyStore featureStore = InMemoryJourneyStore.create();
    IdentityResolver resolver = IdentityResolver.builder().store(featureStore).model(JourneyModel.leadHandoff())
        .features(features).clock(clock).build();
    JourneyEngine withFeatures = JourneyEngine.builder()
        .definition(JourneyDefinition.builder("lead-handoff").model(JourneyModel.leadHandoff()).evaluator(RULES)
            .features(features).build())
        .store(featureStore).clock(clock).identity(resolver).build();
    SubjectRef primary = SubjectRef.contact("1001");
    SubjectRef duplicate = SubjectRef.contact("1002");
    withFeatures.accept(view(primary, "/pricing"));
    clock.advance(Duration.ofHours(1));
    withFeatures.accept(view(duplicate, "/pricing"));
    withFeatures.accept(view(duplicate, "/enterprise"));

    // when
    resolver.merger().merge(MergeRequest.crm("hubspot:merge:9", primary, List.of(duplicate), "hubspot-contact", clock.instant()));

    // then: the counts add, the distinct pages unite, the last view is the duplicate's
    JourneySnapshot merged = featureStore.load(primary).orElseThrow();
    assertThat(merged.features().value("pricing_views_7d")).isEqualTo(3);
    assertThat(merged.features().value("pages")).isEqualTo(2);
    assertThat(merged.features().lastSeen("last_view")).contains(clock.instant());
  }

  @Test
  void should_refuse_an_engine_whose_identity_step_does_not_know_the_journeys_features() {
    // given
    FeatureSet features = FeatureSet.builder()
        .windowCount("pricing_views_7d", SignalMatch.of(SignalTypes.PRICING_PAGE_VIEWED), Duration.ofDays(7))
        .build();
    JourneyEngine.Builder builder = JourneyEngine.builder()
        .definition(JourneyDefinition.builder("lead-handoff").model(JourneyModel.leadHandoff()).evaluator(RULES)
            .features(features).build())
        .store(store).clock(clock).identity(identity);

    // when / then
    org.assertj.core.api.Assertions.assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("IdentityResolver.builder().features(definition.features())");
  }

  private Signal view(SubjectRef subject, String page) {
    return Signal.builder().id("s-" + (++ids)).subject(subject).type(SignalTypes.PRICING_PAGE_VIEWED)
        .occurredAt(clock.instant()).source("test").attributes(Map.of("page", page)).build();
  }
}
