package dev.journey.hubspot.bench;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.SetProperty;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.OutboxRelay;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.state.JourneyModel;
import dev.journey.hubspot.HubSpotConfig;
import dev.journey.hubspot.HubSpotExecutor;
import dev.journey.hubspot.TokenProvider;
import dev.journey.testkit.fake.FakeHubSpot;
import dev.journey.testkit.fake.FakeHubSpot.RecordedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * A manual throughput harness (not a test): pushes N property writes through the real pipeline
 * (engine → outbox → OutboxRelay → HubSpotExecutor → FakeHubSpot on loopback), in real time,
 * with the fake enforcing the same 10-second limit the executor is configured with, and reports
 * records per second, requests, the most requests seen in any rolling 10 s, and how many 429s
 * the fake had to send (must be 0).
 *
 * <p>Run from the repository root:
 *
 * <pre>
 * mvn -q -o -pl journey-hubspot -am -Pthroughput test-compile
 * </pre>
 *
 * Arguments through {@code -Dthroughput.args="<records> <perTenSeconds> <maxBatchSize>"}, default
 * {@code 20000 100 100}.
 */
public final class ThroughputHarness {
  private ThroughputHarness() {}

  /**
   * Runs the harness.
   *
   * @param args records, requests per 10 s, inputs per batch
   */
  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int perTenSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    Clock clock = Clock.systemUTC();
    try (FakeHubSpot hubspot = FakeHubSpot.builder().clock(clock).rateLimit(perTenSeconds, 0).start()) {
      for (int i = 0; i < records; i++) {
        hubspot.addContact(Integer.toString(1_000_000 + i));
      }
      InMemoryJourneyStore store = InMemoryJourneyStore.create();
      JavaRuleSet rules = JavaRuleSet.builder("throughput", "1")
          .rule("write score", f -> true,
              (f, d) -> d.action(id -> new SetProperty(id, f.signal().subject(), "journey_score", "42")))
          .build();
      JourneyEngine engine =
          JourneyEngine.builder().store(store).definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), rules)).clock(clock).build();
      HubSpotExecutor executor = HubSpotExecutor.create(
          HubSpotConfig.builder(TokenProvider.ofStatic(FakeHubSpot.TOKEN))
              .baseUri(hubspot.baseUri())
              .rateLimit(perTenSeconds, 0)
              .maxBatchSize(batch)
              .clock(clock)
              .build());
      OutboxRelay relay = OutboxRelay.builder(store, executor)
          .clock(clock)
          .batchSize(batch)
          .maxAttempts(1_000)
          .initialBackoff(Duration.ofMillis(100))
          .maxBackoff(Duration.ofSeconds(10))
          .build();
      for (int i = 0; i < records; i++) {
        engine.accept(Signal.builder().id("s" + i).subject(SubjectRef.contact(Integer.toString(1_000_000 + i)))
            .type("SCORE").occurredAt(clock.instant()).build());
      }
      Instant start = clock.instant();
      while (true) {
        int attempted = relay.runOnce();
        if (attempted > 0) {
          continue;
        }
        List<OutboxEntry> left = store.pendingActions();
        if (left.isEmpty()) {
          break;
        }
        Instant next = left.stream().map(OutboxEntry::nextAttemptAt).min(Instant::compareTo).orElseThrow();
        long wait = Duration.between(clock.instant(), next).toMillis();
        Thread.sleep(Math.max(1, Math.min(wait, 200)));
      }
      Duration elapsed = Duration.between(start, clock.instant());
      List<RecordedRequest> requests = hubspot.requests();
      int peak = 0;
      Deque<Instant> window = new ArrayDeque<>();
      for (RecordedRequest r : requests) {
        window.addLast(r.at());
        while (!window.peekFirst().isAfter(r.at().minusSeconds(10))) {
          window.pollFirst();
        }
        peak = Math.max(peak, window.size());
      }
      long written = 0;
      for (int i = 0; i < records; i++) {
        if ("42".equals(hubspot.contact(Integer.toString(1_000_000 + i)).orElseThrow().get("journey_score"))) {
          written++;
        }
      }
      // requests and records per 10-second bucket from the first request
      java.util.TreeMap<Long, long[]> buckets = new java.util.TreeMap<>();
      Instant first = requests.isEmpty() ? start : requests.get(0).at();
      for (RecordedRequest r : requests) {
        long bucket = Duration.between(first, r.at()).toMillis() / 10_000;
        long inputs = r.body().split("\"objectWriteTraceId\"", -1).length - 1;
        long[] b = buckets.computeIfAbsent(bucket, k -> new long[2]);
        b[0]++;
        b[1] += inputs;
      }
      buckets.forEach((k, v) -> System.out.printf(Locale.ROOT,
          "window %3d-%3ds: %d requests, %d records%n", k * 10, k * 10 + 10, v[0], v[1]));
      double seconds = elapsed.toMillis() / 1000.0;
      System.out.printf(Locale.ROOT,
          "records=%d written=%d dead=%d elapsed=%.1fs records/s=%.0f requests=%d peakRequestsPer10s=%d"
              + " limitPer10s=%d ideal records/s=%d fake429s=%d%n",
          records, written, store.deadLetters().size(), seconds, written / seconds, requests.size(), peak,
          perTenSeconds, perTenSeconds * batch / 10, hubspot.rateLimitedCount());
    }
  }
}
