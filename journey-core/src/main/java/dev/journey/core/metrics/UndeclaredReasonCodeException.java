package dev.journey.core.metrics;

import dev.journey.core.JourneyException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A reason code (a recycle, disqualification or loss disposition) that the journey's {@link
 * Dispositions} do not declare. The message names the code, where it came from and the allowed
 * codes; reason codes are codes, never personal data.
 */
public final class UndeclaredReasonCodeException extends JourneyException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final String where;
  private final List<String> allowed;

  /**
   * Creates the exception.
   *
   * @param code the undeclared code
   * @param where where it came from, e.g. {@code Recycle by rule 'closed lost recycled'}
   * @param exit the exit the code was used for, or {@code null} for any exit
   * @param allowed the codes allowed there
   */
  public UndeclaredReasonCodeException(String code, String where, Dispositions.Exit exit, List<String> allowed) {
    super(
        String.format(
            Locale.ROOT,
            "%s: reason code '%s' is not declared%s; allowed: %s",
            where,
            code,
            exit == null ? "" : " for exit " + exit,
            allowed.isEmpty() ? "(none declared)" : String.join(", ", allowed)));
    this.code = Objects.requireNonNull(code, "code");
    this.where = Objects.requireNonNull(where, "where");
    this.allowed = List.copyOf(allowed);
  }

  /** The undeclared code. */
  public String code() {
    return code;
  }

  /** Where it came from. */
  public String where() {
    return where;
  }

  /** The codes allowed there. */
  public List<String> allowed() {
    return allowed;
  }
}
