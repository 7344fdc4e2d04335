package dev.journey.hubspot;

/**
 * HubSpot API limits by account tier and app type, as published in HubSpot's usage guidelines.
 * They are configuration, not constants: HubSpot changes them, so override through {@link
 * HubSpotConfig.Builder#rateLimit(int, long)} when yours differ. The executor also corrects its
 * local count from the {@code X-HubSpot-RateLimit-*} response headers.
 */
public enum RateLimitTier {
  /** Private app, Free or Starter: 100 per 10 s, 250,000 per day. */
  FREE_STARTER(100, 250_000),
  /** Private app, Professional: 190 per 10 s, 625,000 per day. */
  PROFESSIONAL(190, 625_000),
  /** Private app, Enterprise: 190 per 10 s, 1,000,000 per day. */
  ENTERPRISE(190, 1_000_000),
  /** Private app with the API limit increase: 250 per 10 s, 2,000,000 per day (one pack). */
  API_LIMIT_INCREASE(250, 2_000_000),
  /** Publicly distributed OAuth app: 110 per 10 s per installed account, no daily cap. */
  PUBLIC_OAUTH_APP(110, 0);

  private final int perTenSeconds;
  private final long perDay;

  RateLimitTier(int perTenSeconds, long perDay) {
    this.perTenSeconds = perTenSeconds;
    this.perDay = perDay;
  }

  /** Requests allowed per rolling 10 seconds. */
  public int perTenSeconds() {
    return perTenSeconds;
  }

  /** Requests allowed per account-local day; 0 means no daily cap. */
  public long perDay() {
    return perDay;
  }
}
