package dev.journey.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.SubjectRef;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rollout.DeploymentChange.Kind;
import dev.journey.core.fixture.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class JourneyDeploymentTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final RegisteredVersion V1 =
      new RegisteredVersion("lead-handoff", "1", "aaa", "rules/v1", T0);
  private static final RegisteredVersion V2 =
      new RegisteredVersion("lead-handoff", "2", "bbb", "rules/v2", T0);

  @Test
  void should_step_pause_resume_and_promote_with_history_when_changed_in_order() {
    // given
    MutableClock clock = MutableClock.at(T0.toString());
    Deployments deployments = Deployments.builder(InMemoryJourneyStore.create()).clock(clock).build();
    deployments.register("lead-handoff", V1, "ana", "initial");
    deployments.register("lead-handoff", V2, "ana", "faster first touch");
    // when
    deployments.start("lead-handoff", "2", Candidate.DEFAULT_STEPS, PilotScope.everyone(), "ana", "go");
    clock.advance(Duration.ofHours(1));
    deployments.step("lead-handoff", "guard", "n=400, no regression");
    deployments.pause("lead-handoff", "bo", "incident");
    deployments.resume("lead-handoff", "bo", "resolved");
    deployments.step("lead-handoff", "guard", "ok");
    deployments.step("lead-handoff", "guard", "ok");
    JourneyDeployment promoted = deployments.promote("lead-handoff", "ana", "all good");
    // then
    assertThat(promoted.live()).isEqualTo("2");
    assertThat(promoted.candidate()).isEmpty();
    assertThat(promoted.revision()).isEqualTo(9);
    assertThat(promoted.history()).extracting(DeploymentChange::kind).containsExactly(
        Kind.REGISTER, Kind.REGISTER, Kind.START, Kind.STEP, Kind.PAUSE, Kind.RESUME, Kind.STEP,
        Kind.STEP, Kind.PROMOTE);
    assertThat(promoted.history()).extracting(DeploymentChange::revision)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    assertThat(promoted.history().get(3)).isEqualTo(new DeploymentChange(
        4, Kind.STEP, "2 1% -> 10%", "guard", "n=400, no regression", T0.plus(Duration.ofHours(1))));
    assertThat(deployments.require("lead-handoff")).isEqualTo(promoted);
  }

  @Test
  void should_refuse_changes_the_state_does_not_allow_and_write_nothing() {
    // given
    Deployments deployments = Deployments.builder(InMemoryJourneyStore.create())
        .clock(MutableClock.at(T0.toString())).build();
    deployments.register("lead-handoff", V1, "ana", "");
    deployments.register("lead-handoff", V2, "ana", "");
    // when / then
    assertThatThrownBy(() -> deployments.step("lead-handoff", "ana", ""))
        .isInstanceOf(IllegalDeploymentChangeException.class)
        .hasMessage("cannot step the deployment of 'lead-handoff': no candidate is rolling out; start one first");
    assertThatThrownBy(() -> deployments.start("lead-handoff", "3", List.of(1, 100), PilotScope.everyone(), "ana", ""))
        .isInstanceOf(IllegalDeploymentChangeException.class)
        .hasMessage("cannot start the deployment of 'lead-handoff': version '3' is not registered (registered: [1, 2])");
    assertThatThrownBy(() -> deployments.start("lead-handoff", "2", List.of(10, 5, 100), PilotScope.everyone(), "ana", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("strictly increasing");
    deployments.start("lead-handoff", "2", List.of(5, 100), PilotScope.everyone(), "ana", "");
    assertThatThrownBy(() -> deployments.promote("lead-handoff", "ana", ""))
        .isInstanceOf(IllegalDeploymentChangeException.class)
        .hasMessageContaining("is at 5%, not at its last step");
    deployments.pause("lead-handoff", "ana", "");
    assertThatThrownBy(() -> deployments.step("lead-handoff", "ana", ""))
        .isInstanceOf(IllegalDeploymentChangeException.class)
        .hasMessageContaining("is paused; resume it first");
    assertThatThrownBy(() -> deployments.register("lead-handoff", V2, "ana", ""))
        .isInstanceOf(IllegalDeploymentChangeException.class)
        .hasMessageContaining("version '2' is registered already");
    assertThat(deployments.require("lead-handoff").revision()).isEqualTo(4);
    assertThatThrownBy(() -> deployments.status("other"))
        .isInstanceOf(DeploymentNotFoundException.class)
        .hasMessage("no deployment of journey 'other' is stored (deployed journeys: [lead-handoff]); register a version first");
  }

  @Test
  void should_reject_the_loser_of_a_concurrent_change_when_both_read_the_same_revision() {
    // given two operators who read revision 3
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    Deployments deployments = Deployments.builder(store).clock(MutableClock.at(T0.toString())).build();
    deployments.register("lead-handoff", V1, "ana", "");
    deployments.register("lead-handoff", V2, "ana", "");
    JourneyDeployment read = deployments.start("lead-handoff", "2", Candidate.DEFAULT_STEPS,
        PilotScope.everyone(), "ana", "");
    // when the first writes its step, the second its rollback on the same revision
    store.saveDeployment(read.step("ana", "", T0), read.revision());
    // then
    assertThatThrownBy(() -> store.saveDeployment(read.rollback(RollbackMode.NEW_ENTRIES, "bo", "", T0), read.revision()))
        .isInstanceOf(DeploymentConflictException.class)
        .hasMessage("deployment of 'lead-handoff' changed concurrently: the change was based on revision 3"
            + " but the store holds revision 4; nothing was written, re-read and retry");
    assertThat(store.deployment("lead-handoff").orElseThrow().percent()).isEqualTo(10);
  }

  @Test
  void should_choose_the_candidate_only_in_the_pilot_scope_and_below_the_step_share() {
    // given a candidate at 50% piloted on EMEA mid-market
    JourneyDeployment d = JourneyDeployment.first("lead-handoff", V1, "ana", "", T0)
        .register(V2, "ana", "", T0)
        .start("2", List.of(50, 100), PilotScope.everyone().and("region", "EMEA").and("segment", "mid-market"),
            "ana", "", T0);
    Map<String, String> emea = Map.of("region", "EMEA", "segment", "mid-market");
    Map<String, String> amer = Map.of("region", "AMER", "segment", "mid-market");
    int onCandidate = 0;
    // when
    for (int i = 0; i < 2000; i++) {
      SubjectRef s = SubjectRef.contact(Integer.toString(i));
      String inScope = d.versionFor(s, n -> Optional.ofNullable(emea.get(n)));
      // then
      assertThat(d.versionFor(s, n -> Optional.ofNullable(amer.get(n)))).isEqualTo("1");
      assertThat(inScope).isEqualTo(d.bucket(s) < 5000 ? "2" : "1");
      onCandidate += inScope.equals("2") ? 1 : 0;
    }
    assertThat(onCandidate).isBetween(900, 1100);
    assertThat(d.pause("ana", "", T0).versionFor(SubjectRef.contact("1"), n -> Optional.ofNullable(emea.get(n))))
        .isEqualTo("1");
  }
}
