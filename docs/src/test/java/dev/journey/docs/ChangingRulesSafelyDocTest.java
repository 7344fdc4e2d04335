package dev.journey.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.rollout.Candidate;
import dev.journey.core.rollout.DeploymentEvaluator;
import dev.journey.core.rollout.DeploymentStatus;
import dev.journey.core.rollout.DeploymentWatcher;
import dev.journey.core.rollout.Deployments;
import dev.journey.core.rollout.PilotScope;
import dev.journey.core.rollout.RegisteredVersion;
import dev.journey.core.rollout.RollbackMode;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.state.JourneyModel;
import dev.journey.jdbc.JdbcJourneyStore;
import dev.journey.jdbc.JdbcPool;
import dev.journey.testkit.clock.VirtualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The samples of docs/operations.md, "Changing rules safely", run. */
final class ChangingRulesSafelyDocTest {
  private static final JavaRuleSet V1 =
      JavaRuleSet.builder("lead-handoff", "1")
          .rule("a form notifies the owner", f -> true, (f, d) -> d.notify("owner-1", "new form"))
          .build();
  private static final JavaRuleSet V2 =
      JavaRuleSet.builder("lead-handoff", "2")
          .rule("a form notifies the owner at once", f -> true, (f, d) -> d.notify("owner-1", "call now"))
          .build();
  private static final JourneyDefinition HANDOFF =
      JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), V1);

  private static Signal form(String contact, Instant at, String region) {
    return Signal.builder().id("form-" + contact).subject(SubjectRef.contact(contact))
        .type(SignalTypes.FORM_SUBMITTED).occurredAt(at).source("hubspot")
        .attribute("region", region).build();
  }

  @Test
  void a_candidate_is_piloted_stepped_and_rolled_back_while_subjects_keep_their_version() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "changing-rules-safely"));
    Files.deleteIfExists(dir.resolve("journey.db"));
    VirtualClock clock = VirtualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    // tag::deployments[]
    JdbcPool pool = JdbcPool.sqliteFile(dir.resolve("journey.db"));
    JdbcJourneyStore store = JdbcJourneyStore.builder(pool).build();
    Deployments deployments = Deployments.builder(store).clock(clock).build();

    deployments.register("lead-handoff", RegisteredVersion.of(V1.ruleSet(), "rules/v1", clock.instant()),
        "ana", "the rules in production");
    deployments.register("lead-handoff", RegisteredVersion.of(V2.ruleSet(), "rules/v2", clock.instant()),
        "ana", "call demo requests at once");
    deployments.start("lead-handoff", "2", List.of(5, 25, 100),
        PilotScope.everyone().and("region", "EMEA"), "ana", "pilot on EMEA first");
    // end::deployments[]
    // tag::evaluator[]
    DeploymentEvaluator evaluator =
        DeploymentEvaluator.builder(DeploymentWatcher.of(store, "lead-handoff", clock, Duration.ofSeconds(5)))
            .version("1", V1)
            .version("2", V2)
            .build();
    JourneyEngine engine =
        JourneyEngine.builder().definition(HANDOFF.withEvaluator(evaluator)).store(store).clock(clock).build();
    // end::evaluator[]
    int onTwo = 0;
    for (int i = 0; i < 400; i++) {
      SignalResult r = engine.accept(form("c" + i, clock.instant(), i % 2 == 0 ? "EMEA" : "AMER"));
      String version = ((SignalResult.Decided) r).decision().ruleSet().version();
      assertThat(i % 2 == 1 && version.equals("2")).as("an AMER contact on the EMEA pilot").isFalse();
      onTwo += version.equals("2") ? 1 : 0;
    }
    // tag::operate[]
    deployments.step("lead-handoff", "guard", "no regression at 5%");          // 25%
    deployments.rollback("lead-handoff", RollbackMode.NEW_ENTRIES, "ana", "meetings down");
    DeploymentStatus status = deployments.status("lead-handoff");
    System.out.print(status.render()); // each version's role, share and pinned cohort
    // end::operate[]
    assertThat(status.version("2").orElseThrow().cohort()).isEqualTo(onTwo).isPositive();
    assertThat(status.version("1").orElseThrow().cohort()).isEqualTo(400 - onTwo);
    assertThat(status.deployment().history()).hasSize(5);
    assertThat(Candidate.DEFAULT_STEPS).containsExactly(1, 10, 50, 100);
    pool.close();
  }
}
