package dev.journey.hubspot.bench;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.CreateTask;
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
import dev.journey.testkit.fake.FakeHubSpot.AssociationRecord;
import dev.journey.testkit.fake.FakeHubSpot.RecordedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A manual throughput harness (not a test; it waits in real time): pushes actions through the
 * real pipeline (engine → outbox → OutboxRelay → HubSpotExecutor → FakeHubSpot on loopback),
 * with the fake enforcing the same 10-second limit the executor is configured with and holding
 * each answer for a real-world latency. It offers more work than the limit allows and reports
 * the records completed by requests sent in the first {@code seconds} seconds (the sustained
 * rate), the most requests seen in any rolling 10 s, and how many 429s the fake had to send.
 * For tasks it also checks that every created task is associated with its contact.
 *
 * <p>Run from the repository root:
 *
 * <pre>
 * mvn -q -o -pl journey-hubspot -am -Pthroughput test-compile -Dthroughput.args="set 60 100 200"
 * mvn -q -o -pl journey-hubspot -am -Pthroughput test-compile -Dthroughput.args="task 60 100 200"
 * </pre>
 *
 * Arguments: {@code <set|task> <seconds> <perTenSeconds> <latencyMillis> [maxInFlight] [relayWorkers]}.
 */
public final class ThroughputHarness {
  private ThroughputHarness() {}

