package dev.journey.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.hubspot.HubSpotRequestEvent;
import dev.journey.hubspot.HubSpotRequestEvent.Outcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** HubSpot request meters: requests by endpoint and status, latency, 429s, retries. */
final class HubSpotMetersTest {
  private static final String UPDATE = "/crm/v3/objects/contacts/batch/update";

  private static HubSpotRequestEvent event(int status, Outcome outcome, long millis, boolean retry) {
    return new HubSpotRequestEvent("POST", UPDATE, status, outcome, Duration.ofMillis(millis), retry,
        status == 0 ? OptionalLong.empty() : OptionalLong.of(97));
  }

  @Test
  void should_count_requests_by_endpoint_and_status_and_time_the_sent_ones() {
    // given
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    HubSpotMeters meters = HubSpotMeters.register(registry);

    // when
    meters.onRequest(event(200, Outcome.OK, 120, false));
    meters.onRequest(event(200, Outcome.OK, 80, true));
    meters.onRequest(event(503, Outcome.SERVER_ERROR, 40, false));
    meters.onRequest(event(429, Outcome.RATE_LIMITED, 10, false));
    meters.onRequest(event(0, Outcome.NOT_SENT, 0, false));

    // then
    assertThat(registry.get("journey.hubspot.requests").tags("endpoint", UPDATE, "status", "200", "outcome", "ok")
        .counter().count()).isEqualTo(2);
    assertThat(registry.get("journey.hubspot.requests").tags("status", "503").counter().count()).isEqualTo(1);
    assertThat(registry.get("journey.hubspot.requests").tags("status", "none", "outcome", "not_sent")
        .counter().count()).isEqualTo(1);
    assertThat(registry.get("journey.hubspot.request.latency").tags("endpoint", UPDATE).timer().count()).isEqualTo(4);
    assertThat(registry.get("journey.hubspot.request.latency").timer().totalTime(TimeUnit.MILLISECONDS))
        .isEqualTo(250);
    assertThat(registry.get("journey.hubspot.rate.limited").tags("by", "hubspot").counter().count()).isEqualTo(1);
    assertThat(registry.get("journey.hubspot.rate.limited").tags("by", "client").counter().count()).isEqualTo(1);
    assertThat(registry.get("journey.hubspot.retries").tags("endpoint", UPDATE).counter().count()).isEqualTo(1);
    assertThat(registry.get("journey.hubspot.rate.remaining").gauge().value()).isEqualTo(97);
  }

  @Test
  void should_tag_endpoints_beyond_the_bound_as_other() {
    // given
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    HubSpotMeters meters = HubSpotMeters.register(registry);

    // when
    for (int i = 0; i < HubSpotMeters.MAX_ENDPOINTS + 3; i++) {
      meters.onRequest(new HubSpotRequestEvent("GET", "/x/e" + i, 200, Outcome.OK, Duration.ZERO, false,
          OptionalLong.empty()));
    }

    // then
    assertThat(registry.get("journey.hubspot.requests").tags("endpoint", "other").counter().count()).isEqualTo(3);
    assertThat(registry.get("journey.hubspot.requests").counters()).hasSize(HubSpotMeters.MAX_ENDPOINTS + 1);
  }

  @Test
  void should_render_as_prometheus_text() {
    // given
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HubSpotMeters meters = HubSpotMeters.register(registry);

    // when
    meters.onRequest(event(429, Outcome.RATE_LIMITED, 10, true));

    // then
    assertThat(registry.scrape())
        .contains("journey_hubspot_requests_total{endpoint=\"" + UPDATE + "\",method=\"POST\",outcome=\"rate_limited\",status=\"429\"} 1.0")
        .contains("journey_hubspot_rate_limited_total{by=\"hubspot\"")
        .contains("journey_hubspot_retries_total")
        .contains("journey_hubspot_request_latency_seconds_count");
  }
}
