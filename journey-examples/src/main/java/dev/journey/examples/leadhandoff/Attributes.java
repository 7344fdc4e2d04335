package dev.journey.examples.leadhandoff;

/**
 * The attribute names {@link SignalLogGenerator} writes, in one place. Values are JSON-compatible:
 * {@code String}, {@code Long}, {@code Double}, {@code Boolean} or {@code List<String>}. Every id
 * is synthetic; no signal carries a name, an e-mail address or any other personal data.
 *
 * <p>Contact signals from marketing ({@code CONTENT_ENGAGED}, {@code PRICING_PAGE_VIEWED}, {@code
 * FORM_SUBMITTED}, {@code DEMO_REQUESTED}) and every {@code LIFECYCLE_CHANGED} carry the contact's
 * profile: {@link #SEGMENT}, {@link #REGION}, {@link #COUNTRY}, {@link #TIME_ZONE}, {@link
 * #LEAD_SOURCE}, {@link #FIT_SCORE}, {@link #COMPANY_DOMAIN_ID} and, for contacts at an existing
 * account, {@link #ACCOUNT_OWNER_ID}. The README next to the shipped log
 * (docs/examples/lead-handoff/README.md) lists which signal carries which attribute.
 *
 * <p>Constants only; thread-safe.
 */
public final class Attributes {
  /** Company segment, a string: {@code SMB}, {@code MID_MARKET} or {@code ENTERPRISE}. */
  public static final String SEGMENT = "segment";

  /** Sales region, a string: {@code NA}, {@code EMEA} or {@code APAC}. */
  public static final String REGION = "region";

  /** ISO 3166 alpha-2 country code of the contact, e.g. {@code DE}. */
  public static final String COUNTRY = "country";

  /** IANA time zone of the contact, e.g. {@code Europe/Berlin}. */
  public static final String TIME_ZONE = "timeZone";

  /**
   * How the contact first arrived, a string: {@code organic}, {@code paid}, {@code webinar}, {@code
   * referral} or {@code outbound}.
   */
  public static final String LEAD_SOURCE = "leadSource";

  /** Fit score, a {@code Long} from 0 to 100 (higher fits the ideal customer profile better). */
  public static final String FIT_SCORE = "fitScore";

  /** Synthetic id of the contact's company domain, e.g. {@code dom-0042}; shared by colleagues. */
  public static final String COMPANY_DOMAIN_ID = "companyDomainId";

  /**
   * Owner id of an existing account the contact belongs to, e.g. {@code owner-emea-02}; present for
   * about 10% of contacts only.
   */
  public static final String ACCOUNT_OWNER_ID = "accountOwnerId";

  /** Content id of a {@code CONTENT_ENGAGED} signal, e.g. {@code guide-lead-routing}. */
  public static final String CONTENT_ID = "contentId";

  /** Content kind: {@code BLOG}, {@code GUIDE}, {@code CASE_STUDY}, {@code WEBINAR}. */
  public static final String CONTENT_TYPE = "contentType";

  /** {@code true} when the content is high-value (a guide, a webinar, a case study). */
  public static final String HIGH_VALUE = "highValue";

  /** Page path of a page view or a form, e.g. {@code /pricing}. */
  public static final String PAGE_URL = "pageUrl";

  /** Seconds spent on a pricing page, a {@code Long}. */
  public static final String VIEW_SECONDS = "viewSeconds";

  /**
   * Form id of {@code FORM_SUBMITTED} / {@code DEMO_REQUESTED}: {@code newsletter}, {@code
   * ebook-download}, {@code webinar-registration}, {@code contact-sales}, {@code trial-signup},
   * {@code demo-request}.
   */
  public static final String FORM_ID = "formId";

  /** Paths of the pages viewed before a demo request (a list of strings, oldest first). */
  public static final String RECENT_PAGES = "recentPages";

