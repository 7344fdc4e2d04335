package dev.journey.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.SetProperty;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.testkit.clock.VirtualClock;
import dev.journey.testkit.fake.FakeHubSpot;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The samples of docs/hubspot.md beyond the first setup, compiled and run against the fake. */
final class DocsGuideTest {
  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

  @Test
  void start_refuses_a_portal_without_the_unique_property_and_the_doctor_names_what_is_missing() throws Exception {
    try (FakeHubSpot fake = FakeHubSpot.builder().noActionIdProperty().start()) {
      URI portalUri = fake.baseUri();
      String token = FakeHubSpot.TOKEN;
      List<String> log = new ArrayList<>();
      fake.addOwner("501", 7001, "rep@example.com");
      fake.addPipeline("default", List.of("appointmentscheduled", "closedwon"));
      assertThatThrownBy(() -> {
        // tag::start[]
        HubSpotConfig config = HubSpotConfig.builder(TokenProvider.ofStatic(token))
            .baseUri(portalUri)
            .suppressionList("nurture", "1234")
            .build();
        HubSpotDoctor.Report report = HubSpotDoctor.builder(config)  // read-only, nothing is written
            .owners(Set.of("501"))                                    // owners the routing assigns to
            .dealStage("default", "closedwon")                       // stages the rules move deals to
            .check();
        report.problems().forEach(log::add);
        HubSpotExecutor executor = HubSpotExecutor.start(config);    // throws HubSpotSetupException
        // end::start[]
        assertThat(executor).isNull();
      }).isInstanceOf(HubSpotSetupException.class);
      assertThat(log).containsExactly(
          "property journey_action_id on tasks must exist, but does not (create it as a single-line text property"
              + " with hasUniqueValue=true)",
          "property journey_action_id on notes must exist, but does not (create it as a single-line text property"
              + " with hasUniqueValue=true)",
          "suppression list 1234 for channel 'nurture' must exist, but does not (create a static (MANUAL) contact"
              + " list and configure its id)");
    }
  }

  @Test
  void the_search_fallback_starts_on_a_portal_whose_property_is_not_unique() throws Exception {
    try (FakeHubSpot fake = FakeHubSpot.builder().plainActionIdProperty("journey_action_id").start()) {
      URI portalUri = fake.baseUri();
      String token = FakeHubSpot.TOKEN;
      // tag::fallback[]
      HubSpotConfig config = HubSpotConfig.builder(TokenProvider.ofStatic(token))
          .baseUri(portalUri)
          .idempotency(HubSpotConfig.Idempotency.SEARCH_BEFORE_RETRY) // the property exists but is not unique
          .searchIndexDelay(Duration.ofSeconds(10))                   // wait this long before searching
          .build();
      HubSpotExecutor executor = HubSpotExecutor.start(config);
      // end::fallback[]
      assertThat(executor.toString()).doesNotContain(token);
    }
  }

  @Test
  void the_mapping_ignores_own_writes_and_reports_drift_of_owned_properties() {
    // tag::mapping[]
    WebhookMapping mapping = WebhookMapping.builder(WebhookMapping.ofDefaults())
        .ownAppId("54321")                               // our writes coming back are not buyer signals
        .ownedProperty("contact", "hubspot_owner_id")    // someone else's write becomes OWNED_PROPERTY_DRIFTED
        .ownedProperty("contact", "lifecyclestage")
        .build();
    // end::mapping[]
    assertThat(mapping.owns("contact", "hubspot_owner_id")).isTrue();
    assertThat(mapping.ownAppId()).hasValue("54321");
    assertThat(mapping.forLifecycle("contact", "merge")).hasValue(WebhookMapping.SUBJECT_MERGED);
  }

