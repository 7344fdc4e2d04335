package dev.journey.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.journey.core.SubjectRef;
import dev.journey.core.action.AssignOwner;
import dev.journey.core.action.CreateTask;
import dev.journey.core.action.EnrollSequence;
import dev.journey.core.action.Escalate;
import dev.journey.core.action.Notify;
import dev.journey.core.action.Recycle;
import dev.journey.core.action.ResumeOutreach;
import dev.journey.core.action.SetProperty;
import dev.journey.core.action.SuppressOutreach;
import dev.journey.core.action.UnenrollSequence;
import dev.journey.core.action.UpdateDealStage;
import dev.journey.core.spi.DeadLetter;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.state.Suppression;
import dev.journey.testkit.fake.FakeHubSpot;
import dev.journey.testkit.fake.FakeHubSpot.AssociationRecord;
import dev.journey.testkit.fake.FakeHubSpot.Enrollment;
import dev.journey.testkit.fake.FakeHubSpot.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

final class HubSpotExecutorTest {
  private static final Predicate<RecordedRequest> TASK_UPSERT =
      r -> r.path().equals("/crm/v3/objects/tasks/batch/upsert");
  private static final Predicate<RecordedRequest> ENROLL_POST =
      r -> r.method().equals("POST") && r.path().equals("/automation/v4/sequences/enrollments");
  private static final Predicate<RecordedRequest> LIST_PUT = r -> r.path().startsWith("/crm/v3/lists/");

  private static SubjectRef contact(String id) {
    return SubjectRef.contact(id);
  }

