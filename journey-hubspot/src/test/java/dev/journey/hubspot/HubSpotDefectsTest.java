package dev.journey.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.SubjectRef;
import dev.journey.core.action.CreateTask;
import dev.journey.core.action.SetProperty;
import dev.journey.core.action.SuppressOutreach;
import dev.journey.core.action.UnenrollSequence;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.state.Suppression;
import dev.journey.testkit.fake.FakeHubSpot;
import dev.journey.testkit.fake.FakeHubSpot.AssociationRecord;
import dev.journey.testkit.fake.FakeHubSpot.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Issue 18: each defect, with a test that failed before its fix. */
final class HubSpotDefectsTest {
  private static final Predicate<RecordedRequest> ASSOC = r -> r.path().startsWith("/crm/v4/associations/");
  private static final Predicate<RecordedRequest> TASK_UPSERT =
      r -> r.path().equals("/crm/v3/objects/tasks/batch/upsert");
  private static final Predicate<RecordedRequest> TASK_CREATE =
      r -> r.path().equals("/crm/v3/objects/tasks/batch/create");
  private static final Predicate<RecordedRequest> TASK_SEARCH =
      r -> r.path().equals("/crm/v3/objects/tasks/search");

  private static OutboxEntry entry(dev.journey.core.action.Action action, int attempts) {
    return new OutboxEntry(action, 1, RelayRig.START, attempts, RelayRig.START);
  }

  private static CreateTask task(String id, SubjectRef subject) {
    return new CreateTask(id, subject, "Call back", "", RelayRig.START.plusSeconds(3600), "HIGH", "CALL", Map.of());
  }

  @Test
  void should_not_report_a_task_done_when_its_association_was_rate_limited() throws Exception {
    try (RelayRig rig = new RelayRig(c -> c, 5)) {
      // given
      SubjectRef contact = SubjectRef.contact("102");
      rig.hubspot.addContact("102");
      rig.hubspot.failNext(1, 429, Map.of("Retry-After", "1"), ASSOC);
      rig.submit(contact, id -> task(id, contact));
      // when
      rig.relay.runOnce();
      OutboxEntry afterRateLimit = rig.store.pendingActions().get(0);
      rig.runToCompletion();
      // then
      assertThat(afterRateLimit.lastError().orElseThrow()).contains("could not associate it yet").contains("429");
      assertThat(rig.hubspot.tasks()).hasSize(1);
      String taskId = rig.hubspot.tasks().keySet().iterator().next();
      assertThat(rig.hubspot.associations())
          .containsExactly(new AssociationRecord("tasks", taskId, "contacts", "102", AssociationTypes.TASK_TO_CONTACT));
      assertThat(rig.hubspot.requests().stream().filter(TASK_UPSERT).count())
          .as("the retry only associates").isEqualTo(1);
      assertThat(rig.deadLetters()).isEmpty();
    }
  }

  @Test
  void should_defer_a_task_whose_association_found_the_local_budget_spent() throws Exception {
    try (RelayRig rig = new RelayRig(c -> c, 5, 1, 0)) {
      // given: one request per 10 s, spent by the upsert
      SubjectRef contact = SubjectRef.contact("103");
      rig.hubspot.addContact("103");
      // when
      ExecutionResult first = rig.executor.executeAll(List.of(entry(task("t-103", contact), 0))).get(0);
      rig.clock.advance(Duration.ofSeconds(11));
      ExecutionResult second = rig.executor.executeAll(List.of(entry(task("t-103", contact), 0))).get(0);
      // then
      assertThat(first).isInstanceOf(ExecutionResult.Deferred.class);
      assertThat(second).isEqualTo(ExecutionResult.done());
      assertThat(rig.hubspot.associations()).hasSize(1);
      assertThat(rig.hubspot.rateLimitedCount()).isZero();
    }
  }

  @Test
  void should_not_suppress_a_contact_that_shares_its_id_with_the_deal_subject() throws Exception {
    try (RelayRig rig = new RelayRig(c -> c.suppressionList("nurture", "3001").unenrollMarkerProperty("journey_unenroll"),
        5)) {
      // given
      rig.hubspot.addContact("104");
      rig.hubspot.addDeal("104", Map.of());
      rig.hubspot.addList("3001");
      SubjectRef deal = SubjectRef.deal("104");
      // when
      List<ExecutionResult> results = rig.executor.executeAll(List.of(
          entry(new SuppressOutreach("s1", deal, "nurture", "sales-engaged", Suppression.UNTIL_RESUMED), 0),
          entry(new UnenrollSequence("u1", SubjectRef.deal("104"), "777", "replied"), 0)));
      // then
      assertThat(results.get(0)).isInstanceOfSatisfying(ExecutionResult.Permanent.class,
          p -> assertThat(p.reason()).startsWith("outreach suppression lists hold contacts, but the subject was"));
      assertThat(results.get(1)).isInstanceOfSatisfying(ExecutionResult.Permanent.class,
          p -> assertThat(p.reason()).startsWith("UnenrollSequence needs a contact subject"));
      assertThat(rig.hubspot.listMembers("3001")).isEmpty();
      assertThat(rig.hubspot.deal("104").orElseThrow()).doesNotContainKey("journey_unenroll");
      assertThat(rig.hubspot.requests()).isEmpty();
    }
  }

