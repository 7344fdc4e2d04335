package dev.journey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journey.core.Alias;
import dev.journey.core.SubjectRef;
import dev.journey.testkit.clock.VirtualClock;
import dev.journey.testkit.clock.VirtualScheduler;
import dev.journey.testkit.fake.FakeHubSpot;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code journey serve} with the identity step the journey file declares: HubSpot merges reach the
 * resolver, and later events of a merged-away contact reach the survivor.
 */
final class ServeIdentityTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final String SECRET = "serve-identity-secret";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void should_fold_a_hubspot_contact_merge_and_send_later_events_of_the_absorbed_contact_to_the_survivor()
      throws Exception {
    // given: the example journey with an identity section, served in memory with the fake HubSpot
    ObjectNode journey = (ObjectNode) JSON.readTree(DemoRun.EXAMPLE.resolve("journey.json").toFile());
    journey.remove("$schema");
    ((ObjectNode) journey.get("rules")).put("directory",
        DemoRun.EXAMPLE.resolve("rules").resolve("v1").toAbsolutePath().normalize().toString());
    journey.put("featuresFile",
        DemoRun.EXAMPLE.resolve(journey.get("featuresFile").asText()).toAbsolutePath().normalize().toString());
    for (com.fasterxml.jackson.databind.JsonNode listed : journey.path("journeys")) {
      ((ObjectNode) listed).put("file",
          DemoRun.EXAMPLE.resolve(listed.get("file").asText()).toAbsolutePath().normalize().toString());
    }
    journey.set("identity", JSON.readTree("{\"aliases\": [{\"attribute\": \"companyDomain\", \"type\": \"domain\"}]}"));
    Path file = tmp.resolve("journey.json");
    Files.writeString(file, JSON.writeValueAsString(journey));
    VirtualClock clock = VirtualClock.at(T0);
    InetAddress loopback = InetAddress.getLoopbackAddress();
    Service service = Service.start(new Service.Settings(
            file, Optional.of(DemoRun.EXAMPLE.resolve("rules").resolve("v1")), "memory", "serve-identity", loopback, 0,
            loopback, 0, Optional.empty(), SECRET, Optional.empty(), URI.create("http://127.0.0.1:1"), true, List.of(),
            16, 1, Duration.ofSeconds(5)),
        clock, Optional.of(VirtualScheduler.on(clock)));
    try {
      FakeHubSpot fake = service.fake().orElseThrow();
      fake.addContact("9001");
      fake.addContact("9002");
      post(service, clock, List.of(FakeHubSpot.creationEvent("contact", 1, 9001, T0),
          FakeHubSpot.creationEvent("contact", 2, 9002, T0)));

      // when: HubSpot merges 9002 into 9001, then a property of 9002 changes
      post(service, clock, List.of(merge(3, 9001, 9002)));
      int status = post(service, clock, List.of(
          FakeHubSpot.propertyChangeEvent("contact", 4, 9002, T0, Simulator.PROPERTY, "true")));

      // then: one subject; the absorbed id redirects to the survivor, which took the later event
      SubjectRef survivor = SubjectRef.contact("9001");
      SubjectRef absorbed = SubjectRef.contact("9002");
      assertThat(status).isEqualTo(204);
      dev.journey.core.spi.AliasStore aliases = (dev.journey.core.spi.AliasStore) service.store().store();
      assertThat(aliases.resolve(Alias.subject(absorbed))).contains(survivor);
      assertThat(service.store().store().load(absorbed)).isEmpty();
      assertThat(service.store().store().audit(survivor))
          .anySatisfy(r -> assertThat(r.signal().type()).isEqualTo(Simulator.SIGNAL_TYPE));
    } finally {
      service.stop();
    }
  }

  private static java.util.Map<String, Object> merge(long eventId, long primary, long merged) {
    java.util.Map<String, Object> e = new java.util.LinkedHashMap<>(FakeHubSpot.creationEvent("contact", eventId, primary, T0));
    e.remove("changeFlag");
    e.put("subscriptionType", "contact.merge");
    e.put("primaryObjectId", primary);
    e.put("mergedObjectIds", List.of(merged));
    return e;
  }

  private static int post(Service service, VirtualClock clock, List<java.util.Map<String, Object>> events)
      throws Exception {
    byte[] body = JSON.writeValueAsBytes(events);
    String timestamp = Long.toString(clock.millis());
    URI target = service.webhookUri();
    HttpRequest request = HttpRequest.newBuilder(target)
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .header("X-HubSpot-Signature-v3", FakeHubSpot.signV3(SECRET, "POST", target.toString(), body, timestamp))
        .header("X-HubSpot-Request-Timestamp", timestamp)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