  @Test
  void should_apply_every_action_exactly_once_and_dead_letter_only_the_permanent_failures() throws Exception {
    try (RelayRig rig = new RelayRig(c -> c.suppressionList("nurture", "3001"), 10)) {
      // given
      FakeHubSpot hs = rig.hubspot;
      for (int i = 101; i <= 111; i++) {
        hs.addContact(Integer.toString(i));
      }
      hs.addContact("106", Map.of("hubspot_owner_id", "501"));
      hs.addDeal("901", Map.of("dealstage", "appointmentscheduled", "pipeline", "default"));
      hs.addOwner("501", 7001, "rep@example.com");
      hs.addList("3001");
      Instant due = RelayRig.START.plus(Duration.ofHours(4));
      rig.submit(contact("101"),
          id -> new SetProperty(id, contact("101"), "lifecyclestage", "salesqualifiedlead"),
          id -> new AssignOwner(id, contact("101"), "501", "round robin"));
      rig.submit(contact("102"), id -> new CreateTask(id, contact("102"), "Call back", "Asked for a demo", "501",
          due, "HIGH", "CALL", Map.of("dealId", "901", "source", "demo form")));
      rig.submit(contact("103"), id -> new Notify(id, contact("103"), "501", "hot lead"));
      rig.submit(contact("104"), id -> new SuppressOutreach(id, contact("104"), "nurture", "sales-engaged",
          Suppression.UNTIL_RESUMED));
      rig.submit(contact("105"), id -> new EnrollSequence(id, contact("105"), "777", "501", "sales"));
      rig.submit(contact("106"), id -> new EnrollSequence(id, contact("106"), "778", "sales"));
      rig.submit(SubjectRef.deal("901"), id -> new UpdateDealStage(id, SubjectRef.deal("901"), "default", "closedwon"));
      rig.submit(contact("107"), id -> new Escalate(id, contact("107"), "501", 1, "sla:first-touch breached"));
      rig.submit(contact("108"), id -> new Recycle(id, contact("108"), "LOW_INTENT"));
      // permanently failing
      rig.submit(contact("999"), id -> new SetProperty(id, contact("999"), "lifecyclestage", "lead"));
      rig.submit(contact("109"), id -> new UnenrollSequence(id, contact("109"), "777", "replied"));
      rig.submit(contact("110"), id -> new SuppressOutreach(id, contact("110"), "sales", "x", Suppression.UNTIL_RESUMED));
      rig.submit(contact("111"), id -> new EnrollSequence(id, contact("111"), "777", "404", "sales"));
      // faults: a 5xx burst, a 10-second 429, a 423 on lists, and two "applied, then the connection dropped"
      hs.failNext(3, 503);
      hs.rateLimitNext("TEN_SECONDLY_ROLLING", Map.of());
      hs.failNext(1, 423, Map.of(), LIST_PUT);
      hs.dropAfterApplyNext(TASK_UPSERT);
      hs.dropAfterApplyNext(ENROLL_POST);

      // when
      rig.runToCompletion();

      // then: applied exactly once
      assertThat(hs.contact("101").orElseThrow())
          .containsEntry("lifecyclestage", "salesqualifiedlead")
          .containsEntry("hubspot_owner_id", "501");
      assertThat(hs.deal("901").orElseThrow()).containsEntry("dealstage", "closedwon").containsEntry("pipeline", "default");
      assertThat(hs.contact("108").orElseThrow()).containsEntry("journey_recycle_reason", "LOW_INTENT");
      assertThat(hs.listMembers("3001")).containsExactly("104");
      assertThat(hs.enrollments()).containsExactlyInAnyOrder(
          new Enrollment("105", "777", "7001", "rep@example.com"),
          new Enrollment("106", "778", "7001", "rep@example.com"));
      assertThat(hs.tasks()).hasSize(3);
      Map<String, String> task = hs.tasks().values().stream()
          .filter(t -> t.get("hs_task_subject").equals("Call back")).findFirst().orElseThrow();
      assertThat(task)
          .containsEntry("hs_timestamp", Long.toString(due.toEpochMilli()))
          .containsEntry("hs_task_reminders", Long.toString(due.toEpochMilli()))
          .containsEntry("hs_task_priority", "HIGH")
          .containsEntry("hs_task_type", "CALL")
          .containsEntry("hs_task_status", "NOT_STARTED")
          .containsEntry("hubspot_owner_id", "501")
          .containsEntry("hs_task_body", "Asked for a demo\n\nHandoff context:\n- dealId: 901\n- source: demo form");
      String taskId = task.get("hs_object_id") == null ? idOf(hs, "Call back") : task.get("hs_object_id");
      assertThat(hs.associations()).contains(
          new AssociationRecord("tasks", taskId, "contacts", "102", 204),
          new AssociationRecord("tasks", taskId, "0-3", "901", 216));
      assertThat(hs.tasks().values()).extracting(t -> t.get("hs_task_subject"))
          .containsExactlyInAnyOrder("Call back", "Journey notification", "Journey escalation, level 1");
      // the faults really happened
      assertThat(hs.requests().stream().filter(TASK_UPSERT).count()).isGreaterThanOrEqualTo(2);
      assertThat(hs.requests().stream().filter(ENROLL_POST).count()).isEqualTo(2);
      // and exactly the permanent failures are dead letters, with their reason
      assertThat(rig.deadLetters())
          .extracting(d -> d.entry().subject().id(), d -> d.reason().startsWith("permanent failure: "))
          .containsExactlyInAnyOrder(tuple("999", true), tuple("109", true), tuple("110", true), tuple("111", true));
      assertThat(reason(rig.deadLetters(), "999")).contains("OBJECT_NOT_FOUND");
      assertThat(reason(rig.deadLetters(), "109")).contains("unsupported: HubSpot has no API to unenroll");
      assertThat(reason(rig.deadLetters(), "110")).contains("no suppression list configured for channel 'sales'");
      assertThat(reason(rig.deadLetters(), "111")).contains("HubSpot 404 OBJECT_NOT_FOUND on GET /crm/v3/owners/404");
    }
  }

  private static String idOf(FakeHubSpot hs, String subject) {
    return hs.tasks().entrySet().stream().filter(e -> e.getValue().get("hs_task_subject").equals(subject))
        .findFirst().orElseThrow().getKey();
  }

  private static String reason(List<DeadLetter> letters, String subjectId) {
    return letters.stream().filter(d -> d.entry().subject().id().equals(subjectId)).findFirst().orElseThrow().reason();
  }

