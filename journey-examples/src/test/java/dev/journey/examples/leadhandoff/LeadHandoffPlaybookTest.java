package dev.journey.examples.leadhandoff;

import static dev.journey.core.action.ActionKind.ASSIGN_OWNER;
import static dev.journey.core.action.ActionKind.CREATE_TASK;
import static dev.journey.core.action.ActionKind.ENROLL_SEQUENCE;
import static dev.journey.core.action.ActionKind.ESCALATE;
import static dev.journey.core.action.ActionKind.NOTIFY;
import static dev.journey.core.action.ActionKind.RECYCLE;
import static dev.journey.core.action.ActionKind.RESUME_OUTREACH;
import static dev.journey.core.action.ActionKind.SET_PROPERTY;
import static dev.journey.core.action.ActionKind.SUPPRESS_OUTREACH;
import static dev.journey.core.state.JourneyModel.CUSTOMER;
import static dev.journey.core.state.JourneyModel.NURTURE;
import static dev.journey.core.state.JourneyModel.OPPORTUNITY_ACTIVE;
import static dev.journey.core.state.JourneyModel.RECYCLED;
import static dev.journey.core.state.JourneyModel.RENEWAL_RISK;
import static dev.journey.core.state.JourneyModel.SALES_ENGAGED;
import static dev.journey.testkit.scenario.Scenario.at;
import static dev.journey.testkit.scenario.Scenario.signal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.Action;
import dev.journey.core.action.AssignOwner;
import dev.journey.core.action.CreateTask;
import dev.journey.core.action.Escalate;
import dev.journey.config.JourneyConfig;
import dev.journey.core.state.JourneyModel;
import dev.journey.drools.CompiledRuleSet;
import dev.journey.drools.DroolsEvaluator;
import dev.journey.drools.RuleSetRegistry;
import dev.journey.testkit.junit.JourneyExtension;
import dev.journey.testkit.scenario.Given;
import dev.journey.testkit.scenario.SignalSpec;
import dev.journey.testkit.scenario.Then;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every playbook step of the example lead-handoff journey, as scenarios: the v1 DRL rules with the
 * example's real wiring (routing, SLAs, guardrails from {@code docs/examples/lead-handoff}),
 * driven through the engine on a virtual clock that starts Monday 2026-03-02 08:00 in New York.
 */
final class LeadHandoffPlaybookTest {
  static final Path EXAMPLE = Path.of("..", "docs", "examples", "lead-handoff");
  static final JourneyConfig WIRING = JourneyConfig.load(LeadHandoff.configFile(EXAMPLE));
  private static final RuleSetRegistry REGISTRY = RuleSetRegistry.ofDefaults();
  static final CompiledRuleSet V1 = REGISTRY.compile(WIRING.ruleSet(LeadHandoff.rules(EXAMPLE, "v1")));
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static final SubjectRef LEAD = SubjectRef.contact("1000042");

  // tag::extension[]
  @RegisterExtension
  final JourneyExtension journey =
      JourneyExtension.builder()
          .definition(LeadHandoff.definition(WIRING, DroolsEvaluator.of(V1)))
          .start(Instant.parse("2026-03-02T13:00:00Z")) // Monday 08:00 in New York
          .zone(NEW_YORK)
          .build();
  // end::extension[]

  @AfterAll
  static void close() {
    REGISTRY.close();
  }

  /** A web signal with the contact profile the CRM webhook adds (North America, mid-market). */
  static SignalSpec web(String type, long fitScore) {
    return signal(type)
        .source("web")
        .with("segment", "MID_MARKET")
        .with("region", "NA")
        .with("country", "US")
        .with("timeZone", "America/New_York")
        .with("leadSource", "referral")
        .with("fitScore", fitScore)
        .with("companyDomainId", "dom-0042");
  }

  static SignalSpec demoRequest(long fitScore) {
    return web(SignalTypes.DEMO_REQUESTED, fitScore)
        .with("formId", "demo-request")
        .with("pageUrl", "/demo")
        .with("recentPages", List.of("/pricing", "/resources/guide-lead-routing"));
  }

  static SignalSpec crm(String type) {
    return signal(type).source("crm");
  }

