package dev.journey.micrometer;

import dev.journey.hubspot.HubSpotRequestEvent;
import dev.journey.hubspot.HubSpotRequestListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HubSpot client's meters, as a {@link HubSpotRequestListener}: register it with {@code
 * HubSpotConfig.Builder#requestListener}. Needs {@code journey-hubspot} on the class path (an
 * optional dependency of this module).
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@code journey.hubspot.requests}</td><td>counter</td><td>{@code endpoint}, {@code method},
 *       {@code status}, {@code outcome}</td></tr>
 *   <tr><td>{@code journey.hubspot.request.latency}</td><td>timer</td><td>{@code endpoint}, {@code method}</td></tr>
 *   <tr><td>{@code journey.hubspot.rate.limited}</td><td>counter</td><td>{@code endpoint}, {@code by}
 *       ({@code hubspot}: a 429, {@code client}: held back by the client's own window)</td></tr>
 *   <tr><td>{@code journey.hubspot.retries}</td><td>counter</td><td>{@code endpoint}</td></tr>
 *   <tr><td>{@code journey.hubspot.rate.remaining}</td><td>gauge</td><td>(none): HubSpot's last
 *       reported {@code X-HubSpot-RateLimit-Remaining}</td></tr>
 * </table>
 *
 * <p>Endpoints are path templates ({@code /crm/v3/lists/{id}/memberships/add}); beyond {@link
 * #MAX_ENDPOINTS} distinct ones they are tagged {@code other}. No tag carries a record id, a token
 * or personal data. Thread-safe.
 *
 * <pre>{@code
 * HubSpotMeters hubspotMeters = HubSpotMeters.register(registry);
 * HubSpotConfig config = HubSpotConfig.builder(token).requestListener(hubspotMeters).build();
 * }</pre>
 */
public final class HubSpotMeters implements HubSpotRequestListener {
  /** Distinct endpoints tagged by name; more are tagged {@code other}. */
  public static final int MAX_ENDPOINTS = 64;

  private final MeterRegistry registry;
  private final Tags common;
  private final Set<String> endpoints = ConcurrentHashMap.newKeySet();
  private final AtomicLong remaining = new AtomicLong(-1);

  private HubSpotMeters(MeterRegistry registry, Tags common) {
    this.registry = registry;
    this.common = common;
    Gauge.builder("journey.hubspot.rate.remaining", remaining, r -> (double) r.get())
        .description("requests left in HubSpot's rate window as it last reported (-1 before any answer)")
        .tags(common)
        .register(registry);
  }

  /** Registers the meters on {@code registry}. */
  public static HubSpotMeters register(MeterRegistry registry) {
    return register(registry, Tags.empty());
  }

  /** Registers the meters on {@code registry} with {@code commonTags} on each. */
  public static HubSpotMeters register(MeterRegistry registry, Tags commonTags) {
    return new HubSpotMeters(
        Objects.requireNonNull(registry, "registry"), Objects.requireNonNull(commonTags, "commonTags"));
  }

  @Override
  public void onRequest(HubSpotRequestEvent event) {
    String endpoint = bounded(event.endpoint());
    String outcome = event.outcome().name().toLowerCase(Locale.ROOT);
    Counter.builder("journey.hubspot.requests")
        .description("HubSpot API requests by endpoint, method, status and outcome (not_sent: held back)")
        .tags(common.and("endpoint", endpoint, "method", event.method(),
            "status", event.status() == 0 ? JourneyMeters.NONE : Integer.toString(event.status()),
            "outcome", outcome))
        .register(registry)
        .increment();
    if (event.outcome() != HubSpotRequestEvent.Outcome.NOT_SENT) {
      Timer.builder("journey.hubspot.request.latency")
          .description("time from sending a HubSpot request to its answer or failure")
          .tags(common.and("endpoint", endpoint, "method", event.method()))
          .publishPercentileHistogram()
          .register(registry)
          .record(event.latency());
    }
    if (event.outcome() == HubSpotRequestEvent.Outcome.RATE_LIMITED
        || event.outcome() == HubSpotRequestEvent.Outcome.NOT_SENT) {
      Counter.builder("journey.hubspot.rate.limited")
          .description("requests refused by HubSpot with 429 (by=hubspot) or held back by the client's window (by=client)")
          .tags(common.and("endpoint", endpoint,
              "by", event.outcome() == HubSpotRequestEvent.Outcome.RATE_LIMITED ? "hubspot" : "client"))
          .register(registry)
          .increment();
    }
    if (event.retry()) {
      Counter.builder("journey.hubspot.retries")
          .description("requests that re-send something sent before (a relay retry, a 401 re-send)")
          .tags(common.and("endpoint", endpoint))
          .register(registry)
          .increment();
    }
    event.rateLimitRemaining().ifPresent(remaining::set);
  }

  private String bounded(String endpoint) {
    if (endpoints.contains(endpoint)) {
      return endpoint;
    }
    if (endpoints.size() >= MAX_ENDPOINTS) {
      return JourneyMeters.OTHER;
    }
    endpoints.add(endpoint);
    return endpoint;
  }
}
