package dev.journey.examples.leadhandoff;

import static dev.journey.examples.leadhandoff.Attributes.ACCOUNT_OWNER_ID;
import static dev.journey.examples.leadhandoff.Attributes.ACTIVITY_TYPE;
import static dev.journey.examples.leadhandoff.Attributes.AMOUNT;
import static dev.journey.examples.leadhandoff.Attributes.CHANGED_BY;
import static dev.journey.examples.leadhandoff.Attributes.CLOSED_LOST_REASON;
import static dev.journey.examples.leadhandoff.Attributes.COMPANY_DOMAIN_ID;
import static dev.journey.examples.leadhandoff.Attributes.CONTACT_ID;
import static dev.journey.examples.leadhandoff.Attributes.CONTENT_ID;
import static dev.journey.examples.leadhandoff.Attributes.CONTENT_TYPE;
import static dev.journey.examples.leadhandoff.Attributes.COUNTRY;
import static dev.journey.examples.leadhandoff.Attributes.CURRENCY;
import static dev.journey.examples.leadhandoff.Attributes.CURRENT_VALUE;
import static dev.journey.examples.leadhandoff.Attributes.DEAL_ID;
import static dev.journey.examples.leadhandoff.Attributes.DEAL_STAGE;
import static dev.journey.examples.leadhandoff.Attributes.DROP_PERCENT;
import static dev.journey.examples.leadhandoff.Attributes.FIT_SCORE;
import static dev.journey.examples.leadhandoff.Attributes.FORM_ID;
import static dev.journey.examples.leadhandoff.Attributes.HIGH_VALUE;
import static dev.journey.examples.leadhandoff.Attributes.LEAD_SOURCE;
import static dev.journey.examples.leadhandoff.Attributes.LIFECYCLE_STAGE;
import static dev.journey.examples.leadhandoff.Attributes.MEETING_ID;
import static dev.journey.examples.leadhandoff.Attributes.MEETING_STARTS_AT;
import static dev.journey.examples.leadhandoff.Attributes.MEETING_TYPE;
import static dev.journey.examples.leadhandoff.Attributes.METRIC;
import static dev.journey.examples.leadhandoff.Attributes.OWNER_ID;
import static dev.journey.examples.leadhandoff.Attributes.PAGE_URL;
import static dev.journey.examples.leadhandoff.Attributes.PIPELINE;
import static dev.journey.examples.leadhandoff.Attributes.PREVIOUS_DEAL_STAGE;
import static dev.journey.examples.leadhandoff.Attributes.PREVIOUS_LIFECYCLE_STAGE;
import static dev.journey.examples.leadhandoff.Attributes.PREVIOUS_VALUE;
import static dev.journey.examples.leadhandoff.Attributes.REASON_CODE;
import static dev.journey.examples.leadhandoff.Attributes.RECENT_PAGES;
import static dev.journey.examples.leadhandoff.Attributes.REGION;
import static dev.journey.examples.leadhandoff.Attributes.SEGMENT;
import static dev.journey.examples.leadhandoff.Attributes.TIME_ZONE;
import static dev.journey.examples.leadhandoff.Attributes.VIEW_SECONDS;
import static dev.journey.examples.leadhandoff.Attributes.WINDOW_DAYS;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes one contact's story as signals: marketing touches shaped by its intent, a handoff when it
 * qualifies, its rep's follow-up (fast, late or never), meetings, a deal moving through the
 * pipeline (won, lost, stalled or still open), the customer lifecycle change and, for some
 * customers, a usage drop. Signals at or after the window's end are left out. Not thread-safe.
 */
final class ContactTimeline {
  /** Source of web and marketing-automation signals. */
  static final String SOURCE_WEB = "web";

  /** Source of CRM signals: sales activities, lifecycle changes, deals. */
  static final String SOURCE_CRM = "crm";

  /** Source of product-usage signals. */
  static final String SOURCE_PRODUCT = "product";

  /**
   * Demo requests below this fit score are not followed up (students, competitors, job seekers).
   */
  static final int DEMO_MIN_FIT = 30;

  /** Contact-sales and trial forms qualify at or above this fit score. */
  static final int FORM_MIN_FIT = 60;

  static final List<String> DEAL_STAGES =
      List.of("qualifiedtobuy", "presentationscheduled", "decisionmakerboughtin", "contractsent");