  @Test
  void should_not_call_again_before_the_account_midnight_after_a_daily_429() throws Exception {
    List<HubSpotApiException> failures = new CopyOnWriteArrayList<>();
    try (RelayRig rig = new RelayRig(c -> c.accountZone(ZoneId.of("Europe/Berlin")).onFailure(failures::add), 5)) {
      // given
      rig.hubspot.addContact("101");
      rig.submit(contact("101"), id -> new SetProperty(id, contact("101"), "lifecyclestage", "lead"));
      rig.hubspot.rateLimitNext("DAILY", Map.of());
      // when
      rig.relay.drain();
      rig.clock.set(Instant.parse("2026-03-02T22:59:59Z"));
      rig.relay.drain();
      int requestsBeforeMidnight = rig.hubspot.requests().size();
      rig.runToCompletion();
      // then
      assertThat(requestsBeforeMidnight).isEqualTo(1);
      assertThat(failures).singleElement().isInstanceOfSatisfying(HubSpotDailyLimitException.class,
          e -> assertThat(e.resetsAt()).isEqualTo(Instant.parse("2026-03-02T23:00:00Z")));
      assertThat(rig.hubspot.requests()).hasSize(2);
      assertThat(rig.hubspot.requests().get(1).at()).isEqualTo(Instant.parse("2026-03-02T23:00:00Z"));
      assertThat(rig.hubspot.contact("101").orElseThrow()).containsEntry("lifecyclestage", "lead");
      assertThat(rig.deadLetters()).isEmpty();
    }
  }

  @Test
  void should_wait_for_the_window_after_a_ten_secondly_429_and_at_least_two_seconds_after_a_423() throws Exception {
    try (RelayRig rig = new RelayRig(c -> c, 5)) {
      // given
      rig.hubspot.addContact("101");
      rig.hubspot.addContact("102");
      rig.submit(contact("101"), id -> new SetProperty(id, contact("101"), "a", "1"));
      rig.hubspot.rateLimitNext("TEN_SECONDLY_ROLLING", Map.of("X-HubSpot-RateLimit-Interval-Milliseconds", "10000"));
      // when
      rig.relay.runOnce();
      OutboxEntry afterRateLimit = rig.store.pendingActions().get(0);
      rig.runToCompletion();
      rig.submit(contact("102"), id -> new SetProperty(id, contact("102"), "a", "1"));
      rig.hubspot.failNext(1, 423);
      Instant before423 = rig.clock.instant();
      rig.relay.runOnce();
      OutboxEntry afterLock = rig.store.pendingActions().get(0);
      rig.runToCompletion();
      // then
      assertThat(afterRateLimit.nextAttemptAt()).isAfterOrEqualTo(RelayRig.START.plusSeconds(10));
      assertThat(afterRateLimit.lastError().orElseThrow()).contains("429 RATE_LIMIT policy TEN_SECONDLY_ROLLING");
      assertThat(afterLock.nextAttemptAt()).isAfterOrEqualTo(before423.plusSeconds(2));
      assertThat(rig.hubspot.contact("102").orElseThrow()).containsEntry("a", "1");
    }
  }

  @Test
  void should_not_duplicate_a_task_when_the_answer_times_out_after_the_write() throws Exception {
    try (RelayRig rig = new RelayRig(c -> c.requestTimeout(Duration.ofMillis(300)), 5)) {
      // given
      rig.hubspot.addContact("102");
      rig.submit(contact("102"), id -> new CreateTask(id, contact("102"), "Call", "", RelayRig.START,
          "LOW", "TODO", Map.of()));
      FakeHubSpot.HeldResponses held = rig.hubspot.holdNext(TASK_UPSERT);
      // when
      rig.relay.runOnce();
      held.release();
      OutboxEntry afterTimeout = rig.store.pendingActions().get(0);
      rig.runToCompletion();
      // then
      assertThat(afterTimeout.lastError().orElseThrow()).startsWith("ambiguous: timeout after sending POST /crm/v3/objects/tasks/batch/upsert");
      assertThat(rig.hubspot.tasks()).hasSize(1);
      assertThat(rig.hubspot.requests().stream().filter(TASK_UPSERT).count()).isEqualTo(2);
      assertThat(rig.hubspot.associations()).hasSize(1);
    }
  }

  @Test
  void should_coalesce_actions_into_batches_of_at_most_one_hundred() throws Exception {
    try (RelayRig rig = new RelayRig(c -> c, 5)) {
      // given
      List<OutboxEntry> entries = new ArrayList<>();
      for (int i = 0; i < 250; i++) {
        String id = Integer.toString(1000 + i);
        rig.hubspot.addContact(id);
        entries.add(new OutboxEntry(new SetProperty("a" + i, contact(id), "score", Integer.toString(i)), 1,
            RelayRig.START, 0, RelayRig.START));
      }
      // when
      var results = rig.executor.executeAll(entries);
      // then
      assertThat(results).hasSize(250).allMatch(r -> r instanceof dev.journey.core.spi.ExecutionResult.Done);
      assertThat(rig.hubspot.requests()).extracting(RecordedRequest::operation)
          .containsOnly("POST /crm/v3/objects/contacts/batch/update").hasSize(3);
      assertThat(rig.hubspot.contact("1249").orElseThrow()).containsEntry("score", "249");
    }
  }

