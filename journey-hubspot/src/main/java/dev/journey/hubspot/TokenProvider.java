package dev.journey.hubspot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Supplies the bearer token for HubSpot API calls. Implementations must be thread-safe and must
 * never print the token in {@code toString}.
 *
 * <p>After a 401 the executor calls {@link #invalidate()} and asks for the token once more; a
 * second 401 stops the portal (see {@link HubSpotAuthenticationException}).
 *
 * <pre>{@code
 * // compiled in HubSpotConfigTest#should_build_the_providers_the_javadoc_shows
 * TokenProvider privateApp = TokenProvider.ofStatic(privateAppToken);
 * TokenProvider oauth = TokenProvider.refreshing(
 *     () -> new TokenProvider.AccessToken(refreshGrant(), Duration.ofMinutes(30)),
 *     clock, Duration.ofMinutes(1));
 * }</pre>
 */
public interface TokenProvider {

  /**
   * The current access token.
   *
   * @return the token, never blank
   */
  String token();

  /** Drops any cached token so that the next {@link #token()} reads a fresh one. */
  default void invalidate() {}

  /**
   * A fixed private-app (or static) token.
   *
   * @param token the token
   * @return the provider
   * @throws IllegalArgumentException when the token is blank
   */
  static TokenProvider ofStatic(String token) {
    Objects.requireNonNull(token, "token");
    if (token.isBlank()) {
      throw new IllegalArgumentException("token must not be blank, but was blank");
    }
    return new TokenProvider() {
      @Override
      public String token() {
        return token;
      }

      @Override
      public String toString() {
        return "TokenProvider[static, ****]";
      }
    };
  }

  /**
   * An OAuth access token refreshed ahead of its {@code expires_in}: the source is called when no
   * token is cached, after {@link #invalidate()}, or when less than {@code refreshMargin} of its
   * lifetime is left by {@code clock}. HubSpot says a 401 is not a reliable expiry signal, hence
   * the proactive refresh.
   *
   * @param source performs the refresh-token grant (e.g. {@code POST /oauth/v1/token})
   * @param clock the clock expiry is measured with
   * @param refreshMargin how long before expiry to refresh, e.g. one minute
   * @return the provider
   * @throws IllegalArgumentException when the margin is negative
   */
  static TokenProvider refreshing(TokenSource source, Clock clock, Duration refreshMargin) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(refreshMargin, "refreshMargin");
    if (refreshMargin.isNegative()) {
      throw new IllegalArgumentException("refreshMargin must be >= 0, but was " + refreshMargin);
    }
    return new RefreshingTokenProvider(source, clock, refreshMargin);
  }

  /** Fetches a new access token, e.g. through the OAuth refresh-token grant. */
  @FunctionalInterface
  interface TokenSource {
    /**
     * Fetches a token.
     *
     * @return the token and its lifetime
     */
    AccessToken fetch();
  }

  /**
   * An access token and how long it is valid from the moment it was fetched.
   *
   * @param value the token
   * @param expiresIn the lifetime ({@code expires_in})
   */
  record AccessToken(String value, Duration expiresIn) {
    /** Validates. */
    public AccessToken {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(expiresIn, "expiresIn");
      if (value.isBlank()) {
        throw new IllegalArgumentException("value must not be blank, but was blank");
      }
      if (expiresIn.isNegative() || expiresIn.isZero()) {
        throw new IllegalArgumentException("expiresIn must be > 0, but was " + expiresIn);
      }
    }

    /** Prints the lifetime only. */
    @Override
    public String toString() {
      return "AccessToken[****, expiresIn=" + expiresIn + "]";
    }
  }
}

/** The OAuth provider behind {@link TokenProvider#refreshing}. */
final class RefreshingTokenProvider implements TokenProvider {
  private final TokenProvider.TokenSource source;
  private final Clock clock;
  private final Duration margin;
  private String current;
  private Instant refreshAt = Instant.MIN;

  RefreshingTokenProvider(TokenProvider.TokenSource source, Clock clock, Duration margin) {
    this.source = source;
    this.clock = clock;
    this.margin = margin;
  }

  @Override
  public synchronized String token() {
    Instant now = clock.instant();
    if (current == null || !now.isBefore(refreshAt)) {
      TokenProvider.AccessToken fresh = Objects.requireNonNull(source.fetch(), "fetched token");
      current = fresh.value();
      Duration usable = fresh.expiresIn().minus(margin);
      refreshAt = now.plus(usable.isNegative() ? Duration.ZERO : usable);
    }
    return current;
  }

  @Override
  public synchronized void invalidate() {
    current = null;
  }

  @Override
  public String toString() {
    return "TokenProvider[oauth, ****]";
  }
}