  private static final List<String> BLOG =
      List.of("blog-lead-scoring-basics", "blog-crm-hygiene", "blog-sales-handoff-sla");
  private static final List<String> GUIDES =
      List.of("guide-lead-routing", "guide-revops-playbook", "guide-pipeline-forecasting");
  private static final List<String> CASE_STUDIES =
      List.of("case-study-saas-scaleup", "case-study-manufacturing", "case-study-fintech");
  private static final List<String> WEBINARS =
      List.of("webinar-speed-to-lead", "webinar-account-based-marketing");
  private static final List<String> PRICING_PAGES =
      List.of("/pricing", "/pricing", "/pricing/enterprise", "/plans/compare");
  private static final List<String> LOST_REASONS =
      List.of("NO_BUDGET", "CHOSE_COMPETITOR", "NO_DECISION", "BAD_TIMING", "NOT_A_FIT");
  private static final List<String> DISQUALIFY_REASONS =
      List.of("NO_RESPONSE", "NOT_A_FIT", "NO_BUDGET", "BAD_TIMING");

  private final ContactPlan plan;
  private final Rng rng;
  private final Instant end;
  private final ZoneId contactZone;
  private final ZoneId salesZone;
  private final SubjectRef contact;
  private final Map<String, Object> profile;
  private final List<Signal> signals = new ArrayList<>();
  private final List<String> pagesSeen = new ArrayList<>();
  private final Map<SubjectRef, Integer> sequence = new LinkedHashMap<>();
  private Optional<Instant> handoffAt = Optional.empty();
  private Optional<Instant> firstTouchAt = Optional.empty();
  private String lifecycleStage = "lead";

  ContactTimeline(ContactPlan plan, Rng rng, Instant end) {
    this.plan = plan;
    this.rng = rng;
    this.end = end;
    this.contactZone = ZoneId.of(plan.timeZone());
    this.salesZone = plan.region().salesZone;
    this.contact = SubjectRef.contact(plan.contactId());
    this.profile = profile(plan);
  }

  private static Map<String, Object> profile(ContactPlan plan) {
    Map<String, Object> profile = new LinkedHashMap<>();
    profile.put(SEGMENT, plan.segment().name());
    profile.put(REGION, plan.region().name());
    profile.put(COUNTRY, plan.country());
    profile.put(TIME_ZONE, plan.timeZone());
    profile.put(LEAD_SOURCE, plan.leadSource().key);
    profile.put(FIT_SCORE, (long) plan.fitScore());
    profile.put(COMPANY_DOMAIN_ID, plan.companyDomainId());
    plan.accountOwnerId().ifPresent(owner -> profile.put(ACCOUNT_OWNER_ID, owner));
    return profile;
  }

  /** Generates the contact's history. */
  ContactHistory generate() {
    Instant first = firstTouchTime();
    Instant qualifiedAt;
    switch (plan.intent()) {
      case HIGH:
        qualifiedAt = highIntent(first);
        break;
      case MEDIUM:
        qualifiedAt = mediumIntent(first);
        break;
      default:
        lowIntent(first);
        qualifiedAt = null;
        break;
    }
    if (qualifiedAt != null && qualifiedAt.isBefore(end)) {
      handoffAt = Optional.of(qualifiedAt);
      sales(qualifiedAt);
    }
    return new ContactHistory(plan, handoffAt, firstTouchAt, signals);
  }

  // ---- marketing -------------------------------------------------------------------------------

  private Instant firstTouchTime() {
    LocalDate day = plan.firstSeenAt().atZone(contactZone).toLocalDate();
    return localDaytime(day, plan.firstSeenAt());
  }

  private Instant highIntent(Instant first) {
    Instant at = first;
    int content = plan.leadSource() == LeadSource.REFERRAL ? rng.between(0, 1) : rng.between(0, 3);
    for (int i = 0; i < content; i++) {
      at = laterDay(content(at, i == 0), 3);
    }
    int pricing = rng.between(0, 3);
    for (int i = 0; i < pricing; i++) {
      pricingView(at);
      at = soon(at, 2, 40);
    }
    Map<String, Object> demo = attributes();
    demo.put(FORM_ID, "demo-request");
    demo.put(PAGE_URL, "/demo");
    demo.put(RECENT_PAGES, List.copyOf(pagesSeen));
    emit(contact, SignalTypes.DEMO_REQUESTED, at, SOURCE_WEB, demo);
    if (plan.fitScore() < DEMO_MIN_FIT) {
      return null;
    }
    lifecycle(soon(at, 1, 5), "marketingqualifiedlead", "marketing-automation", Map.of());
    return at;
  }