  private static List<Action> actions(Then then) {
    return then.decisions().stream().flatMap(d -> d.actions().stream()).collect(Collectors.toList());
  }

  private static String slaDue(Then then) {
    return then.current().timer("sla:first-touch-na").orElseThrow().attributes().get("sla.dueAt");
  }

  private static <T extends Action> T only(Then then, Class<T> type) {
    List<T> found =
        actions(then).stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  // ---- entry ------------------------------------------------------------------------------------

  @Test
  void should_hand_off_a_qualified_demo_request_to_one_owner_with_context_and_a_business_hours_sla() {
    // given / when
    // tag::handoff[]
    Then then =
        journey.scenario()
            .given(LEAD)
            .when(at("10:00"), demoRequest(72))
            .then()
            .state(SALES_ENGAGED)
            .fired("demo request qualifies")
            .actions(SET_PROPERTY, SET_PROPERTY, SET_PROPERTY, SET_PROPERTY, ASSIGN_OWNER, CREATE_TASK,
                SET_PROPERTY, SUPPRESS_OUTREACH, SUPPRESS_OUTREACH)
            .property("lifecycle_stage", "salesqualifiedlead")
            .timer("sla:first-touch-na", at("12:00")) // its next step: the reminder at half time
            .slaDue("first-touch-na", at("14:00")); // due after 4 business hours
    // end::handoff[]
    assertThat(slaDue(then)).isEqualTo("2026-03-02T19:00:00Z"); // 14:00 in New York: 4 business hours

    // then: one accountable owner, a rep of the region covering the segment
    String owner = only(then, AssignOwner.class).ownerId();
    assertThat(owner).startsWith("owner-na-");
    then.owner(owner);
    CreateTask task = only(then, CreateTask.class);
    assertThat(task.priority()).isEqualTo("HIGH");
    assertThat(task.context())
        .containsEntry("source", "referral")
        .containsEntry("lastConversion", "demo-request")
        .containsEntry("fitScore", "72")
        .containsEntry("segment", "MID_MARKET")
        .containsEntry("region", "NA")
        .containsKey("keyPages")
        .containsKey("trigger");
    assertThat(task.context().get("keyPages")).contains("/pricing").contains("/resources/guide-lead-routing");
    assertThat(task.context().get("trigger")).startsWith("DEMO_REQUESTED ");
  }

  @Test
  void should_hand_off_a_hand_raiser_with_fit_and_nurture_one_without() {
    // given / when / then
    journey.scenario()
        .given(LEAD)
        .when(at("10:00"), web(SignalTypes.FORM_SUBMITTED, 65).with("formId", "contact-sales").with("pageUrl", "/contact"))
        .then()
        .state(SALES_ENGAGED)
        .fired("hand-raiser form qualifies");
    journey.scenario()
        .given(SubjectRef.contact("1000043"))
        .when(at("10:00"), web(SignalTypes.FORM_SUBMITTED, 45).with("formId", "trial-signup").with("pageUrl", "/trial"))
        .then()
        .state(NURTURE)
        .fired("low-fit hand-raiser nurtured")
        .current()
        .owner()
        .ifPresent(o -> assertThat(o).as("owner of an unqualified lead").isNull());
  }

  @Test
  void should_hand_off_on_a_marketing_qualified_lifecycle_change_with_fit() {
    // given / when / then
    journey.scenario()
        .given(LEAD)
        .when(at("10:00"),
            web(SignalTypes.LIFECYCLE_CHANGED, 64).source("crm")
                .with("lifecycleStage", "marketingqualifiedlead")
                .with("previousLifecycleStage", "lead")
                .with("changedBy", "marketing-automation"))
        .then()
        .state(SALES_ENGAGED)
        .fired("MQL with fit qualifies")
        .timer("sla:first-touch-na", at("12:00"));
  }

  @Test
  void should_hand_off_on_pricing_engagement_once_the_intent_feature_crosses_the_threshold() {
    // given: five pricing views in an hour make intent just under 5 (each counts 1, halving every
    // 7 days); v1 hands off from intent 5 with fitScore >= 70
    Given lead = journey.scenario().given(LEAD);
    for (int i = 0; i < 5; i++) {
      lead = lead.when(at("10:" + (10 * i == 0 ? "00" : "" + 10 * i)), pricingView(78))
          .then()
          .state(NURTURE)
          .and();
    }
    assertThat(lead.then().current().features().value("intent")).isBetween(4.99, 5.0);
    // when / then: the sixth crosses it, and the handoff task carries the declared package
    Then then = lead.when(at("11:00"), pricingView(78))
        .then()
        .state(SALES_ENGAGED)
        .fired("pricing engagement qualifies");
    CreateTask task = only(then, CreateTask.class);
    assertThat(task.context())
        .containsEntry("rationale", "pricing engagement; 6 pricing views in 7 days; fit 78")
        .containsEntry("feature.pricing_views_7d", "6")
        .containsEntry("attribute.leadSource", "referral")
        .containsEntry("recent.recent_pages.1", "PRICING_PAGE_VIEWED /pricing 2026-03-02T16:00:00Z")
        .containsKey("feature.lead_odds")
        .doesNotContainKey("recent.recent_pages.6");
  }

  private static SignalSpec pricingView(long fitScore) {
    return web(SignalTypes.PRICING_PAGE_VIEWED, fitScore).with("pageUrl", "/pricing").with("viewSeconds", 30);
  }

  @Test
  void should_recycle_low_intent_at_the_nurture_review_with_a_reason_code() {
    // given / when / then
    journey.scenario()
        .given(LEAD)
        .when(at("10:00"), web(SignalTypes.CONTENT_ENGAGED, 55).with("contentType", "BLOG").with("highValue", false))
        .then()
        .state(NURTURE)
        .fired("nurture review scheduled")
        .and()
        .advance(Duration.ofDays(21))
        .then()
        .state(RECYCLED)
        .fired("low intent recycled")
        .actions(RECYCLE, SET_PROPERTY)
        .property("recycle_reason", "LOW_INTENT")
        .current()
        .owner()
        .ifPresent(o -> assertThat(o).as("owner of a low-intent lead").isNull());
  }

  @Test
  void should_never_route_an_unqualified_demo_request() {
    // given / when / then: below fitScore 30 (students, competitors) the lead is recycled
    journey.scenario()
        .given(LEAD)
        .when(at("10:00"), demoRequest(22))
        .then()
        .state(RECYCLED)
        .fired("low-fit demo request recycled")
        .property("recycle_reason", "LOW_FIT")
        .noTimer("sla:first-touch-na")
        .current()
        .owner()
        .ifPresent(o -> assertThat(o).as("owner of an unqualified lead").isNull());
  }

  // ---- routing ----------------------------------------------------------------------------------

  @Test
  void should_route_to_the_existing_account_owner_first() {
    // given / when / then
    journey.scenario()
        .given(LEAD)
        .when(at("10:00"), demoRequest(72).with("region", "EMEA").with("accountOwnerId", "owner-emea-03"))
        .then()
        .owner("owner-emea-03");
    // London business hours: 15:00-17:00, then 2 hours on Tuesday
    assertThat(journey.store().load(LEAD).orElseThrow().timer("sla:first-touch-emea").orElseThrow().attributes())
        .containsEntry("sla.dueAt", "2026-03-03T11:00:00Z");
  }

  @Test
  void should_route_enterprise_leads_to_reps_covering_enterprise() {
    // given / when
    Then then =
        journey.scenario()
            .given(LEAD)
            .when(at("10:00"), demoRequest(80).with("segment", "ENTERPRISE"))
            .then()
            .state(SALES_ENGAGED);

    // then
    assertThat(only(then, AssignOwner.class).ownerId()).isIn("owner-na-01", "owner-na-02");
    assertThat(only(then, AssignOwner.class).reason()).contains("segment");
  }

  @Test
  void should_spread_leads_by_weight_and_fall_back_to_the_queue_off_workdays() {
    // given: six SMB demo requests on Monday, then one on Saturday
    for (int i = 0; i < 6; i++) {
      journey.scenario()
          .given(SubjectRef.contact("20000" + i))
          .when(at(String.format(java.util.Locale.ROOT, "10:%02d", i)), demoRequest(50).with("segment", "SMB"))
          .then()
          .state(SALES_ENGAGED);
    }

    // when
    Then saturday =
        journey.scenario()
            .given(LEAD)
            .when(at("10:00").plusDays(5), demoRequest(50).with("segment", "SMB"))
            .then();

    // then: only the SMB reps, by weight (2 each), took them; nobody is available on Saturday
    List<String> owners =
        java.util.stream.IntStream.range(0, 6)
            .mapToObj(i -> journey.store().load(SubjectRef.contact("20000" + i)).orElseThrow().owner().orElseThrow())
            .collect(Collectors.toList());
    assertThat(owners).allMatch(o -> List.of("owner-na-03", "owner-na-04", "owner-na-05", "owner-na-06").contains(o));
    assertThat(owners.stream().collect(Collectors.groupingBy(o -> o, Collectors.counting())).values())
        .allMatch(n -> n <= 2);
    saturday.owner("queue-na");
  }

  // ---- SLA, suppression, escalation -------------------------------------------------------------

  @Test
  void should_meet_the_first_touch_sla_when_sales_calls_in_time() {
    // given / when / then
    journey.scenario()
        .given(LEAD)
        .when(at("10:00"), demoRequest(72))
        .then()
        .timer("sla:first-touch-na", at("12:00"))
        .and()
        .when(at("11:30"), crm(SignalTypes.SALES_ACTIVITY).with("activityType", "CALL"))
        .then()
        .fired("first touch recorded")
        .noTimer("sla:first-touch-na")
        .snapshot()
        .hasCounter("sla.first-touch-na.met", 1);
  }

  @Test
  void should_pause_nurture_while_sales_works_the_lead_and_resume_on_recycle() {
    // given / when / then
    journey.scenario()
        .given(LEAD)
        .when(at("10:00"), demoRequest(72))
        .then()
        .actions(SET_PROPERTY, SET_PROPERTY, SET_PROPERTY, SET_PROPERTY, ASSIGN_OWNER, CREATE_TASK,
            SET_PROPERTY, SUPPRESS_OUTREACH, SUPPRESS_OUTREACH)
        .and()
        .when(at("11:00"), web(SignalTypes.CONTENT_ENGAGED, 72).with("contentType", "GUIDE").with("highValue", true))
        .then()
        .fired("content queues nurture step")
        .noActions()
        .decision()
        .hasDropped(ENROLL_SEQUENCE, "suppression");
    journey.scenario()
        .given(LEAD)
        .when(at("15:00").plusDays(1),
            crm(SignalTypes.LIFECYCLE_CHANGED).with("lifecycleStage", "other").with("reasonCode", "NOT_A_FIT"))
        .then()
        .state(RECYCLED)
        .fired("sales disqualification recycled")
        .property("recycle_reason", "NOT_A_FIT")
        .stepActions()
        .containsKind(RESUME_OUTREACH);
  }

  @Test
  void should_remind_then_escalate_then_reassign_when_nobody_touches_the_lead() {
    // given
    Then handoff = journey.scenario().given(LEAD).when(at("10:00"), demoRequest(72)).then();
    String first = only(handoff, AssignOwner.class).ownerId();

    // when / then: reminder at half time
    Then reminder = handoff.and().advanceTo(at("12:00")).then()
        .fired("first-touch SLA at risk")
        .property("first_touch_sla", "at-risk")
        .actions(SET_PROPERTY, NOTIFY);

    // breach: the manager is told and the owner gets a high-priority task
    Then breach = reminder.and().advanceTo(at("14:00")).then()
        .fired("first-touch SLA breached")
        .property("first_touch_sla", "breached");
    Escalate escalate = only(breach, Escalate.class);
    assertThat(escalate.toOwnerId()).isEqualTo("manager-na");
    assertThat(only(breach, CreateTask.class).priority()).isEqualTo("HIGH");

    // second breach, 4 business hours later (Tuesday 10:00): reassigned to another rep
    Then second = breach.and().advanceTo(at("10:00").plusDays(1)).then()
        .fired("first-touch SLA breached twice")
        .property("first_touch_sla", "reassigned");
    String next = only(second, AssignOwner.class).ownerId();
    assertThat(next).startsWith("owner-na-").isNotEqualTo(first);
    second.owner(next).stepActions().containsKind(NOTIFY);
  }

  @Test
  void should_recycle_a_lead_nobody_works_for_five_business_days() {
    // given / when / then
    journey.scenario()
        .given(LEAD)
        .when(at("10:00"), demoRequest(72))
        .when(at("11:00"), crm(SignalTypes.SALES_ACTIVITY).with("activityType", "EMAIL"))
        .then()
        .timer("inactivity:stale-lead", at("11:00").plusDays(7))
        .and()
        .advanceTo(at("12:00").plusDays(7))
        .then()
        .state(RECYCLED)
        .fired("inactive lead recycled")
        .property("recycle_reason", "NO_ACTIVITY")
        .stepActions()
        .containsKind(RESUME_OUTREACH);
  }

  // ---- opportunity, customer, renewal risk, closed lost -----------------------------------------

  @Test
  void should_open_the_opportunity_when_a_meeting_is_booked() {
    // given / when / then
    journey.scenario()
        .given(LEAD)
        .when(at("10:00"), demoRequest(72))
        .when(at("11:00"), crm(SignalTypes.MEETING_BOOKED).with("meetingId", "mtg-1000042-1"))
        .then()
        .state(OPPORTUNITY_ACTIVE)
        .fired("meeting booked opens opportunity")
        .property("lifecycle_stage", "opportunity")
        .noTimer("sla:first-touch-na");
  }

  @Test
  void should_follow_the_deal_to_customer_and_flag_a_usage_drop_as_renewal_risk() {
    // given / when / then: the contact copies of the deal's signals (LeadHandoff.withContactCopies)
    journey.scenario()
        .given(LEAD)
        .inState(SALES_ENGAGED)
        .when(at("10:00"), deal("appointmentscheduled"))
        .then()
        .state(OPPORTUNITY_ACTIVE)
        .fired("deal opens opportunity")
        .property("deal_id", "5000042")
        .and()
        .when(at("10:00").plusDays(2), deal("qualifiedtobuy"))
        .then()
        .fired("deal stage recorded on contact")
        .property("deal_stage", "qualifiedtobuy")
        .and()
        .when(at("10:00").plusDays(3), deal("closedwon"))
        .then()
        .state(CUSTOMER)
        .fired("closed won makes customer")
        .property("lifecycle_stage", "customer")
        .and()
        .when(at("06:00").plusDays(8),
            signal(SignalTypes.USAGE_DROPPED).source("product")
                .with("metric", "weekly_active_users").with("previousValue", 40L).with("currentValue", 12L)
                .with("dropPercent", 70L).with("dealId", "5000042"))
        .then()
        .state(RENEWAL_RISK)
        .fired("usage drop flags renewal risk")
        .actions(SET_PROPERTY, CREATE_TASK);
  }

  @Test
  void should_recycle_the_contact_with_the_reason_when_the_deal_is_lost() {
    // given / when / then
    journey.scenario()
        .given(LEAD)
        .inState(OPPORTUNITY_ACTIVE)
        .when(at("10:00"), deal("closedlost").with("closedLostReason", "CHOSE_COMPETITOR"))
        .then()
        .state(RECYCLED)
        .fired("closed lost recycled")
        .property("recycle_reason", "CHOSE_COMPETITOR")
        .property("lifecycle_stage", "other");
  }

  @Test
  void should_keep_the_deals_own_journey() {
    // given / when / then
    journey.scenario()
        .given(SubjectRef.deal("5000042"))
        .when(at("10:00"), crm(SignalTypes.DEAL_STAGE_CHANGED).with("contactId", "1000042").with("dealStage", "appointmentscheduled"))
        .then()
        .state(OPPORTUNITY_ACTIVE)
        .fired("deal opened")
        .property("contact_id", "1000042")
        .and()
        .when(at("11:00"), crm(SignalTypes.DEAL_STAGE_CHANGED).with("contactId", "1000042").with("dealStage", "closedlost"))
        .then()
        .state(RECYCLED)
        .fired("deal lost");
  }

  private static SignalSpec deal(String stage) {
    return crm(SignalTypes.DEAL_STAGE_CHANGED)
        .with("dealStage", stage)
        .with("contactId", "1000042")
        .with("dealId", "5000042")
        .with("pipeline", "default");
  }
}