  /**
   * Runs the harness.
   *
   * @param args kind, seconds, requests per 10 s, latency in ms, requests in flight
   */
  public static void main(String[] args) throws Exception {
    String kind = args.length > 0 ? args[0] : "set";
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    int perTenSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    int latency = args.length > 3 ? Integer.parseInt(args[3]) : 200;
    int inFlight = args.length > 4 ? Integer.parseInt(args[4]) : HubSpotConfig.DEFAULT_MAX_IN_FLIGHT;
    int relayWorkers = args.length > 5 ? Integer.parseInt(args[5]) : 4;
    boolean tasks = kind.equals("task");
    int perRequest = 100;
    int requestsPerRecordBatch = tasks ? 2 : 1;
    // offer 50 % more than the limit allows in the measured span, so the pipeline never runs dry;
    // the harness then drains everything, so the final checks see every action finished
    int records = (int) (perTenSeconds / 10.0 * seconds * perRequest / requestsPerRecordBatch * 1.5) + 1000;
    Clock clock = Clock.systemUTC();
    try (FakeHubSpot hubspot = FakeHubSpot.builder().clock(clock).rateLimit(perTenSeconds, 0)
        .latency(Duration.ofMillis(latency)).start()) {
      for (int i = 0; i < records; i++) {
        hubspot.addContact(Integer.toString(1_000_000 + i));
      }
      InMemoryJourneyStore store = InMemoryJourneyStore.create();
      JavaRuleSet rules = JavaRuleSet.builder("throughput", "1")
          .rule("one action per signal", f -> true,
              (f, d) -> d.action(id -> tasks
                  ? new CreateTask(id, f.signal().subject(), "Call back", "", f.now().plusSeconds(3600), "HIGH",
                      "CALL", Map.of())
                  : new SetProperty(id, f.signal().subject(), "journey_score", "42")))
          .build();
      JourneyEngine engine =
          JourneyEngine.builder().store(store).definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), rules)).clock(clock).build();
      HubSpotExecutor executor = HubSpotExecutor.create(
          HubSpotConfig.builder(TokenProvider.ofStatic(FakeHubSpot.TOKEN))
              .baseUri(hubspot.baseUri())
              .rateLimit(perTenSeconds, 0)
              .maxBatchSize(perRequest)
              .maxInFlight(inFlight)
              .requestTimeout(Duration.ofSeconds(30))
              .clock(clock)
              .build());
      OutboxRelay relay = OutboxRelay.builder(store, executor)
          .clock(clock)
          .batchSize(perRequest * inFlight)
          .maxAttempts(1_000)
          .initialBackoff(Duration.ofMillis(100))
          .maxBackoff(Duration.ofSeconds(10))
          .build();
      for (int i = 0; i < records; i++) {
        engine.accept(Signal.builder().id("s" + i).subject(SubjectRef.contact(Integer.toString(1_000_000 + i)))
            .type("WORK").occurredAt(clock.instant()).build());
      }
      Instant start = clock.instant();
      Instant stop = start.plusSeconds(seconds * 3L); // bound: the offered work drains well before
      // several relay workers, as a deployment would run them: each blocks while its requests are in
      // flight, so one worker alone would leave window slots unused whenever they free one by one
      java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
      List<Thread> workers = new java.util.ArrayList<>();
      for (int w = 0; w < relayWorkers; w++) {
        Thread t = new Thread(() -> {
          while (!finished.get() && clock.instant().isBefore(stop)) {
            if (relay.runOnce() == 0) {
              try {
                Thread.sleep(5);
              } catch (InterruptedException e) {
                return;
              }
            }
          }
        }, "relay-" + w);
        t.start();
        workers.add(t);
      }
      while (clock.instant().isBefore(stop)) {
        Thread.sleep(1000);
        if (store.pendingActions().isEmpty()) {
          break;
        }
      }
      finished.set(true);
      for (Thread t : workers) {
        t.join(30_000);
      }
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
      Instant first = requests.isEmpty() ? start : requests.get(0).at();
      Instant end = first.plusSeconds(seconds);
      String counted = tasks ? "/crm/v4/associations/tasks/contacts/batch/create" : "/crm/v3/objects/contacts/batch/update";
      long inSpan = 0;
      TreeMap<Long, long[]> buckets = new TreeMap<>();
      for (RecordedRequest r : requests) {
        long inputs = r.path().equals(counted) ? countInputs(r.body(), tasks) : 0;
        if (r.at().isBefore(end)) {
          inSpan += inputs;
        }
        long[] b = buckets.computeIfAbsent(Duration.between(first, r.at()).toMillis() / 10_000, k -> new long[2]);
        b[0]++;
        b[1] += inputs;
      }
      buckets.forEach((k, v) -> System.out.printf(Locale.ROOT,
          "window %3d-%3ds: %d requests, %d records%n", k * 10, k * 10 + 10, v[0], v[1]));
      // the long-run rate, free of the phase of the measured span: the first k full windows of
      // requests (limit requests each) inside the span, and the time they took
      long sentInSpan = requests.stream().filter(r -> r.at().isBefore(end)).count();
      int k = (int) Math.min((requests.size() - 1) / perTenSeconds, sentInSpan / perTenSeconds);
      double cycleRate = 0;
      if (k > 0) {
        long cycleRecords = 0;
        for (int i = 0; i < k * perTenSeconds; i++) {
          RecordedRequest r = requests.get(i);
          cycleRecords += r.path().equals(counted) ? countInputs(r.body(), tasks) : 0;
        }
        double cycleSeconds = Duration.between(first, requests.get(k * perTenSeconds).at()).toMillis() / 1000.0;
        cycleRate = cycleRecords / cycleSeconds;
      }
      String associated = "";
      if (tasks) {
        Set<String> linked = new HashSet<>();
        for (AssociationRecord a : hubspot.associations()) {
          linked.add(a.fromId());
        }
        long unlinked = hubspot.tasks().keySet().stream().filter(id -> !linked.contains(id)).count();
        associated = String.format(Locale.ROOT, " tasks=%d unassociated=%d", hubspot.tasks().size(), unlinked);
      }
      System.out.printf(Locale.ROOT,
          "kind=%s latency=%dms inFlight=%d workers=%d limitPer10s=%d span=%ds records/s=%.0f longRun records/s=%.0f"
              + " (ideal %d) requests=%d"
              + " peakRequestsPer10s=%d fake429s=%d dead=%d%s%n",
          kind, latency, inFlight, relayWorkers, perTenSeconds, seconds, inSpan / (double) seconds, cycleRate,
          perTenSeconds * perRequest / 10 / requestsPerRecordBatch, requests.size(), peak,
          hubspot.rateLimitedCount(), store.deadLetters().size(), associated);
    }
  }

  private static long countInputs(String body, boolean tasks) {
    return body.split(tasks ? "\"from\"" : "\"objectWriteTraceId\"", -1).length - 1;
  }
}