  /**
   * New CRM lifecycle stage of {@code LIFECYCLE_CHANGED}: {@code marketingqualifiedlead}, {@code
   * opportunity}, {@code customer}, {@code other} (disqualified by sales).
   */
  public static final String LIFECYCLE_STAGE = "lifecycleStage";

  /** Lifecycle stage before the change, e.g. {@code lead}. */
  public static final String PREVIOUS_LIFECYCLE_STAGE = "previousLifecycleStage";

  /** Who changed the stage: {@code marketing-automation}, {@code sales} or {@code crm-workflow}. */
  public static final String CHANGED_BY = "changedBy";

  /**
   * Why sales disqualified a contact (lifecycle {@code other}): {@code NO_RESPONSE}, {@code
   * NOT_A_FIT}, {@code NO_BUDGET}, {@code BAD_TIMING}.
   */
  public static final String REASON_CODE = "reasonCode";

  /**
   * Sales activity kind of {@code SALES_ACTIVITY}: {@code CALL}, {@code EMAIL} or {@code MEETING}.
   */
  public static final String ACTIVITY_TYPE = "activityType";

  /**
   * Owner id of the rep who logged an activity or booked a meeting; present only when the generator
   * knows it (contacts at an existing account). Otherwise the engine's routing decides.
   */
  public static final String OWNER_ID = "ownerId";

  /**
   * Synthetic meeting id, e.g. {@code mtg-1000042-1}, on {@code MEETING_BOOKED} and held meetings.
   */
  public static final String MEETING_ID = "meetingId";

  /** When a booked meeting starts, an ISO-8601 instant string. */
  public static final String MEETING_STARTS_AT = "meetingStartsAt";

  /** Meeting kind, a string: {@code DISCOVERY}. */
  public static final String MEETING_TYPE = "meetingType";

  /** The contact a deal belongs to, e.g. {@code 1000042}; on every {@code DEAL_STAGE_CHANGED}. */
  public static final String CONTACT_ID = "contactId";

  /** The deal a lifecycle change or a usage drop relates to, e.g. {@code 5000007}. */
  public static final String DEAL_ID = "dealId";

  /** Deal pipeline id, a string: {@code default}. */
  public static final String PIPELINE = "pipeline";

  /**
   * New deal stage: {@code appointmentscheduled}, {@code qualifiedtobuy}, {@code
   * presentationscheduled}, {@code decisionmakerboughtin}, {@code contractsent}, {@code closedwon},
   * {@code closedlost}.
   */
  public static final String DEAL_STAGE = "dealStage";

  /** Deal stage before the change; absent when the deal was just created. */
  public static final String PREVIOUS_DEAL_STAGE = "previousDealStage";

  /** Deal amount, a {@code Double} in {@link #CURRENCY}. */
  public static final String AMOUNT = "amount";

  /** Currency of {@link #AMOUNT}: {@code USD}. */
  public static final String CURRENCY = "currency";

  /**
   * Why a deal was lost ({@code closedlost} only): {@code NO_BUDGET}, {@code CHOSE_COMPETITOR},
   * {@code NO_DECISION}, {@code BAD_TIMING}, {@code NOT_A_FIT}.
   */
  public static final String CLOSED_LOST_REASON = "closedLostReason";

  /** The usage metric of {@code USAGE_DROPPED}: {@code weekly_active_users}. */
  public static final String METRIC = "metric";

  /** The metric's value over the previous window, a {@code Long}. */
  public static final String PREVIOUS_VALUE = "previousValue";

  /** The metric's value over the latest window, a {@code Long}. */
  public static final String CURRENT_VALUE = "currentValue";

  /** The drop from {@link #PREVIOUS_VALUE} to {@link #CURRENT_VALUE} in percent, a {@code Long}. */
  public static final String DROP_PERCENT = "dropPercent";

  /** Length of the usage comparison window in days, a {@code Long}. */
  public static final String WINDOW_DAYS = "windowDays";

  private Attributes() {}
}
