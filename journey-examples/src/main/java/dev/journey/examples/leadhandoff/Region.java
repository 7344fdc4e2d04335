package dev.journey.examples.leadhandoff;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * Sales region: share of contacts, the time zone its reps work in (business hours 09:00-17:00,
 * Monday to Friday), its countries with weights and time zones, and its reps' owner ids.
 */
enum Region {
  NA(
      0.50,
      "America/New_York",
      List.of(
          new Country("US", "America/New_York", 40),
          new Country("US", "America/Chicago", 20),
          new Country("US", "America/Los_Angeles", 25),
          new Country("CA", "America/Toronto", 15)),
      6),
  EMEA(
      0.32,
      "Europe/London",
      List.of(
          new Country("GB", "Europe/London", 35),
          new Country("DE", "Europe/Berlin", 25),
          new Country("FR", "Europe/Paris", 15),
          new Country("NL", "Europe/Amsterdam", 15),
          new Country("SE", "Europe/Stockholm", 10)),
      4),
  APAC(
      0.18,
      "Asia/Singapore",
      List.of(
          new Country("AU", "Australia/Sydney", 35),
          new Country("SG", "Asia/Singapore", 25),
          new Country("JP", "Asia/Tokyo", 20),
          new Country("IN", "Asia/Kolkata", 20)),
      3);

  final double share;
  final ZoneId salesZone;
  final List<Country> countries;
  final int reps;

  Region(double share, String salesZone, List<Country> countries, int reps) {
    this.share = share;
    this.salesZone = ZoneId.of(salesZone);
    this.countries = countries;
    this.reps = reps;
  }

  /** The owner id of rep {@code n} (1-based), e.g. {@code owner-emea-02}. */
  String ownerId(int n) {
    return String.format(Locale.ROOT, "owner-%s-%02d", name().toLowerCase(Locale.ROOT), n);
  }

  /** A country with the time zone its contacts live in and a relative weight. */
  record Country(String code, String zone, int weight) {}
}