  @Test
  void a_quarantined_event_can_be_inspected_and_resubmitted() {
    VirtualClock clock = VirtualClock.at(NOW);
    List<Signal> stored = new ArrayList<>();
    boolean[] down = {true};
    String clientSecret = "client-secret";
    WebhookQuarantine durableArea = WebhookQuarantine.inMemory(100);
    // tag::quarantine[]
    WebhookReceiver receiver = WebhookReceiver.builder(clientSecret, signal -> {
          if (down[0]) {
            throw new IllegalStateException("store unavailable");
          }
          stored.add(signal);
        })
        .quarantine(durableArea)   // where refused events are kept: raw, capped, personal data redacted
        .build();
    // ... later, once the store is back:
    for (QuarantinedWebhookEvent event : receiver.quarantine().list(100)) {
      WebhookResponse again = receiver.resubmit(event.id()); // 204: stored and removed from the quarantine
    }
    // end::quarantine[]
    WebhookReceiver clocked = WebhookReceiver.builder(clientSecret, signal -> {
      if (down[0]) {
        throw new IllegalStateException("store unavailable");
      }
      stored.add(signal);
    }).quarantine(durableArea).clock(clock).build();
    String body = "[" + WebhookReceiverTest.event("contact.creation", 1, "101", null, null) + "]";
    String ts = Long.toString(clock.millis());
    String uri = "https://hooks.example.com/hubspot";
    WebhookResponse first = clocked.handle(WebhookRequest.of("POST", uri,
        Map.of("X-HubSpot-Signature-v3", List.of(dev.journey.hubspot.internal.Signatures.v3(clientSecret, "POST", uri,
            body.getBytes(java.nio.charset.StandardCharsets.UTF_8), ts)),
            "X-HubSpot-Request-Timestamp", List.of(ts)),
        body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    down[0] = false;
    String id = durableArea.list(1).get(0).id();
    WebhookResponse again = receiver.resubmit(id);
    assertThat(first.status()).isEqualTo(200);
    assertThat(again.status()).isEqualTo(204);
    assertThat(stored).singleElement().satisfies(s -> assertThat(s.subject()).isEqualTo(SubjectRef.contact("101")));
    assertThat(durableArea.size()).isZero();
  }

  @Test
  void several_portals_route_by_the_subjects_portal() throws Exception {
    try (FakeHubSpot eu = FakeHubSpot.builder().start(); FakeHubSpot us = FakeHubSpot.builder().start()) {
      eu.addContact("1");
      us.addContact("2");
      HubSpotConfig euConfig = HubSpotConfig.builder(TokenProvider.ofStatic(FakeHubSpot.TOKEN))
          .baseUri(eu.baseUri()).build();
      HubSpotConfig usConfig = HubSpotConfig.builder(TokenProvider.ofStatic(FakeHubSpot.TOKEN))
          .baseUri(us.baseUri()).build();
      Map<String, String> tenantOf = Map.of("1", "eu", "2", "us");
      // tag::portals[]
      HubSpotPortals portals = HubSpotPortals.builder(subject -> Optional.ofNullable(tenantOf.get(subject.id())))
          .portal("eu", HubSpotExecutor.start(euConfig))   // one executor per portal: own token, own rate budget
          .portal("us", HubSpotExecutor.start(usConfig))
          .build();
      // end::portals[]
      List<ExecutionResult> results = portals.executeAll(List.of(
          new OutboxEntry(new SetProperty("a1", SubjectRef.contact("1"), "x", "eu"), 1, NOW, 0, NOW),
          new OutboxEntry(new SetProperty("a2", SubjectRef.contact("2"), "x", "us"), 1, NOW, 0, NOW),
          new OutboxEntry(new SetProperty("a3", SubjectRef.contact("3"), "x", "?"), 1, NOW, 0, NOW)));
      assertThat(results.subList(0, 2)).containsOnly(ExecutionResult.done());
      assertThat(results.get(2)).isEqualTo(ExecutionResult.permanent(
          "no HubSpot portal configured for contact:3; portals are [eu, us]"));
      assertThat(eu.contact("1").orElseThrow()).containsEntry("x", "eu");
      assertThat(us.contact("2").orElseThrow()).containsEntry("x", "us");
    }
  }
}
