package dev.journey.testkit.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.EnrollSequence;
import dev.journey.core.calendar.BusinessCalendar;
import dev.journey.core.engine.HostedJourney;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.guardrail.SuppressionGuardrail;
import dev.journey.core.identity.IdentityResolver;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.sla.SlaPolicy;
import dev.journey.core.sla.SlaStage;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.PendingTimer;
import dev.journey.testkit.clock.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A company's SLA and suppressions reach its contacts: on the single-journey path, on an engine
 * hosting several journeys, and in the recompute of an audit record.
 */
final class AccountScenarioTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final SubjectRef ACME = SubjectRef.company("77");
  private static final SubjectRef ADA = SubjectRef.contact("1001");
  private static final SlaPolicy FIRST_TOUCH =
      SlaPolicy.builder("first-touch")
          .target(Duration.ofHours(4))
          .calendar(BusinessCalendar.alwaysOpen(ZoneOffset.UTC))
          .reminderAt(0.5)
          .satisfiedBy(SignalTypes.SALES_ACTIVITY)
          .alternateQueue("queue-inbound")
          .build();
  private static final JavaRuleSet RULES =
      JavaRuleSet.builder("account-test", "1")
          .rule("an account in play starts the first-touch SLA",
              f -> f.signal().type().equals("ACCOUNT_IN_PLAY"),
              (f, d) -> d.startSla("first-touch"))
          .rule("an account is suppressed",
              f -> f.signal().type().equals("ACCOUNT_SUPPRESSED"),
              (f, d) -> d.suppress("nurture", "open escalation"))
          .rule("a demo request starts the first-touch SLA",
              f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED),
              (f, d) -> d.startSla("first-touch"))
          .rule("a form enrolls in nurture",
              f -> f.signal().type().equals(SignalTypes.FORM_SUBMITTED),
              (f, d) -> d.enrollSequence("nurture-1", "nurture"))
          .build();

  private final VirtualClock clock = VirtualClock.at(T0);
  private final InMemoryJourneyStore store = InMemoryJourneyStore.create();
  private final IdentityResolver identity =
      IdentityResolver.builder().store(store).model(JourneyModel.leadHandoff()).clock(clock).build();
  private int ids;

  private JourneyDefinition journey(String name) {
    return JourneyDefinition.builder(name)
        .model(JourneyModel.leadHandoff())
        .evaluator(RULES)
        .stage(SlaStage.builder().sla(FIRST_TOUCH).build())
        .stage(SuppressionGuardrail.builder().suppressOnEntering(JourneyModel.SALES_ENGAGED, "nurture").build())
        .build();
  }

  private JourneyEngine single() {
    return JourneyEngine.builder().definition(journey("lead-handoff")).store(store).clock(clock)
        .identity(identity).build();
  }

  private JourneyEngine several() {
    JavaRuleSet quiet = JavaRuleSet.builder("quiet", "1")
        .rule("nothing", f -> false, (f, d) -> { }).build();
    return JourneyEngine.builder()
        .journey(HostedJourney.builder(JourneyDefinition.of("watch", JourneyModel.leadHandoff(), quiet))
            .priority(10).entersOn(SignalTypes.FORM_SUBMITTED).build())
        .journey(HostedJourney.builder(journey("lead-handoff")).priority(100)
            .entersOn(SignalTypes.DEMO_REQUESTED, SignalTypes.FORM_SUBMITTED, "ACCOUNT_IN_PLAY",
                "ACCOUNT_SUPPRESSED", IdentityResolver.ACCOUNT_LINKED)
            .build())
        .store(store).clock(clock).identity(identity).build();
  }

  private Signal signal(SubjectRef subject, String type) {
    return Signal.builder().id("s-" + (++ids)).subject(subject).type(type).occurredAt(clock.instant())
        .source("test").build();
  }

  private void link(JourneyEngine engine) {
    engine.accept(Signal.builder().id("link-" + (++ids)).subject(ADA).type(IdentityResolver.ACCOUNT_LINKED)
        .occurredAt(clock.instant()).source("hubspot").attributes(Map.of(IdentityResolver.COMPANY, "77"))
        .build());
  }

  private PendingTimer slaOf(SubjectRef subject) {
    return store.load(subject).orElseThrow().timers().get("sla:first-touch");
  }

  @Test
  void should_run_a_contacts_sla_on_the_deadline_of_its_companys_running_sla() {
    // given: the company's first-touch SLA started 3 h ago; Ada is one of its contacts
    JourneyEngine engine = single();
    engine.accept(signal(ACME, "ACCOUNT_IN_PLAY"));
    link(engine);
    clock.advance(Duration.ofHours(3));

    // when: Ada requests a demo, which starts the same SLA for her
    engine.accept(signal(ADA, SignalTypes.DEMO_REQUESTED));

    // then: her SLA is due when the company's is (1 h from now, not 4), its past reminder skipped
    PendingTimer company = slaOf(ACME);
    PendingTimer contact = slaOf(ADA);
    assertThat(contact.attributes().get(SlaStage.ATTR_DUE_AT)).isEqualTo(T0.plus(Duration.ofHours(4)).toString());
    assertThat(contact.attributes().get(SlaStage.ATTR_DUE_AT))
        .isEqualTo(company.attributes().get(SlaStage.ATTR_DUE_AT));
    assertThat(contact.attributes()).containsEntry(SlaStage.ATTR_ACCOUNT, ACME.toString())
        .containsEntry(SlaStage.ATTR_STEP, SlaStage.STEP_BREACH);
    assertThat(contact.dueAt()).isEqualTo(T0.plus(Duration.ofHours(4)));
  }

  @Test
  void should_breach_the_contacts_sla_at_the_companys_deadline_and_keep_the_account_on_later_steps() {
    // given
    JourneyEngine engine = single();
    engine.accept(signal(ACME, "ACCOUNT_IN_PLAY"));
    link(engine);
    clock.advance(Duration.ofHours(3));
    engine.accept(signal(ADA, SignalTypes.DEMO_REQUESTED));

    // when: the company's deadline passes
    clock.advance(Duration.ofHours(1));
    engine.fireDueTimers();

    // then: Ada's SLA breached with the company's; its next step still names the account
    assertThat(store.load(ADA).orElseThrow().counters()).containsEntry("sla.first-touch.breached", 1L);
    assertThat(slaOf(ADA).attributes()).containsEntry(SlaStage.ATTR_ACCOUNT, ACME.toString());
  }

  @Test
  void should_start_a_fresh_sla_for_a_contact_whose_company_has_none_running() {
    // given: linked, but the company's SLA is not running
    JourneyEngine engine = single();
    engine.accept(signal(ACME, "ACCOUNT_SUPPRESSED"));
    link(engine);
    clock.advance(Duration.ofHours(3));

    // when
    engine.accept(signal(ADA, SignalTypes.DEMO_REQUESTED));

    // then: due 4 h from now, with its reminder at 2 h, no account named
    PendingTimer contact = slaOf(ADA);
    assertThat(contact.attributes().get(SlaStage.ATTR_DUE_AT)).isEqualTo(clock.instant().plus(Duration.ofHours(4)).toString());
    assertThat(contact.attributes()).doesNotContainKey(SlaStage.ATTR_ACCOUNT)
        .containsEntry(SlaStage.ATTR_STEP, SlaStage.STEP_REMINDER);
  }

  @Test
  void should_let_stages_of_an_engine_with_several_journeys_see_the_company() {
    // given: several journeys on one engine; the company's nurture outreach is suppressed
    JourneyEngine engine = several();
    engine.accept(signal(ACME, "ACCOUNT_SUPPRESSED"));
    link(engine);

    // when
    SignalResult result = engine.accept(signal(ADA, SignalTypes.FORM_SUBMITTED));

    // then: the handoff journey's guardrail dropped the enrollment because of the company
    AuditRecord handoff = store.audit(ADA).stream()
        .filter(a -> a.signal().id().equals(result.signal().id()))
        .filter(a -> a.decision().ruleSet().name().equals("account-test"))
        .findFirst().orElseThrow();
    assertThat(handoff.decision().actions()).noneMatch(EnrollSequence.class::isInstance);
    assertThat(handoff.decision().dropped()).anySatisfy(d -> assertThat(d.reason()).contains("account company:77"));
    assertThat(handoff.inputs().facts()).containsKey("account.company:77");
  }

  @Test
  void should_recompute_an_account_decision_from_its_audit_record_alone() {
    // given: a decision that read the company (SLA on its clock), then the company changes
    JourneyEngine engine = single();
    engine.accept(signal(ACME, "ACCOUNT_IN_PLAY"));
    engine.accept(signal(ACME, "ACCOUNT_SUPPRESSED"));
    link(engine);
    clock.advance(Duration.ofHours(3));
    Signal demo = signal(ADA, SignalTypes.DEMO_REQUESTED);
    engine.accept(demo);
    Signal form = signal(ADA, SignalTypes.FORM_SUBMITTED);
    engine.accept(form);

    // when
    List<AuditRecord> recorded = store.audit(ADA).stream()
        .filter(a -> a.signal().id().equals(demo.id()) || a.signal().id().equals(form.id())).toList();

    // then: each recomputes to the same decision, the company read from the record
    assertThat(recorded).hasSize(2);
    for (AuditRecord r : recorded) {
      AuditRecord again = engine.recompute(r);
      assertThat(again.decision()).isEqualTo(r.decision());
      assertThat(again.inputs()).isEqualTo(r.inputs());
    }
    assertThat(recorded.get(1).decision().dropped()).isNotEmpty();
    assertThat(recorded.get(0).decision().timerCommands()).isNotEmpty();
  }
}
