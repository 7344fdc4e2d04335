package dev.journey.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.OutboxRelay;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.state.JourneyModel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The setup shown at the top of docs/hubspot.md, compiled and run against loopback. */
final class DocsSetupTest {

  @Test
  void the_documented_setup_builds_an_executor_a_relay_and_a_webhook_endpoint() throws Exception {
    JourneyEngine engine =
        JourneyEngine.builder().definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), JavaRuleSet.builder("docs", "1").build())).build();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    Map<Class<?>, Integer> metrics = new ConcurrentHashMap<>();
    String token = "pat-test-token";
    String clientSecret = "client-secret";
    try {
      // tag::setup[]
      HubSpotConfig config = HubSpotConfig.builder(TokenProvider.ofStatic(token))
          .tier(RateLimitTier.PROFESSIONAL)
          .accountZone(ZoneId.of("Europe/Berlin"))      // the daily limit resets at the account's midnight
          .suppressionList("nurture", "1234")           // channel -> static list (ILS id)
          .onFailure(e -> metrics.merge(e.getClass(), 1, Integer::sum)) // typed failures
          .build();
      HubSpotExecutor hubspot = HubSpotExecutor.create(config);
      OutboxRelay relay = OutboxRelay.builder(engine.store(), hubspot).build();

      WebhookReceiver receiver = WebhookReceiver.builder(clientSecret, engine::accept).build();
      server.createContext("/hubspot", WebhookHttpHandler.of(receiver, "https://hooks.example.com"));
      // end::setup[]

      assertThat(relay.runOnce()).isZero();
      assertThat(hubspot.toString()).doesNotContain(token);
    } finally {
      server.stop(0);
    }
  }
}
