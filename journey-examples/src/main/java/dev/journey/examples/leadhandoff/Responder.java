package dev.journey.examples.leadhandoff;

/**
 * How fast sales follows up on a handed-off contact, in business minutes of the region's sales time
 * zone: fast within two business hours, late after five business hours to four business days, never
 * not at all.
 */
enum Responder {
  FAST(0.60, 5, 120),
  LATE(0.25, 300, 1_920),
  NEVER(0.15, 0, 0);

  final double share;
  final int minBusinessMinutes;
  final int maxBusinessMinutes;

  Responder(double share, int minBusinessMinutes, int maxBusinessMinutes) {
    this.share = share;
    this.minBusinessMinutes = minBusinessMinutes;
    this.maxBusinessMinutes = maxBusinessMinutes;
  }
}
