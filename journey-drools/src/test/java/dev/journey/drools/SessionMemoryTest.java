package dev.journey.drools;

import static dev.journey.drools.Fixtures.NOW;
import static dev.journey.drools.Fixtures.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.state.JourneySnapshot;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A pooled session evaluates signal after signal for as long as the engine runs: what one
 * evaluation leaves in it must be gone by the next, or a long-running engine runs out of memory.
 * Measured as the heap still reachable after a collection, before and after many evaluations on
 * one session: a leak of one Drools tuple per evaluation (about 200 bytes) shows as megabytes.
 */
final class SessionMemoryTest {
  private static RuleSetRegistry registry;
  private static CompiledRuleSet rules;

  /** Rules that match the input through positive patterns only, one of them on every signal. */
  private static final String DRL =
      header("p.memory")
          + "rule \"every signal\" @label(\"every signal\") salience 10\n"
          + "when $f : JourneyFacts(signalType != \"NEVER\") then decision.increment(\"seen\", 1L); end\n"
          + "rule \"demo from nurture\" @label(\"demo from nurture\")\n"
          + "when $f : JourneyFacts(signalType == \"DEMO_REQUESTED\", state == \"NURTURE\")\n"
          + "then decision.route(\"inbound\"); end\n";

  @BeforeAll
  static void compile() {
    registry = RuleSetRegistry.builder().build();
    rules = Fixtures.compile(registry, "memory", "1", DRL);
  }

  @AfterAll
  static void close() {
    registry.close();
  }

  @Test
  void should_keep_nothing_of_an_evaluation_in_the_session_when_one_session_evaluates_many_signals() {
    // given one evaluator with one pooled session, warmed up
    DroolsEvaluator evaluator = DroolsEvaluator.builder(rules).maxIdleSessions(1).build();
    JourneySnapshot snapshot = Fixtures.nurture(Fixtures.CONTACT);
    evaluate(evaluator, snapshot, 0, 5_000);
    long before = reachableHeap();
    // when it evaluates 60,000 more signals
    evaluate(evaluator, snapshot, 5_000, 65_000);
    long after = reachableHeap();
    // then the reachable heap grew by far less than a tuple per evaluation (60,000 x 200 B = 12 MB)
    assertThat(evaluator.sessionsCreated()).isEqualTo(1);
    assertThat(after - before).as("bytes reachable after 60,000 evaluations").isLessThan(3_000_000L);
  }

  private static void evaluate(DroolsEvaluator evaluator, JourneySnapshot snapshot, int from, int to) {
    for (int i = from; i < to; i++) { // bounded
      Signal signal =
          Fixtures.signal("s" + i, i % 2 == 0 ? "DEMO_REQUESTED" : "PRICING_PAGE_VIEWED", Map.of());
      evaluator.evaluate(snapshot, signal, NOW.plusSeconds(i));
    }
  }

  /** The heap in use after collections have run until it stops shrinking (at most five). */
  private static long reachableHeap() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) { // bounded
      System.gc();
      long now = memory.getHeapMemoryUsage().getUsed();
      if (now >= used) {
        return now;
      }
      used = now;
    }
    return used;
  }
}
