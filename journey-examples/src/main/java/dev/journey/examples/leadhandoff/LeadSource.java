package dev.journey.examples.leadhandoff;

/**
 * How a contact first arrived, with its share of contacts and the intent mix it brings (shares of
 * high, medium and low intent; the rest of 1.0 is low).
 */
enum LeadSource {
  ORGANIC("organic", 0.35, 0.20, 0.35),
  PAID("paid", 0.25, 0.20, 0.30),
  WEBINAR("webinar", 0.15, 0.15, 0.40),
  REFERRAL("referral", 0.10, 0.40, 0.35),
  OUTBOUND("outbound", 0.15, 0.25, 0.30);

  final String key;
  final double share;
  final double highIntent;
  final double mediumIntent;

  LeadSource(String key, double share, double highIntent, double mediumIntent) {
    this.key = key;
    this.share = share;
    this.highIntent = highIntent;
    this.mediumIntent = mediumIntent;
  }
}
