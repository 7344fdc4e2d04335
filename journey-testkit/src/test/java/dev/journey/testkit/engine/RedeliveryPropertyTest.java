package dev.journey.testkit.engine;

import static dev.journey.testkit.assertions.JourneyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.action.Action;
import dev.journey.core.spi.AuditRecord;
import dev.journey.testkit.arbitraries.JourneyDomain;
import dev.journey.testkit.arbitraries.SignalStream;
import dev.journey.testkit.playbook.Playbook;
import dev.journey.testkit.replay.LoggedDecision;
import dev.journey.testkit.replay.Replay;
import dev.journey.testkit.replay.ReplayResult;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.domains.Domain;
import net.jqwik.api.statistics.Statistics;

/** Idempotency of journey-core's engine under redelivery, as a property over generated streams. */
@Domain(JourneyDomain.class)
final class RedeliveryPropertyTest {
  private final Replay replay = Replay.builder().definition(Playbook.journey()).build();

  // tag::property[]
  @Property(tries = 150)
  void should_converge_to_the_deduplicated_outcome_when_signals_are_redelivered(
      @ForAll SignalStream stream) {
    // when: every delivery, then the stream without its redeliveries, each on a fresh engine
    ReplayResult delivered = replay.run(stream.deliveries());
    ReplayResult deduplicated = replay.run(stream.deduplicated());

    // then
    assertThat(delivered.snapshots()).isEqualTo(deduplicated.snapshots());
    assertThat(actions(delivered)).hasSameIdsAs(actions(deduplicated));
    assertThat(delivered.duplicates()).isEqualTo(stream.redeliveries());
    assertThat(delivered.decisions()).hasSameSizeAs(deduplicated.decisions());
    Statistics.label("redelivered").collect(stream.redeliveries() > 0);
    Statistics.label("with actions").collect(!actions(deduplicated).isEmpty());
    Statistics.label("redelivered")
        .coverage(c -> c.check(true).percentage(p -> p > 30));
    Statistics.label("with actions").coverage(c -> c.check(true).percentage(p -> p > 30));
  }

  private static List<Action> actions(ReplayResult result) {
    List<Action> actions = new ArrayList<>();
    for (LoggedDecision d : result.decisions()) {
      if (d.outcome() == AuditRecord.Outcome.DECIDED) {
        actions.addAll(d.decision().actions());
      }
    }
    return actions;
  }
  // end::property[]
}
