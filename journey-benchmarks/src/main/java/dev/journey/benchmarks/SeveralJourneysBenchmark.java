package dev.journey.benchmarks;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.CrossJourneyPolicy;
import dev.journey.core.engine.HostedJourney;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.state.JourneyModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * A signal that concerns three journeys against one that concerns one, end to end through the
 * engine (dedupe, load, evaluation, stages, merge across journeys, reduction, one commit to the
 * in-memory store with audit off), over 100,000 subjects on one thread. {@code journeys=1}: an
 * engine of the lead-handoff journey alone; {@code journeys=3}: the same journey as primary plus a
 * nurture and a renewal-risk journey that every signal concerns, with the central suppression
 * policy (sales motion pauses nurture's outreach).
 *
 * <pre>{@code
 * java -jar journey-benchmarks/target/benchmarks.jar SeveralJourneysBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s
 * }</pre>
 *
 * <p>On a loaded machine, {@link SeveralJourneysCostHarness} measures the same path in CPU time.
 */
public class SeveralJourneysBenchmark {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final String[] TYPES = {
    "PRICING_PAGE_VIEWED", "CONTENT_ENGAGED", "FORM_SUBMITTED", "DEMO_REQUESTED",
    "SALES_ACTIVITY", "USAGE_DROPPED", "LIFECYCLE_CHANGED", "PRICING_PAGE_VIEWED"
  };
  private static final JourneyModel NURTURE =
      JourneyModel.builder("nurture").states("NEW", "ENROLLED").initialState("NEW")
          .allow("NEW", "ENROLLED").build();
  private static final JourneyModel RENEWAL =
      JourneyModel.builder("renewal-risk").states("WATCH", "AT_RISK").initialState("WATCH")
          .allow("WATCH", "AT_RISK").build();

  /** The engine, fresh per iteration so the inbox does not grow without bound. */
  @State(Scope.Benchmark)
  public static class Engine {
    /** How many journeys every signal concerns. */
    @Param({"1", "3"})
    public int journeys;

    /** How many distinct subjects the signals spread over. */
    @Param({"100000"})
    public int subjects;

    JourneyEngine engine;
    SubjectRef[] refs;
    long next;

    /** Builds the subjects. */
    @Setup(Level.Trial)
    public void subjects() {
      refs = new SubjectRef[subjects];
      for (int i = 0; i < subjects; i++) {
        refs[i] = SubjectRef.contact(Integer.toString(1_000_000 + i));
      }
    }

    /** A fresh engine and store. */
    @Setup(Level.Iteration)
    public void setUp() {
      engine = engine(journeys);
    }

    Signal nextSignal() {
      long n = next++;
      int subject = (int) Math.floorMod(n * 2654435761L, (long) subjects);
      return new Signal("s-" + n, refs[subject], TYPES[(int) (n % TYPES.length)], T0, "bench", Map.of());
    }
  }

  /** The signal types, in the order the signals cycle through them. */
  static String type(long n) {
    return TYPES[(int) (n % TYPES.length)];
  }

  /** An engine of the lead-handoff journey alone ({@code journeys == 1}) or of all three, with a fresh store. */
  static JourneyEngine engine(int journeys) {
    return engine(journeys, true);
  }

  /**
   * {@link #engine(int)}; with {@code everyConcerned} false the nurture and renewal-risk journeys
   * are hosted but enter only on {@link #NEVER_SENT}, a type no signal of the feed has: every
   * subject is in the primary journey alone (1 of 3).
   */
  static JourneyEngine engine(int journeys, boolean everyConcerned) {
      JourneyDefinition handoff =
          JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), PlainRules.rules());
      JourneyEngine.Builder builder =
          JourneyEngine.builder()
              .store(InMemoryJourneyStore.builder().auditPerSubject(0).build())
              .clock(Clock.fixed(T0, ZoneOffset.UTC));
      if (journeys == 1) {
        builder.definition(handoff);
      } else {
        builder
            .journey(HostedJourney.builder(handoff).priority(100).owns("owner").build())
            .journey(entry(HostedJourney.builder(JourneyDefinition.of("nurture", NURTURE, nurture()))
                .priority(10).owns("nurture_track"), everyConcerned).build())
            .journey(entry(HostedJourney.builder(JourneyDefinition.of("renewal-risk", RENEWAL, renewal()))
                .priority(50), everyConcerned).build())
            .policy(CrossJourneyPolicy.builder()
                .salesMotion("lead-handoff", JourneyModel.SALES_ENGAGED)
                .marketing("nurture")
                .unenrollRunningSequences()
                .build());
      }
      return builder.build();
  }

  /** A signal type the feed never carries. */
  static final String NEVER_SENT = "WEBINAR_ATTENDED";

  private static HostedJourney.Builder entry(HostedJourney.Builder journey, boolean everyConcerned) {
    return everyConcerned ? journey : journey.entersOn(NEVER_SENT);
  }

  static JavaRuleSet nurture() {
    return JavaRuleSet.builder("nurture", "1")
        .rule("a form enrolls in the drip",
            f -> f.signal().type().equals(SignalTypes.FORM_SUBMITTED) && f.snapshot().state().equals("NEW"),
            (f, d) -> d.transitionTo("ENROLLED").setProperty("nurture_track", "content")
                .enrollSequence("drip-1", "marketing").startTimer("drip", f.now().plus(Duration.ofDays(3))))
        .rule("engagement scores",
            f -> f.signal().type().equals(SignalTypes.CONTENT_ENGAGED),
            (f, d) -> d.increment("nurture.engagement", 1))
        .build();
  }

  static JavaRuleSet renewal() {
    return JavaRuleSet.builder("renewal-risk", "1")
        .rule("a usage drop puts the account at risk",
            f -> f.signal().type().equals(SignalTypes.USAGE_DROPPED) && f.snapshot().state().equals("WATCH"),
            (f, d) -> d.transitionTo("AT_RISK")
                .createTask("Renewal risk call", "usage dropped", f.now().plus(Duration.ofDays(1))))
        .rule("a demo request while at risk asks for the owner",
            f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED) && f.snapshot().state().equals("AT_RISK"),
            (f, d) -> d.assignOwner("csm-3", "account at risk"))
        .build();
  }

  /** One signal through the engine. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(1)
  public SignalResult accept(Engine engine) {
    return engine.engine.accept(engine.nextSignal());
  }
}
