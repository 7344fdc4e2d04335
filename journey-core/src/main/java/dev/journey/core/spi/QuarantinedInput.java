package dev.journey.core.spi;

import dev.journey.core.SubjectRef;
import dev.journey.core.internal.Checks;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An input that could not be processed and was set aside so that it stops nothing else: a timer
 * whose firing failed too often, a redelivered signal id with other content, a webhook event the
 * adapter could not turn into a signal. It waits in the store's {@link Quarantine} until someone
 * inspects it, fixes the cause and requeues or discards it.
 *
 * <p>{@link #content()} is a rendering of the rejected input for diagnosis. It is capped at
 * {@value #MAX_CONTENT_LENGTH} characters and e-mail addresses in it are masked on construction;
 * producers should pass a rendering that already omits personal data (attribute names, types and
 * sizes rather than values). {@link #toString()} prints its length only.
 *
 * @param kind what kind of input it is
 * @param id the input's id, unique within its kind (for a timer, its firing signal's id)
 * @param subject the subject, when known
 * @param reason why it was set aside, for an operator
 * @param content a redacted rendering of the input, at most {@value #MAX_CONTENT_LENGTH} characters
 * @param attempts how many times processing it failed (at least 1)
 * @param quarantinedAt when it was set aside
 */
public record QuarantinedInput(
    Kind kind,
    String id,
    Optional<SubjectRef> subject,
    String reason,
    String content,
    int attempts,
    Instant quarantinedAt) {

  /** The longest {@link #content()} kept; longer content is cut and marked. */
  public static final int MAX_CONTENT_LENGTH = 8192;

  /** The longest {@link #reason()} kept; a longer reason is cut and marked. */
  public static final int MAX_REASON_LENGTH = 2048;

  /** The longest id accepted. */
  public static final int MAX_ID_LENGTH = 512;

  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+\\-]+@[A-Za-z0-9.\\-]+\\.[A-Za-z]{2,}");

  /** What kind of input was set aside. */
  public enum Kind {
    /** A signal whose processing failed. */
    SIGNAL,
    /** A due timer whose firing failed; while quarantined it is not claimed again. */
    TIMER,
    /** A signal whose id was already processed with other content. */
    ID_CONFLICT,
    /** An external event (e.g. a webhook event) that could not become a signal. */
    EXTERNAL_EVENT,
    /**
     * A merge or an alias refused by the identity policy (it would join two different values of a
     * unique identifier type), queued for a person to decide; never applied silently.
     */
    IDENTITY_REVIEW
  }

  /**
   * Validates, caps and redacts.
   *
   * @throws NullPointerException when an argument is null
   * @throws IllegalArgumentException when the id is blank or longer than {@value #MAX_ID_LENGTH},
   *     or attempts is below 1
   */
  public QuarantinedInput {
    Objects.requireNonNull(kind, "kind");
    Checks.notBlank(id, "id");
    if (id.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "id must be at most %d characters, but was %d characters",
              MAX_ID_LENGTH,
              id.length()));
    }
    Objects.requireNonNull(subject, "subject");
    reason = cap(redact(Objects.requireNonNull(reason, "reason")), MAX_REASON_LENGTH);
    content = cap(redact(Objects.requireNonNull(content, "content")), MAX_CONTENT_LENGTH);
    Checks.atLeast(attempts, 1, "attempts");
    Objects.requireNonNull(quarantinedAt, "quarantinedAt");
  }

  /** The same input after one more failed attempt at {@code at}, with the latest reason. */
  public QuarantinedInput failedAgain(String newReason, Instant at) {
    return new QuarantinedInput(kind, id, subject, newReason, content, attempts + 1, at);
  }

  /** Masks e-mail addresses in {@code text}: {@code ***@***}. */
  public static String redact(String text) {
    return text.indexOf('@') < 0 ? text : EMAIL.matcher(text).replaceAll("***@***");
  }

  private static String cap(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    String marker = String.format(Locale.ROOT, "...[cut, %d characters in all]", text.length());
    return text.substring(0, max - marker.length()) + marker;
  }

  /** Prints everything but the reason and the content, of which only the lengths. */
  @Override
  public String toString() {
    return "QuarantinedInput[kind="
        + kind
        + ", id="
        + id
        + ", subject="
        + subject.map(SubjectRef::toString).orElse("unknown")
        + ", reason="
        + reason.length()
        + " characters, content="
        + content.length()
        + " characters, attempts="
        + attempts
        + ", quarantinedAt="
        + quarantinedAt
        + "]";
  }
}
