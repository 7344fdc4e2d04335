package dev.journey.core.feature;

import dev.journey.core.JourneyException;
import java.util.List;
import java.util.Locale;

/**
 * A rule or an application read a feature the journey does not declare. The message names the
 * feature and the declared ones.
 */
public final class UnknownFeatureException extends JourneyException {
  private static final long serialVersionUID = 1L;

  private final String feature;

  /**
   * Creates the exception.
   *
   * @param feature the name that was read
   * @param declared the names the journey declares
   */
  public UnknownFeatureException(String feature, List<String> declared) {
    super(
        String.format(
            Locale.ROOT,
            "feature '%s' is not declared by the journey; declared features: %s",
            feature,
            declared.isEmpty() ? "none" : String.join(", ", declared)));
    this.feature = feature;
  }

  /** The name that was read. */
  public String feature() {
    return feature;
  }
}
