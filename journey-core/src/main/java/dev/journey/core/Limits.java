package dev.journey.core;


/**
 * The sizes Journey accepts, the same on every store: what fits here is committed by the
 * in-memory store, H2 and PostgreSQL alike, and what does not is refused at intake with a typed
 * error naming the field, the limit and the size found ({@link InvalidSignalException} for a
 * signal, {@link InvalidValueException} for anything a decision makes), before anything is
 * written.
 *
 * <p>The limits keep every stored document (snapshot, audit record with its input snapshot,
 * signal and decision, outbox entry) well below the 1,000,000 characters the JDBC store's
 * documents may hold.
 */
public final class Limits {
  /** The longest signal id: {@value}. */
  public static final int SIGNAL_ID_LENGTH = Signal.MAX_ID_LENGTH;

  /** The longest subject id: {@value}. */
  public static final int SUBJECT_ID_LENGTH = SubjectRef.MAX_ID_LENGTH;

  /**
   * The longest timer name: {@value}, so that a firing's signal id ({@code
   * timer:<subject>:<name>:<generation>}) stays within {@link #SIGNAL_ID_LENGTH}.
   */
  public static final int TIMER_NAME_LENGTH = 64;

  /** The deepest nesting of signal attributes: {@value}. */
  public static final int ATTRIBUTE_DEPTH = JsonValues.MAX_DEPTH;

  /** The most characters a signal's attributes may take as compact JSON: {@value}. */
  public static final int ATTRIBUTES_LENGTH = 65_536;

  /** The longest property value: {@value} characters. */
  public static final int PROPERTY_VALUE_LENGTH = 65_536;

  /** The most characters a snapshot may take as compact JSON: {@value}. */
  public static final int SNAPSHOT_LENGTH = 262_144;

  private Limits() {}
}