  private Instant mediumIntent(Instant first) {
    Instant at = first;
    int content = rng.between(1, 4);
    int pricing = rng.between(2, 4);
    for (int i = 0; i < content; i++) {
      at = laterDay(content(at, i == 0), 4);
      if (i < pricing) {
        pricingView(at);
        at = soon(at, 5, 90);
      }
    }
    for (int i = content; i < pricing; i++) {
      at = laterDay(at, 3);
      pricingView(at);
    }
    if (!rng.chance(0.65)) {
      return null;
    }
    at = soon(at, 1, 30);
    String form = rng.chance(0.4) ? "contact-sales" : "trial-signup";
    Map<String, Object> submitted = attributes();
    submitted.put(FORM_ID, form);
    submitted.put(PAGE_URL, "contact-sales".equals(form) ? "/contact" : "/trial");
    emit(contact, SignalTypes.FORM_SUBMITTED, at, SOURCE_WEB, submitted);
    if (plan.fitScore() < FORM_MIN_FIT) {
      return null;
    }
    Instant mql = soon(at, 1, 10);
    lifecycle(mql, "marketingqualifiedlead", "marketing-automation", Map.of());
    return mql;
  }

  private void lowIntent(Instant first) {
    Instant at = first;
    int content = rng.between(1, 4);
    for (int i = 0; i < content; i++) {
      at = laterDay(content(at, i == 0), 7);
    }
    if (rng.chance(0.12)) {
      pricingView(at);
      at = laterDay(at, 5);
    }
    if (rng.chance(0.40)) {
      Map<String, Object> submitted = attributes();
      submitted.put(FORM_ID, rng.chance(0.5) ? "newsletter" : "ebook-download");
      submitted.put(PAGE_URL, "/resources");
      emit(contact, SignalTypes.FORM_SUBMITTED, at, SOURCE_WEB, submitted);
    }
  }

  /** Emits a content engagement at or after {@code at}; returns its time. */
  private Instant content(Instant at, boolean first) {
    String type;
    String id;
    if (first && plan.leadSource() == LeadSource.WEBINAR) {
      Map<String, Object> registration = attributes();
      registration.put(FORM_ID, "webinar-registration");
      registration.put(PAGE_URL, "/webinars");
      emit(contact, SignalTypes.FORM_SUBMITTED, at, SOURCE_WEB, registration);
      at = soon(at, 60 * 24, 60 * 24 * 6);
      type = "WEBINAR";
      id = rng.pick(WEBINARS);
    } else {
      int kind = rng.weighted(0.45, 0.30, 0.15, 0.10);
      type = List.of("BLOG", "GUIDE", "CASE_STUDY", "WEBINAR").get(kind);
      id = rng.pick(List.of(BLOG, GUIDES, CASE_STUDIES, WEBINARS).get(kind));
    }
    Map<String, Object> engaged = attributes();
    engaged.put(CONTENT_ID, id);
    engaged.put(CONTENT_TYPE, type);
    engaged.put(HIGH_VALUE, !"BLOG".equals(type));
    String page = "/resources/" + id;
    engaged.put(PAGE_URL, page);
    pagesSeen.add(page);
    emit(contact, SignalTypes.CONTENT_ENGAGED, at, SOURCE_WEB, engaged);
    return at;
  }

  private void pricingView(Instant at) {
    String page = rng.pick(PRICING_PAGES);
    Map<String, Object> viewed = attributes();
    viewed.put(PAGE_URL, page);
    viewed.put(VIEW_SECONDS, (long) rng.between(8, 420));
    pagesSeen.add(page);
    emit(contact, SignalTypes.PRICING_PAGE_VIEWED, at, SOURCE_WEB, viewed);
  }

  private void lifecycle(Instant at, String stage, String changedBy, Map<String, Object> extra) {
    Map<String, Object> changed = attributes();
    changed.put(LIFECYCLE_STAGE, stage);
    changed.put(PREVIOUS_LIFECYCLE_STAGE, lifecycleStage);
    changed.put(CHANGED_BY, changedBy);
    changed.putAll(extra);
    lifecycleStage = stage;
    emit(contact, SignalTypes.LIFECYCLE_CHANGED, at, SOURCE_CRM, changed);
  }

  private Map<String, Object> attributes() {
    return new LinkedHashMap<>(profile);
  }

  // ---- sales -----------------------------------------------------------------------------------

  private void sales(Instant handoff) {
    if (plan.responder() == Responder.NEVER) {
      return;
    }
    Instant touch =
        BusinessHours.plusBusinessMinutes(handoff, plan.responseBusinessMinutes(), salesZone);
    if (touch.isBefore(end)) {
      firstTouchAt = Optional.of(touch);
    }
    activity(touch, rng.chance(0.55) ? "CALL" : "EMAIL", Map.of());
    double meeting =
        (plan.intent() == IntentTier.HIGH ? 0.55 : 0.35) + (plan.fitScore() - 60) / 200.0;
    if (plan.responder() == Responder.LATE) {
      meeting *= 0.6;
    }
    if (rng.chance(meeting)) {
      meeting(touch);
    } else {
      noMeeting(touch);
    }
  }

