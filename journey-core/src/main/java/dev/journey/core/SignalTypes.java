package dev.journey.core;

/**
 * Well-known signal types. A signal's type is a plain string so that users can add their own; these
 * are the ones the shipped capabilities and examples use.
 */
public final class SignalTypes {
  /** A form was submitted. */
  public static final String FORM_SUBMITTED = "FORM_SUBMITTED";
  /** A demo was requested. */
  public static final String DEMO_REQUESTED = "DEMO_REQUESTED";
  /** The pricing page was viewed or engaged with. */
  public static final String PRICING_PAGE_VIEWED = "PRICING_PAGE_VIEWED";
  /** High-value content (a guide, a webinar) was consumed. */
  public static final String CONTENT_ENGAGED = "CONTENT_ENGAGED";
  /** A meeting was booked. */
  public static final String MEETING_BOOKED = "MEETING_BOOKED";
  /** A sales activity was logged (call, email sent, meeting held). */
  public static final String SALES_ACTIVITY = "SALES_ACTIVITY";
  /** The CRM lifecycle stage changed. */
  public static final String LIFECYCLE_CHANGED = "LIFECYCLE_CHANGED";
  /** A deal moved to another stage. */
  public static final String DEAL_STAGE_CHANGED = "DEAL_STAGE_CHANGED";
  /** Product usage dropped (a renewal risk indicator). */
  public static final String USAGE_DROPPED = "USAGE_DROPPED";
  /** No qualifying activity for a configured time. */
  public static final String INACTIVITY = "INACTIVITY";
  /**
   * A journey timer became due. The engine creates these itself with the id {@code
   * timer:<subject>:<name>:<generation>} and attributes {@code timer} and {@code generation}.
   */
  public static final String TIMER_FIRED = "TIMER_FIRED";

  private SignalTypes() {}
}
