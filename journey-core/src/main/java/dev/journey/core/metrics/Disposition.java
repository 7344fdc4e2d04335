package dev.journey.core.metrics;

import dev.journey.core.internal.Checks;
import java.util.Comparator;
import java.util.Objects;

/**
 * One exit taken for one reason: a recycle, disqualification or loss with its reason code. Sorted
 * by exit, then code.
 *
 * @param exit the exit ({@link Dispositions.Exit#RECYCLE} when the journey declares no dispositions)
 * @param code the reason code
 */
public record Disposition(Dispositions.Exit exit, String code) implements Comparable<Disposition> {
  private static final Comparator<Disposition> ORDER =
      Comparator.comparing(Disposition::exit).thenComparing(Disposition::code);

  /** Validates. */
  public Disposition {
    Objects.requireNonNull(exit, "exit");
    Checks.notBlank(code, "code");
  }

  @Override
  public int compareTo(Disposition other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return exit + " " + code;
  }
}
