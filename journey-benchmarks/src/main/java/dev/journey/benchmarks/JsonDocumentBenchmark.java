package dev.journey.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.Action;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.feature.FeatureSet;
import dev.journey.core.feature.FeatureSnapshot;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.PendingTimer;
import dev.journey.core.state.Suppression;
import dev.journey.jackson.JourneyJson;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The JSON documents every durable commit writes, through {@link JourneyJson#mapper()} as
 * journey-jdbc's {@code Documents} and journey-kafka's serdes call it: a realistic snapshot (owner,
 * two timers, a suppression, counters, ten declared features), the audit record of a decision
 * with every part (signal, that snapshot, actions, timer commands, a routing request), one action
 * as the actions topic carries it, an outbox entry and a signal, each written to a {@code String}
 * and read back. {@code mapper=fast} is {@link JourneyJson#mapper()}, {@code mapper=reflective}
 * {@link JourneyJson#reflectiveMapper()} (databind's bean serializers alone: the reference the
 * fast path must write byte for byte).
 *
 * <pre>{@code
 * java -jar journey-benchmarks/target/benchmarks.jar JsonDocumentBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JsonDocumentBenchmark {
  static final Instant NOW = Instant.parse("2026-03-02T09:15:00.123Z");

  /** The documents, written once, and the mapper under test. */
  @State(Scope.Benchmark)
  public static class Documents {
    /** {@code fast}: {@link JourneyJson#mapper()}; {@code reflective}: databind alone. */
    @Param({"fast", "reflective"})
    public String mapper;

    ObjectMapper json;
    Signal signal;
    JourneySnapshot snapshot;
    AuditRecord audit;
    Action action;
    OutboxEntry entry;
    String signalJson;
    String snapshotJson;
    String auditJson;
    String actionJson;
    String entryJson;

    /** Builds the values and their JSON. */
    @Setup
    public void setUp() throws IOException {
      json = mapper.equals("fast") ? JourneyJson.mapper() : JourneyJson.reflectiveMapper();
      signal = signal();
      snapshot = snapshot(signal);
      Decision decision = decision(signal, snapshot);
      audit = new AuditRecord(signal, snapshot, decision, AuditRecord.Outcome.DECIDED, Optional.empty(), NOW);
      action = decision.actions().get(1);
      entry = new OutboxEntry(action, 65_536, NOW, 0, NOW);
      signalJson = json.writeValueAsString(signal);
      snapshotJson = json.writeValueAsString(snapshot);
      auditJson = json.writeValueAsString(audit);
      actionJson = json.writeValueAsString(action);
      entryJson = json.writeValueAsString(entry);
    }
  }

  static Signal signal() {
    return Signal.builder()
        .id("form-7f3a9c21")
        .subject(SubjectRef.contact("90123456789012"))
        .type(SignalTypes.DEMO_REQUESTED)
        .occurredAt(NOW)
        .source("hubspot")
        .attribute("fitScore", 82)
        .attribute("pageUrl", "https://example.com/pricing")
        .attribute("utm", Map.of("source", "ads", "campaign", "q1-emea"))
        .build();
  }

  static JourneySnapshot snapshot(Signal signal) {
    FeatureSet features = TenFeatures.features(false);
    FeatureSnapshot folded = FeatureSnapshot.EMPTY;
    for (int i = 0; i < 5; i++) {
      folded =
          features.fold(
              folded,
              Signal.builder()
                  .id("view-" + i)
                  .subject(signal.subject())
                  .type(i % 2 == 0 ? SignalTypes.PRICING_PAGE_VIEWED : SignalTypes.CONTENT_ENGAGED)
                  .occurredAt(NOW.minusSeconds(3_600L * (5 - i)))
                  .source("hubspot")
                  .attribute("pageUrl", "https://example.com/page-" + i)
                  .attribute("fitScore", 70 + i)
                  .build());
    }
    return JourneySnapshot.initial(signal.subject(), JourneyModel.NURTURE, NOW.minusSeconds(86_400))
        .toBuilder()
        .property(JourneySnapshot.OWNER, "owner-17", "lead-handoff", NOW.minusSeconds(3_600))
        .property("lifecycle", "marketingqualifiedlead", "hubspot", NOW.minusSeconds(7_200))
        .timer(new PendingTimer("sla:first-touch", NOW.plusSeconds(7_200), 3, Map.of("policy", "first-touch")))
        .timer(new PendingTimer("recycle", NOW.plusSeconds(30L * 86_400), 1, Map.of()))
        .suppression(new Suppression("nurture", "sales-engaged", NOW.plusSeconds(14L * 86_400)))
        .counter("tasks.today", 2)
        .counter("touches", 5)
        .ruleSet("lead-handoff@2")
        .version(12)
        .features(folded)
        .build();
  }

  static Decision decision(Signal signal, JourneySnapshot before) {
    return Decision.builder(before, signal, NOW, new RuleSetRef("lead-handoff", "2", "9f2c4e1a"))
        .fired("demo request qualifies")
        .fired("route to emea pool")
        .transitionTo(JourneyModel.SALES_ENGAGED)
        .assignOwner("owner-17", "round robin pool emea")
        .createTask("Call back", "Demo requested from the pricing page", NOW.plusSeconds(7_200))
        .suppress("nurture", "sales-engaged")
        .startTimer("sla:first-touch", NOW.plusSeconds(7_200), Map.of("policy", "first-touch"))
        .cancelTimer("nurture-drip")
        .increment("tasks.today", 1)
        .route("inbound")
        .build();
  }

  @Benchmark
  public String writeSnapshot(Documents d) throws IOException {
    return d.json.writeValueAsString(d.snapshot);
  }

  @Benchmark
  public JourneySnapshot readSnapshot(Documents d) throws IOException {
    return d.json.readValue(d.snapshotJson, JourneySnapshot.class);
  }

  @Benchmark
  public String writeAudit(Documents d) throws IOException {
    return d.json.writeValueAsString(d.audit);
  }

  @Benchmark
  public AuditRecord readAudit(Documents d) throws IOException {
    return d.json.readValue(d.auditJson, AuditRecord.class);
  }

  @Benchmark
  public byte[] writeAction(Documents d) throws IOException {
    return d.json.writeValueAsBytes(d.action);
  }

  @Benchmark
  public Action readAction(Documents d) throws IOException {
    return d.json.readValue(d.actionJson, Action.class);
  }

  @Benchmark
  public String writeOutboxEntry(Documents d) throws IOException {
    return d.json.writeValueAsString(d.entry);
  }

  @Benchmark
  public String writeSignal(Documents d) throws IOException {
    return d.json.writeValueAsString(d.signal);
  }

  @Benchmark
  public Signal readSignal(Documents d) throws IOException {
    return d.json.readValue(d.signalJson, Signal.class);
  }

  /** The four documents of one durable commit: snapshot, timer, outbox entry, audit record. */
  @Benchmark
  public int writeCommit(Documents d) throws IOException {
    return d.json.writeValueAsString(d.snapshot).length()
        + d.json.writeValueAsString(d.snapshot.timers().get("sla:first-touch")).length()
        + d.json.writeValueAsString(d.entry).length()
        + d.json.writeValueAsString(d.audit).length();
  }
}