  @Test
  void should_send_hs_timestamp_as_epoch_millis_even_from_a_nanosecond_clock() throws Exception {
    try (RelayRig rig = new RelayRig(c -> c, 5)) {
      // given
      SubjectRef contact = SubjectRef.contact("105");
      rig.hubspot.addContact("105");
      java.time.Instant due = RelayRig.START.plusNanos(123_456_789);
      // when
      rig.executor.executeAll(List.of(entry(
          new CreateTask("t-105", contact, "Call", "", due, "LOW", "TODO", Map.of()), 0)));
      // then
      assertThat(rig.hubspot.tasks().values()).singleElement()
          .satisfies(t -> assertThat(t.get("hs_timestamp")).isEqualTo(Long.toString(due.toEpochMilli())));
    }
  }

  @Test
  void should_retry_a_whole_batch_5xx_as_one_batch() throws Exception {
    try (RelayRig rig = new RelayRig(c -> c, 5)) {
      // given
      for (int i = 0; i < 100; i++) {
        String id = Integer.toString(6000 + i);
        rig.hubspot.addContact(id);
        SubjectRef contact = SubjectRef.contact(id);
        rig.submit(contact, a -> new SetProperty(a, contact, "score", "1"));
      }
      rig.hubspot.failNext(1, 503);
      // when
      rig.runToCompletion();
      // then
      assertThat(rig.hubspot.requests()).extracting(RecordedRequest::operation)
          .containsExactly("POST /crm/v3/objects/contacts/batch/update", "POST /crm/v3/objects/contacts/batch/update");
      assertThat(rig.hubspot.requests().get(1).at()).isEqualTo(RelayRig.START.plus(HubSpotConfig.DEFAULT_BATCH_RETRY_BACKOFF));
      assertThat(rig.hubspot.contact("6099").orElseThrow()).containsEntry("score", "1");
    }
  }

  @Test
  void should_write_company_properties() throws Exception {
    try (RelayRig rig = new RelayRig(c -> c, 5)) {
      // given
      rig.hubspot.addCompany("7001", Map.of());
      // when
      ExecutionResult result = rig.executor.executeAll(List.of(
          entry(new SetProperty("p1", SubjectRef.company("7001"), "journey_tier", "A"), 0))).get(0);
      // then
      assertThat(result).isEqualTo(ExecutionResult.done());
      assertThat(rig.hubspot.company("7001").orElseThrow()).containsEntry("journey_tier", "A");
    }
  }

  @Test
  void should_create_or_update_a_contact_known_only_by_its_email() throws Exception {
    try (RelayRig rig = new RelayRig(c -> c, 5)) {
      // given
      rig.hubspot.addContact("901", Map.of("email", "known@example.com"));
      SubjectRef fresh = SubjectRef.contact("Ann@Example.com");
      SubjectRef known = SubjectRef.contact("known@example.com");
      // when
      List<ExecutionResult> first = rig.executor.executeAll(List.of(
          entry(new SetProperty("e1", fresh, "journey_score", "10"), 0),
          entry(new SetProperty("e2", known, "journey_score", "20"), 0)));
      List<ExecutionResult> again = rig.executor.executeAll(List.of(
          entry(new SetProperty("e3", fresh, "journey_score", "11"), 0)));
      // then
      assertThat(first).containsOnly(ExecutionResult.done());
      assertThat(again).containsOnly(ExecutionResult.done());
      assertThat(rig.hubspot.contact("901").orElseThrow()).containsEntry("journey_score", "20");
      assertThat(rig.hubspot.contacts().values())
          .filteredOn(c -> "ann@example.com".equals(c.get("email")))
          .singleElement().satisfies(c -> assertThat(c).containsEntry("journey_score", "11"));
      assertThat(rig.hubspot.contacts()).hasSize(2);
      assertThat(rig.hubspot.requests()).extracting(RecordedRequest::operation)
          .containsOnly("POST /crm/v3/objects/contacts/batch/upsert");
      assertThat(rig.hubspot.requests().get(0).body()).contains("\"idProperty\":\"email\"", "\"id\":\"ann@example.com\"");
    }
  }

