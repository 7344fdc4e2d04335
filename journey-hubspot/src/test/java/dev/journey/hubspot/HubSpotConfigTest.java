package dev.journey.hubspot;

import dev.journey.testkit.clock.VirtualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

final class HubSpotConfigTest {
  private static final TokenProvider TOKEN = TokenProvider.ofStatic("pat-na1-secret");

  @Test
  void should_reject_bad_builder_values_with_what_was_wrong() {
    // given
    HubSpotConfig.Builder b = HubSpotConfig.builder(TOKEN);
    // when / then
    assertThatThrownBy(() -> b.maxBatchSize(101))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxBatchSize must be within [1, 100], but was 101");
    assertThatThrownBy(() -> b.rateLimit(0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("perTenSeconds must be within [1, 1000], but was 0");
    assertThatThrownBy(() -> b.baseUri(URI.create("https://api.hubapi.com/crm")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("baseUri must be an absolute http(s) URI without a path, but was https://api.hubapi.com/crm");
    assertThatThrownBy(() -> b.actionIdProperty("Journey Id"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("actionIdProperty must be a HubSpot internal property name ([a-z][a-z0-9_]*), but was 'Journey Id'");
    assertThatThrownBy(() -> b.requestTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("requestTimeout must be > 0, but was PT0S");
    assertThatThrownBy(() -> b.suppressionList("nurture", "12a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("listId must be 1 to 19 digits, but was '12a'");
  }

  @Test
  void should_refuse_a_second_list_for_the_same_channel() {
    // given
    HubSpotConfig.Builder b = HubSpotConfig.builder(TOKEN).suppressionList("nurture", "1");
    // when / then
    assertThatThrownBy(() -> b.suppressionList("nurture", "2"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("channel 'nurture' already has suppression list 1, not 2");
  }

  @Test
  void should_take_limits_from_the_tier() {
    // when
    HubSpotConfig config = HubSpotConfig.builder(TOKEN).tier(RateLimitTier.PROFESSIONAL).build();
    // then
    assertThat(config.perTenSeconds()).isEqualTo(190);
    assertThat(config.perDay()).isEqualTo(625_000);
    assertThat(config.actionIdProperty()).isEqualTo("journey_action_id");
    assertThat(HubSpotConfig.builder(TOKEN).baseUri(URI.create("https://api.hubapi.com/")).build().baseUri())
        .isEqualTo(URI.create("https://api.hubapi.com"));
  }

  @Test
  void should_never_print_the_token() {
    // when
    String printed = HubSpotConfig.builder(TOKEN).build().toString()
        + HubSpotExecutor.create(HubSpotConfig.builder(TOKEN).build())
        + new TokenProvider.AccessToken("oauth-secret", Duration.ofMinutes(30));
    // then
    assertThat(printed).doesNotContain("pat-na1-secret").doesNotContain("oauth-secret").contains("****");
  }

  @Test
  void should_refresh_an_oauth_token_ahead_of_expiry_by_the_clock() {
    // given
    VirtualClock clock = VirtualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    AtomicInteger fetches = new AtomicInteger();
    TokenProvider oauth = TokenProvider.refreshing(
        () -> new TokenProvider.AccessToken("t" + fetches.incrementAndGet(), Duration.ofMinutes(30)),
        clock, Duration.ofMinutes(1));
    // when
    String first = oauth.token();
    clock.advance(Duration.ofMinutes(28));
    String stillFirst = oauth.token();
    clock.advance(Duration.ofMinutes(1));
    String second = oauth.token();
    oauth.invalidate();
    String third = oauth.token();
    // then
    assertThat(first).isEqualTo("t1");
    assertThat(stillFirst).isEqualTo("t1");
    assertThat(second).isEqualTo("t2");
    assertThat(third).isEqualTo("t3");
    assertThat(oauth.toString()).doesNotContain("t3");
  }

  private static String refreshGrant() {
    return "oauth-access-token";
  }

  @Test
  void should_build_the_providers_the_javadoc_shows() {
    // given what the Javadoc sample assumes
    String privateAppToken = "pat-na1-sample";
    VirtualClock clock = VirtualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    // when: the sample, verbatim
    TokenProvider privateApp = TokenProvider.ofStatic(privateAppToken);
    TokenProvider oauth = TokenProvider.refreshing(
        () -> new TokenProvider.AccessToken(refreshGrant(), Duration.ofMinutes(30)),
        clock, Duration.ofMinutes(1));
    // then
    assertThat(privateApp.token()).isEqualTo("pat-na1-sample");
    assertThat(oauth.token()).isEqualTo("oauth-access-token");
  }
}
