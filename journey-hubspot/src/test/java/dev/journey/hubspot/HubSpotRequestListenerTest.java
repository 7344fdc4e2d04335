package dev.journey.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.SubjectRef;
import dev.journey.core.action.AssignOwner;
import dev.journey.core.action.SuppressOutreach;
import dev.journey.core.state.Suppression;
import dev.journey.hubspot.HubSpotRequestEvent.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The request hook: every request the client makes, by endpoint template, status, latency and retry. */
final class HubSpotRequestListenerTest {

  @Test
  void should_report_each_request_with_its_endpoint_template_status_and_retry_flag() throws Exception {
    // given: a listener, a fake that fails the first update with 503, and a fixed 5 ms per request
    List<HubSpotRequestEvent> events = new CopyOnWriteArrayList<>();
    AtomicLong nanos = new AtomicLong();
    try (RelayRig rig = new RelayRig(
        c -> c.suppressionList("nurture", "3001").requestListener(events::add)
            .nanoTime(() -> nanos.getAndAdd(5_000_000)), 5)) {
      rig.hubspot.addContact("101");
      rig.hubspot.addList("3001");
      rig.hubspot.failNext(1, 503);
      SubjectRef c1 = SubjectRef.contact("101");
      rig.submit(c1, id -> new AssignOwner(id, c1, "501", "pool"),
          id -> new SuppressOutreach(id, c1, "nurture", "engaged", Suppression.UNTIL_RESUMED));

      // when
      rig.runToCompletion();

      // then: the 503, its retry, then the list request with the list id as {id}
      assertThat(events).extracting(HubSpotRequestEvent::endpoint, HubSpotRequestEvent::status,
              HubSpotRequestEvent::outcome, HubSpotRequestEvent::retry)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("/crm/v3/objects/contacts/batch/update", 503, Outcome.SERVER_ERROR, false),
              org.assertj.core.groups.Tuple.tuple("/crm/v3/objects/contacts/batch/update", 200, Outcome.OK, true),
              org.assertj.core.groups.Tuple.tuple("/crm/v3/lists/{id}/memberships/add", 200, Outcome.OK, false));
      assertThat(events).allSatisfy(e -> {
        assertThat(e.method()).isIn("POST", "PUT");
        assertThat(e.latency()).isEqualTo(Duration.ofMillis(5));
      });
      assertThat(events.get(1).rateLimitRemaining()).isPresent();
    }
  }

  @Test
  void should_report_a_429_from_hubspot_and_a_request_the_window_held_back() throws Exception {
    // given: a client window of 1 request per 10 s, and a fake that answers the first request 429
    List<HubSpotRequestEvent> events = new CopyOnWriteArrayList<>();
    try (RelayRig rig = new RelayRig(c -> c.requestListener(events::add), 5, 1, 0)) {
      rig.hubspot.addContact("101");
      rig.hubspot.addContact("102");
      rig.hubspot.rateLimitNext("TEN_SECONDLY_ROLLING", Map.of("Retry-After", "1"));
      SubjectRef c1 = SubjectRef.contact("101");
      rig.submit(c1, id -> new AssignOwner(id, c1, "501", "pool"));

      // when: one relay pass: the 429 blocks the window, so nothing else is sent now
      rig.relay.runOnce();
      rig.relay.runOnce();
      rig.clock.advance(Duration.ofSeconds(1));
      rig.relay.runOnce();

      // then
      assertThat(events).extracting(HubSpotRequestEvent::outcome).startsWith(Outcome.RATE_LIMITED);
      assertThat(events.get(0).status()).isEqualTo(429);
      assertThat(events).extracting(HubSpotRequestEvent::outcome).contains(Outcome.NOT_SENT);
      assertThat(events.stream().filter(e -> e.outcome() == Outcome.NOT_SENT))
          .allSatisfy(e -> {
            assertThat(e.status()).isZero();
            assertThat(e.latency()).isZero();
          });
    }
  }

  @Test
  void should_ignore_a_listener_that_throws() throws Exception {
    // given
    try (RelayRig rig = new RelayRig(c -> c.requestListener(e -> {
      throw new IllegalStateException("listener bug");
    }), 5)) {
      rig.hubspot.addContact("101");
      SubjectRef c1 = SubjectRef.contact("101");
      rig.submit(c1, id -> new AssignOwner(id, c1, "501", "pool"));

      // when
      rig.runToCompletion();

      // then
      assertThat(rig.hubspot.contact("101").orElseThrow()).containsEntry("hubspot_owner_id", "501");
    }
  }

  @Test
  void should_template_numeric_segments_and_drop_the_query() {
    // when / then
    assertThat(HubSpotRequestEvent.endpointOf("/crm/v3/lists/3001/memberships/add")).isEqualTo("/crm/v3/lists/{id}/memberships/add");
    assertThat(HubSpotRequestEvent.endpointOf("/crm/v3/owners/501")).isEqualTo("/crm/v3/owners/{id}");
    assertThat(HubSpotRequestEvent.endpointOf("/automation/v4/sequences/enrollments?userId=7001"))
        .isEqualTo("/automation/v4/sequences/enrollments");
    assertThat(HubSpotRequestEvent.endpointOf("/crm/v3/objects/0-3/batch/update")).isEqualTo("/crm/v3/objects/0-3/batch/update");
  }

  @Test
  void should_refuse_a_negative_latency_or_an_impossible_status() {
    // when / then
    assertThatThrownBy(() -> new HubSpotRequestEvent("GET", "/x", 200, Outcome.OK, Duration.ofMillis(-1), false,
        OptionalLong.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("latency must be >= 0, but was PT-0.001S");
    assertThatThrownBy(() -> new HubSpotRequestEvent("GET", "/x", 700, Outcome.OK, Duration.ZERO, false,
        OptionalLong.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("status must be within [0, 599], but was 700");
  }
}
