package dev.journey.benchmarks;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.calendar.BusinessCalendar;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.JourneyListener;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.metrics.Measurements;
import dev.journey.core.metrics.MetricsCollector;
import dev.journey.core.metrics.MetricsDefinition;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.state.JourneyModel;
import dev.journey.report.HtmlReport;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measuring a demo-sized decision log: 3,000 contacts, about 20,000 audit records (handoffs, SLA
 * timers, touches, meetings, recycles), then rendering the HTML report of the measurements. The
 * scores are milliseconds per whole log.
 *
 * <p>Run: {@code java -jar journey-benchmarks/target/benchmarks.jar MetricsBenchmark -f 1 -wi 3 -i 5}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class MetricsBenchmark {
  static final int CONTACTS = 3_000;
  private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");

  private List<AuditRecord> records;
  private MetricsDefinition definition;
  private Measurements measurements;

  /** Replays a synthetic six-week log once. */
  @Setup
  public void setUp() {
    TimerDrainBenchmark.MovableClock clock = new TimerDrainBenchmark.MovableClock(START);
    List<AuditRecord> log = new ArrayList<>();
    JavaRuleSet rules =
        JavaRuleSet.builder("lead-handoff", "1")
            .rule("handoff", f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED),
                (f, d) -> d.transitionTo(JourneyModel.SALES_ENGAGED).assignOwner("owner-" + f.signal().subject().id().hashCode() % 12, "rr")
                    .startTimer("sla:first-touch", f.now().plus(Duration.ofHours(4))))
            .rule("touch", f -> f.signal().type().equals(SignalTypes.SALES_ACTIVITY) && f.snapshot().timer("sla:first-touch").isPresent(),
                (f, d) -> d.cancelTimer("sla:first-touch").increment("sla.first-touch.met", 1))
            .rule("breach", f -> f.signal().isTimer(), (f, d) -> d.increment("sla.first-touch.breached", 1))
            .rule("meeting", f -> f.signal().type().equals(SignalTypes.MEETING_BOOKED),
                (f, d) -> d.transitionTo(JourneyModel.OPPORTUNITY_ACTIVE))
            .rule("recycle", f -> f.signal().type().equals(SignalTypes.CONTENT_ENGAGED) && f.snapshot().state().equals(JourneyModel.NURTURE),
                (f, d) -> d.transitionTo(JourneyModel.RECYCLED).recycle("LOW_INTENT"))
            .build();
    JourneyEngine engine =
        JourneyEngine.builder()
            .definition(JourneyDefinition.builder("lead-handoff").model(JourneyModel.leadHandoff()).evaluator(rules).build())
            .store(InMemoryJourneyStore.create())
            .clock(clock)
            .listener(new JourneyListener() {
              @Override
              public void onCommitted(AuditRecord record) {
                log.add(record);
              }
            })
            .build();
    Random random = new Random(42);
    String[] segments = {"SMB", "MID_MARKET", "ENTERPRISE"};
    String[] regions = {"NA", "EMEA", "APAC"};
    String[] types = {SignalTypes.CONTENT_ENGAGED, SignalTypes.DEMO_REQUESTED, SignalTypes.SALES_ACTIVITY,
        SignalTypes.SALES_ACTIVITY, SignalTypes.MEETING_BOOKED, SignalTypes.FORM_SUBMITTED};
    int id = 0;
    for (int step = 0; step < 6; step++) {
      for (int c = 0; c < CONTACTS; c++) {
        clock.now = clock.now.plusSeconds(1 + random.nextInt(4));
        engine.fireDueTimers();
        String type = step == 0 ? SignalTypes.FORM_SUBMITTED : types[random.nextInt(types.length)];
        engine.accept(Signal.builder().id("s-" + id++).subject(SubjectRef.contact(Integer.toString(1000 + c)))
            .type(type).occurredAt(clock.now).source("bench")
            .attribute("segment", segments[c % 3]).attribute("region", regions[(c / 3) % 3]).attribute("leadSource", "web")
            .build());
      }
    }
    clock.now = clock.now.plus(Duration.ofDays(1));
    engine.fireDueTimers();
    records = List.copyOf(log);
    BusinessCalendar na = BusinessCalendar.builder(ZoneId.of("America/New_York")).weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0)).build();
    definition = MetricsDefinition.leadHandoff().calendar(na).build();
    measurements = MetricsCollector.of(definition, records);
    if (records.size() < 15_000) {
      throw new IllegalStateException("expected a demo-sized log, but it has " + records.size() + " records");
    }
  }

  /** All records through a fresh collector, then the measurements. */
  @Benchmark
  public Measurements measure() {
    return MetricsCollector.of(definition, records);
  }

  /** The HTML report of the measurements. */
  @Benchmark
  public String render() {
    return HtmlReport.builder(measurements).generatedAt(START).build().render();
  }
}