  @Test
  void should_retry_inputs_one_by_one_when_a_whole_batch_is_rejected() throws Exception {
    try (RelayRig rig = new RelayRig(c -> c, 5)) {
      // given
      List<OutboxEntry> entries = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String id = Integer.toString(2000 + i);
        rig.hubspot.addContact(id);
        entries.add(new OutboxEntry(new SetProperty("b" + i, contact(id), "x", "y"), 1, RelayRig.START, 0,
            RelayRig.START));
      }
      rig.hubspot.failNext(1, 400);
      // when
      var results = rig.executor.executeAll(entries);
      // then
      assertThat(results).allMatch(r -> r instanceof dev.journey.core.spi.ExecutionResult.Done);
      assertThat(rig.hubspot.requests()).hasSize(4);
    }
  }

  @Test
  void should_reread_the_token_once_after_a_401_and_stop_the_portal_after_a_second() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    List<HubSpotApiException> failures = new CopyOnWriteArrayList<>();
    TokenProvider rotating = new TokenProvider() {
      private volatile String current = "old-token";

      @Override
      public String token() {
        reads.incrementAndGet();
        return current;
      }

      @Override
      public void invalidate() {
        current = FakeHubSpot.TOKEN;
      }
    };
    try (RelayRig rig = new RelayRig(c -> c, 5)) {
      rig.hubspot.addContact("101");
      HubSpotExecutor fresh = HubSpotExecutor.create(HubSpotConfig.builder(rotating)
          .baseUri(rig.hubspot.baseUri()).clock(rig.clock).onFailure(failures::add).build());
      OutboxEntry entry = new OutboxEntry(new SetProperty("c1", contact("101"), "x", "1"), 1, RelayRig.START, 0,
          RelayRig.START);
      // when
      var first = fresh.executeAll(List.of(entry));
      rig.hubspot.acceptToken("rotated-elsewhere");
      var second = fresh.executeAll(List.of(entry));
      int requestsWhenStopped = rig.hubspot.requests().size();
      var third = fresh.executeAll(List.of(entry));
      // then
      assertThat(first).containsExactly(dev.journey.core.spi.ExecutionResult.done());
      assertThat(second.get(0)).isInstanceOf(dev.journey.core.spi.ExecutionResult.RetryAfter.class);
      assertThat(fresh.stoppedBy()).isPresent();
      assertThat(failures).singleElement().isInstanceOf(HubSpotAuthenticationException.class);
      assertThat(third.get(0)).isInstanceOfSatisfying(dev.journey.core.spi.ExecutionResult.RetryAfter.class,
          r -> assertThat(r.delay()).isEqualTo(HubSpotConfig.DEFAULT_AUTH_FAILURE_DELAY));
      assertThat(rig.hubspot.requests()).hasSize(requestsWhenStopped);
      assertThat(fresh.toString()).doesNotContain(FakeHubSpot.TOKEN);
    }
  }

  @Test
  void should_defer_instead_of_exceeding_the_local_rate_limit() throws Exception {
    try (RelayRig rig = new RelayRig(c -> c.maxBatchSize(1), 5, 3, 0)) {
      // given
      List<OutboxEntry> entries = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        String id = Integer.toString(3000 + i);
        rig.hubspot.addContact(id);
        entries.add(new OutboxEntry(new SetProperty("d" + i, contact(id), "x", "y"), 1, RelayRig.START, 0,
            RelayRig.START));
      }
      // when
      var results = rig.executor.executeAll(entries);
      // then
      assertThat(results).filteredOn(r -> r instanceof dev.journey.core.spi.ExecutionResult.Done).hasSize(3);
      assertThat(results).filteredOn(r -> !(r instanceof dev.journey.core.spi.ExecutionResult.Done))
          .hasSize(2).allSatisfy(r -> assertThat(r)
          .isInstanceOfSatisfying(dev.journey.core.spi.ExecutionResult.Deferred.class,
              ra -> assertThat(ra.delay()).isEqualTo(Duration.ofSeconds(10).plus(dev.journey.hubspot.internal.RateWindow.MARGIN))));
      assertThat(rig.hubspot.requests()).hasSize(3);
      assertThat(rig.hubspot.rateLimitedCount()).isZero();
    }
  }
}