  private void noMeeting(Instant touch) {
    Instant at = touch;
    int followUps = rng.between(1, 3);
    for (int i = 0; i < followUps; i++) {
      at = BusinessHours.plusBusinessMinutes(at, rng.between(480, 1_440), salesZone);
      activity(at, rng.chance(0.6) ? "EMAIL" : "CALL", Map.of());
    }
    if (rng.chance(0.35)) {
      at = BusinessHours.plusBusinessMinutes(at, rng.between(480, 2_400), salesZone);
      lifecycle(at, "other", "sales", Map.of(REASON_CODE, rng.pick(DISQUALIFY_REASONS)));
    }
  }

  private void meeting(Instant touch) {
    Instant booked = BusinessHours.plusBusinessMinutes(touch, rng.between(10, 1_440), salesZone);
    Instant startsAt =
        BusinessHours.plusBusinessMinutes(booked, rng.between(480, 2_880), salesZone);
    startsAt = startsAt.minusSeconds(startsAt.getEpochSecond() % 1_800); // on the half hour
    if (!startsAt.isAfter(booked)) {
      startsAt = startsAt.plusSeconds(1_800);
    }
    String meetingId = "mtg-" + plan.contactId() + "-1";
    Map<String, Object> bookedAttributes = new LinkedHashMap<>();
    bookedAttributes.put(MEETING_ID, meetingId);
    bookedAttributes.put(MEETING_STARTS_AT, startsAt.toString());
    bookedAttributes.put(MEETING_TYPE, "DISCOVERY");
    plan.accountOwnerId().ifPresent(owner -> bookedAttributes.put(OWNER_ID, owner));
    emit(contact, SignalTypes.MEETING_BOOKED, booked, SOURCE_CRM, bookedAttributes);
    if (!rng.chance(0.85)) {
      // a no-show: one chasing e-mail, then silence
      activity(startsAt.plusSeconds(3_600), "EMAIL", Map.of());
      return;
    }
    Instant held = startsAt.plusSeconds(60L * rng.between(25, 50));
    activity(held, "MEETING", Map.of(MEETING_ID, meetingId));
    if (rng.chance(0.80)) {
      deal(BusinessHours.plusBusinessMinutes(held, rng.between(30, 960), salesZone));
    }
  }

  private void activity(Instant at, String type, Map<String, Object> extra) {
    Map<String, Object> logged = new LinkedHashMap<>();
    logged.put(ACTIVITY_TYPE, type);
    plan.accountOwnerId().ifPresent(owner -> logged.put(OWNER_ID, owner));
    logged.putAll(extra);
    emit(contact, SignalTypes.SALES_ACTIVITY, at, SOURCE_CRM, logged);
  }

  // ---- deal ------------------------------------------------------------------------------------

  private void deal(Instant createdAt) {
    String dealId = Integer.toString(5_000_001 + plan.index());
    SubjectRef deal = SubjectRef.deal(dealId);
    Segment segment = plan.segment();
    double amount = 100.0 * (rng.between(segment.minAmount, segment.maxAmount) / 100);
    int outcome = rng.weighted(0.35, 0.30, 0.20, 0.15); // won, lost, stalled, open
    List<String> path = new ArrayList<>();
    for (String stage : DEAL_STAGES) {
      boolean skippable =
          "presentationscheduled".equals(stage) || "decisionmakerboughtin".equals(stage);
      if (!(segment == Segment.SMB && skippable && rng.chance(0.5))) {
        path.add(stage);
      }
    }
    int reached;
    switch (outcome) {
      case 1:
        reached = rng.between(0, path.size());
        break;
      case 2:
        reached = rng.between(0, path.size() - 1);
        break;
      default:
        reached = path.size();
        break;
    }
    int slowness = outcome == 3 ? 2 : 1;
    dealStage(deal, createdAt, "appointmentscheduled", null, amount, Map.of());
    lifecycle(soon(createdAt, 1, 15), "opportunity", "crm-workflow", Map.of(DEAL_ID, dealId));
    Instant at = createdAt;
    String previous = "appointmentscheduled";
    for (int i = 0; i < reached; i++) {
      at = afterStageDays(at, slowness);
      dealStage(deal, at, path.get(i), previous, amount, Map.of());
      previous = path.get(i);
    }
    if (outcome == 0) {
      at = afterStageDays(at, 1);
      dealStage(deal, at, "closedwon", previous, amount, Map.of());
      Instant customer = soon(at, 5, 60);
      lifecycle(customer, "customer", "crm-workflow", Map.of(DEAL_ID, dealId));
      if (rng.chance(0.50)) {
        usageDrop(customer, dealId);
      }
    } else if (outcome == 1) {
      at = afterStageDays(at, 1);
      dealStage(
          deal,
          at,
          "closedlost",
          previous,
          amount,
          Map.of(CLOSED_LOST_REASON, rng.pick(LOST_REASONS)));
    }
    // stalled: no more movement; open: slow movement that the window cuts off
  }