  @Test
  void should_refuse_to_start_naming_the_missing_unique_property_and_lists() throws Exception {
    try (FakeHubSpot missing = FakeHubSpot.builder().noActionIdProperty().start();
        FakeHubSpot plain = FakeHubSpot.builder().plainActionIdProperty("journey_action_id").start();
        FakeHubSpot ready = FakeHubSpot.builder().start()) {
      // given
      ready.addList("3001");
      // when / then
      assertThatThrownBy(() -> HubSpotExecutor.start(config(missing).suppressionList("nurture", "3001").build()))
          .isInstanceOfSatisfying(HubSpotSetupException.class, e -> assertThat(e.problems()).containsExactly(
              "property journey_action_id on tasks must exist, but does not (create it as a single-line text"
                  + " property with hasUniqueValue=true)",
              "property journey_action_id on notes must exist, but does not (create it as a single-line text"
                  + " property with hasUniqueValue=true)",
              "suppression list 3001 for channel 'nurture' must exist, but does not (create a static (MANUAL)"
                  + " contact list and configure its id)"));
      assertThatThrownBy(() -> HubSpotExecutor.start(config(plain).build()))
          .isInstanceOf(HubSpotSetupException.class)
          .hasMessageContaining("property journey_action_id on tasks must have hasUniqueValue=true");
      assertThat(HubSpotExecutor.start(config(plain)
          .idempotency(HubSpotConfig.Idempotency.SEARCH_BEFORE_RETRY).build())).isNotNull();
      assertThat(HubSpotExecutor.start(config(ready).suppressionList("nurture", "3001").build())).isNotNull();
      assertThat(missing.requests()).allMatch(r -> r.method().equals("GET"));
    }
  }

  @Test
  void should_report_missing_owners_and_deal_stages_by_name() throws Exception {
    try (FakeHubSpot hs = FakeHubSpot.builder().start()) {
      // given
      hs.addOwner("501", 7001, "rep@example.com");
      hs.addPipeline("default", List.of("appointmentscheduled", "closedwon"));
      // when
      HubSpotDoctor.Report report = HubSpotDoctor.builder(config(hs).build())
          .owners(java.util.Set.of("501", "502"))
          .dealStage("default", "closedwon")
          .dealStage("default", "recycled")
          .dealStage("partners", "new")
          .check();
      // then
      assertThat(report.ok()).isFalse();
      assertThat(report.problems()).containsExactly(
          "owner 502 must exist, but does not (use an active owner's id)",
          "deal stage recycled of pipeline default must exist, but does not; stages are"
              + " [appointmentscheduled, closedwon]",
          "deal pipeline partners must exist, but does not (use an existing pipeline id)");
      assertThat(hs.requests()).allMatch(r -> r.method().equals("GET"));
    }
  }

  @Test
  void should_find_a_lost_create_by_search_after_the_index_delay_instead_of_creating_it_twice() throws Exception {
    try (RelayRig rig = new RelayRig(
        c -> c.idempotency(HubSpotConfig.Idempotency.SEARCH_BEFORE_RETRY).searchIndexDelay(Duration.ofSeconds(10)),
        f -> f.plainActionIdProperty("journey_action_id").searchIndexDelay(Duration.ofSeconds(8)), 8, 100, 0)) {
      // given: the create is applied, then the connection drops
      SubjectRef contact = SubjectRef.contact("106");
      rig.hubspot.addContact("106");
      rig.hubspot.dropAfterApplyNext(TASK_CREATE);
      rig.submit(contact, id -> task(id, contact));
      // when
      rig.runToCompletion();
      // then
      assertThat(rig.hubspot.tasks()).hasSize(1);
      assertThat(rig.hubspot.requests().stream().filter(TASK_CREATE).count()).isEqualTo(1);
      List<RecordedRequest> searches = new ArrayList<>(rig.hubspot.requests().stream().filter(TASK_SEARCH).toList());
      assertThat(searches).singleElement()
          .satisfies(r -> assertThat(r.at()).isAfterOrEqualTo(RelayRig.START.plusSeconds(10)));
      assertThat(rig.hubspot.associations()).hasSize(1);
      assertThat(rig.deadLetters()).isEmpty();
    }
  }

