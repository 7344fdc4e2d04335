package dev.journey.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.SubjectRef;
import dev.journey.core.action.AssignOwner;
import dev.journey.core.action.CreateTask;
import dev.journey.core.action.EnrollSequence;
import dev.journey.core.action.Notify;
import dev.journey.core.action.SetProperty;
import dev.journey.core.action.SuppressOutreach;
import dev.journey.core.action.UnenrollSequence;
import dev.journey.core.spi.DeadLetter;
import dev.journey.core.state.Suppression;
import dev.journey.testkit.fake.FakeHubSpot;
import dev.journey.testkit.fake.FakeHubSpot.Enrollment;
import dev.journey.testkit.fake.FakeHubSpot.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.From;
import net.jqwik.api.constraints.Size;

/** Exactly-once and dead-letter invariants under random fault sequences. */
final class HubSpotExecutorFaultsTest {

  /** One injected fault. */
  enum Fault {
    BURST_503, BAD_GATEWAY, LOCKED, TEN_SECONDLY, DROP_TASK_UPSERT, DROP_ENROLL, DROP_LIST, DROP_UPDATE, DROP_ASSOC
  }

  @Provide
  Arbitrary<Fault> fault() {
    return Arbitraries.of(Fault.class);
  }

  @Property(tries = 12)
  void every_action_is_applied_once_and_only_permanent_failures_are_dead_letters(
      @ForAll @Size(max = 6) List<@From("fault") Fault> faults) throws Exception {
    try (RelayRig rig = new RelayRig(c -> c.suppressionList("nurture", "3001"), 12)) {
      // given
      FakeHubSpot hs = rig.hubspot;
      for (String id : List.of("101", "102", "103", "104", "105", "106")) {
        hs.addContact(id);
      }
      hs.addOwner("501", 7001, "rep@example.com");
      hs.addList("3001");
      SubjectRef c1 = SubjectRef.contact("101");
      SubjectRef c2 = SubjectRef.contact("102");
      SubjectRef c3 = SubjectRef.contact("103");
      SubjectRef c4 = SubjectRef.contact("104");
      SubjectRef c5 = SubjectRef.contact("105");
      SubjectRef c6 = SubjectRef.contact("106");
      rig.submit(c1, id -> new SetProperty(id, c1, "lifecyclestage", "lead"),
          id -> new AssignOwner(id, c1, "501", "pool"));
      rig.submit(c2, id -> new CreateTask(id, c2, "Call", "b", "501", rig.clock.instant().plus(Duration.ofHours(1)),
          "HIGH", "CALL", Map.of()));
      rig.submit(c3, id -> new Notify(id, c3, "501", "look"));
      rig.submit(c4, id -> new SuppressOutreach(id, c4, "nurture", "engaged", Suppression.UNTIL_RESUMED));
      rig.submit(c5, id -> new EnrollSequence(id, c5, "777", "501", "sales"));
      rig.submit(c6, id -> new UnenrollSequence(id, c6, "777", "replied"));
      for (Fault f : faults) {
        inject(hs, f);
      }
      // when
      rig.runToCompletion();
      // then
      assertThat(hs.contact("101").orElseThrow()).containsEntry("lifecyclestage", "lead").containsEntry("hubspot_owner_id", "501");
      assertThat(hs.tasks()).hasSize(2);
      assertThat(hs.associations()).hasSize(2);
      assertThat(hs.listMembers("3001")).containsExactly("104");
      assertThat(hs.enrollments()).containsExactly(new Enrollment("105", "777", "7001", "rep@example.com"));
      assertThat(rig.deadLetters()).extracting(DeadLetter::entry).extracting(e -> e.subject().id()).containsExactly("106");
      assertThat(rig.store.pendingActions()).isEmpty();
    }
  }

  private static void inject(FakeHubSpot hs, Fault f) {
    Predicate<RecordedRequest> any = r -> true;
    switch (f) {
      case BURST_503:
        hs.failNext(3, 503);
        break;
      case BAD_GATEWAY:
        hs.failNext(1, 502);
        break;
      case LOCKED:
        hs.failNext(1, 423, Map.of(), any);
        break;
      case TEN_SECONDLY:
        hs.rateLimitNext("TEN_SECONDLY_ROLLING", Map.of());
        break;
      case DROP_TASK_UPSERT:
        hs.dropAfterApplyNext(r -> r.path().endsWith("/tasks/batch/upsert"));
        break;
      case DROP_ENROLL:
        hs.dropAfterApplyNext(r -> r.method().equals("POST") && r.path().equals("/automation/v4/sequences/enrollments"));
        break;
      case DROP_LIST:
        hs.dropAfterApplyNext(r -> r.path().startsWith("/crm/v3/lists/"));
        break;
      case DROP_UPDATE:
        hs.dropAfterApplyNext(r -> r.path().endsWith("/batch/update"));
        break;
      default:
        hs.dropAfterApplyNext(r -> r.path().startsWith("/crm/v4/associations/"));
        break;
    }
  }
}