  private Instant afterStageDays(Instant from, int slowness) {
    int days = rng.between(plan.segment().minStageDays, plan.segment().maxStageDays) * slowness;
    int minutes = days * 480 - rng.between(0, 240);
    return BusinessHours.plusBusinessMinutes(from, minutes, salesZone);
  }

  private void dealStage(
      SubjectRef deal,
      Instant at,
      String stage,
      String previous,
      double amount,
      Map<String, Object> extra) {
    Map<String, Object> changed = new LinkedHashMap<>();
    changed.put(CONTACT_ID, plan.contactId());
    changed.put(PIPELINE, "default");
    changed.put(DEAL_STAGE, stage);
    if (previous != null) {
      changed.put(PREVIOUS_DEAL_STAGE, previous);
    }
    changed.put(AMOUNT, amount);
    changed.put(CURRENCY, "USD");
    changed.put(SEGMENT, plan.segment().name());
    changed.put(REGION, plan.region().name());
    changed.putAll(extra);
    plan.accountOwnerId().ifPresent(owner -> changed.put(OWNER_ID, owner));
    emit(deal, SignalTypes.DEAL_STAGE_CHANGED, at, SOURCE_CRM, changed);
  }

  private void usageDrop(Instant customerAt, String dealId) {
    // a nightly product job, at 06:00 UTC, 2 to 10 days after the customer went live
    Instant day = customerAt.plusSeconds(86_400L * rng.between(2, 10));
    Instant at = day.minusSeconds(day.getEpochSecond() % 86_400).plusSeconds(6 * 3_600);
    long previous = rng.between(5, 400);
    long dropPercent = rng.between(30, 80);
    Map<String, Object> dropped = new LinkedHashMap<>();
    dropped.put(METRIC, "weekly_active_users");
    dropped.put(PREVIOUS_VALUE, previous);
    dropped.put(CURRENT_VALUE, previous * (100 - dropPercent) / 100);
    dropped.put(DROP_PERCENT, dropPercent);
    dropped.put(WINDOW_DAYS, 14L);
    dropped.put(DEAL_ID, dealId);
    emit(contact, SignalTypes.USAGE_DROPPED, at, SOURCE_PRODUCT, dropped);
  }

  // ---- time and emission -----------------------------------------------------------------------

  /**
   * A time between 08:00 and 22:00 local on {@code day}, mostly on workdays, after {@code
   * notBefore}.
   */
  private Instant localDaytime(LocalDate day, Instant notBefore) {
    LocalDate date = day;
    if (isWeekend(date) && rng.chance(0.7)) {
      date = date.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    }
    LocalTime time = LocalTime.of(rng.between(8, 21), rng.between(0, 59), rng.between(0, 59));
    Instant at = ZonedDateTime.of(date, time, contactZone).toInstant();
    return at.isBefore(notBefore) ? notBefore.plusSeconds(rng.between(60, 3_600)) : at;
  }

  /** The same or a later day (up to {@code maxDays}), at least 20 minutes after {@code at}. */
  private Instant laterDay(Instant at, int maxDays) {
    LocalDate day = at.atZone(contactZone).toLocalDate().plusDays(rng.between(0, maxDays));
    return localDaytime(day, at.plusSeconds(20 * 60));
  }

  /** Between {@code minMinutes} and {@code maxMinutes} later, to the second. */
  private Instant soon(Instant at, int minMinutes, int maxMinutes) {
    return at.plusSeconds(rng.between(minMinutes * 60, maxMinutes * 60));
  }

  private static boolean isWeekend(LocalDate date) {
    return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
  }

  private void emit(
      SubjectRef subject, String type, Instant at, String source, Map<String, Object> attributes) {
    int n = sequence.merge(subject, 1, Integer::sum);
    if (!at.isBefore(end)) {
      return;
    }
    signals.add(
        Signal.builder()
            .id(String.format(Locale.ROOT, "%s-%s-%03d", subject.type().key(), subject.id(), n))
            .subject(subject)
            .type(type)
            .occurredAt(at)
            .source(source)
            .attributes(attributes)
            .build());
  }
}