  @Test
  void should_create_after_a_search_that_finds_nothing() throws Exception {
    try (RelayRig rig = new RelayRig(c -> c.idempotency(HubSpotConfig.Idempotency.SEARCH_BEFORE_RETRY),
        f -> f.plainActionIdProperty("journey_action_id"), 8, 100, 0)) {
      // given: an earlier attempt failed before anything was written
      SubjectRef contact = SubjectRef.contact("107");
      rig.hubspot.addContact("107");
      // when
      ExecutionResult result = rig.executor.executeAll(List.of(entry(task("t-107", contact), 1))).get(0);
      // then
      assertThat(result).isEqualTo(ExecutionResult.done());
      assertThat(rig.hubspot.requests()).extracting(RecordedRequest::operation).containsExactly(
          "POST /crm/v3/objects/tasks/search", "POST /crm/v3/objects/tasks/batch/create",
          "POST /crm/v4/associations/tasks/contacts/batch/create");
      assertThat(rig.hubspot.tasks().values()).singleElement()
          .satisfies(t -> assertThat(t).containsEntry("journey_action_id", "t-107"));
    }
  }

  @Test
  void should_have_several_requests_in_flight_to_one_portal() throws Exception {
    try (RelayRig rig = new RelayRig(c -> c.maxBatchSize(1).maxInFlight(2), 5)) {
      // given: the first request is held by the fake until released
      rig.hubspot.addContact("801");
      rig.hubspot.addContact("802");
      FakeHubSpot.HeldResponses held = rig.hubspot.holdNext(r -> r.body().contains("\"801\""));
      java.util.concurrent.ExecutorService caller = java.util.concurrent.Executors.newSingleThreadExecutor();
      try {
        // when
        java.util.concurrent.Future<List<ExecutionResult>> results = caller.submit(() -> rig.executor.executeAll(List.of(
            entry(new SetProperty("p801", SubjectRef.contact("801"), "x", "1"), 0),
            entry(new SetProperty("p802", SubjectRef.contact("802"), "x", "1"), 0))));
        boolean secondWhileFirstHeld = rig.hubspot.awaitRequests(2, Duration.ofSeconds(5));
        held.release();
        // then
        assertThat(secondWhileFirstHeld).as("the second request was sent while the first was in flight").isTrue();
        assertThat(results.get(30, java.util.concurrent.TimeUnit.SECONDS)).containsOnly(ExecutionResult.done());
      } finally {
        held.release();
        caller.shutdownNow();
      }
    }
  }

  @Test
  void should_report_drift_between_the_snapshots_and_hubspot_for_owned_properties() throws Exception {
    try (FakeHubSpot hs = FakeHubSpot.builder().start()) {
      // given: 150 contacts (two batch reads); one changed by a rep, one not in HubSpot
      List<dev.journey.core.state.JourneySnapshot> snapshots = new ArrayList<>();
      for (int i = 0; i < 150; i++) {
        String id = Integer.toString(10_000 + i);
        hs.addContact(id, Map.of("hubspot_owner_id", "501", "lifecyclestage", "lead"));
        snapshots.add(dev.journey.core.state.JourneySnapshot.initial(SubjectRef.contact(id), "NEW", RelayRig.START)
            .toBuilder()
            .property(dev.journey.core.state.JourneySnapshot.OWNER, "501", "routing", RelayRig.START)
            .build());
      }
      hs.addContact("10007", Map.of("hubspot_owner_id", "777", "lifecyclestage", "lead"));
      snapshots.add(dev.journey.core.state.JourneySnapshot.initial(SubjectRef.contact("99999"), "NEW", RelayRig.START));
      HubSpotReconciler reconciler = HubSpotReconciler.builder(config(hs).build())
          .owned(dev.journey.core.ObjectType.CONTACT, "hubspot_owner_id", dev.journey.core.state.JourneySnapshot::owner)
          .build();
      // when
      HubSpotReconciler.Report report = reconciler.reconcile(snapshots);
      // then
      assertThat(report.checked()).isEqualTo(150);
      assertThat(report.drift()).containsExactly(new HubSpotReconciler.Drift(SubjectRef.contact("10007"),
          "hubspot_owner_id", java.util.Optional.of("501"), java.util.Optional.of("777")));
      assertThat(report.missing()).containsExactly(SubjectRef.contact("99999"));
      assertThat(report.unread()).isEmpty();
      assertThat(hs.requests()).extracting(RecordedRequest::operation)
          .containsOnly("POST /crm/v3/objects/contacts/batch/read").hasSize(2);
    }
  }

  private static HubSpotConfig.Builder config(FakeHubSpot hs) {
    return HubSpotConfig.builder(TokenProvider.ofStatic(FakeHubSpot.TOKEN)).baseUri(hs.baseUri());
  }
}
