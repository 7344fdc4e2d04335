package dev.journey.examples.leadhandoff;

/** Company segment, with the share of contacts and the fit-score centre the generator uses. */
enum Segment {
  SMB(0.55, 48, 5_000, 25_000, 1, 2),
  MID_MARKET(0.30, 62, 25_000, 120_000, 1, 4),
  ENTERPRISE(0.15, 72, 100_000, 600_000, 2, 6);

  final double share;
  final int fitCentre;
  final int minAmount;
  final int maxAmount;
  final int minStageDays;
  final int maxStageDays;

  Segment(
      double share,
      int fitCentre,
      int minAmount,
      int maxAmount,
      int minStageDays,
      int maxStageDays) {
    this.share = share;
    this.fitCentre = fitCentre;
    this.minAmount = minAmount;
    this.maxAmount = maxAmount;
    this.minStageDays = minStageDays;
    this.maxStageDays = maxStageDays;
  }
}
