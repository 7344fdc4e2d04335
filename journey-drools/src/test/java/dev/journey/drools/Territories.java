package dev.journey.drools;

import java.util.Locale;
import java.util.Set;

/**
 * An application's own helper that rules may call once the registry's sandbox allows it (the
 * docs/rules.md sample). Public because compiled rules live in their own package. Not a test class.
 */
public final class Territories {
  private static final Set<String> EMEA = Set.of("DE", "FR", "GB", "NL", "ES", "IT");

  private Territories() {}

  /** The sales region of an ISO country code: {@code emea} or {@code na}. */
  public static String regionOf(String country) {
    return EMEA.contains(country.toUpperCase(Locale.ROOT)) ? "emea" : "na";
  }
}
