package dev.journey.hubspot;

import dev.journey.testkit.clock.VirtualClock;
import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.Action;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.OutboxRelay;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.spi.DeadLetter;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.state.JourneyModel;
import dev.journey.testkit.fake.FakeHubSpot;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The real pipeline for tests: engine → in-memory outbox → core OutboxRelay → HubSpotExecutor →
 * FakeHubSpot, on one virtual clock. Actions are put in the outbox through the engine by a rule
 * that emits whatever the test registered for the signal.
 */
final class RelayRig implements AutoCloseable {
  static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

  final VirtualClock clock = VirtualClock.at(START);
  final InMemoryJourneyStore store = InMemoryJourneyStore.create();
  final FakeHubSpot hubspot;
  final HubSpotExecutor executor;
  final OutboxRelay relay;
  final JourneyEngine engine;
  private final Map<String, List<Function<String, Action>>> pending = new ConcurrentHashMap<>();
  private final AtomicInteger signals = new AtomicInteger();

  RelayRig(UnaryOperator<HubSpotConfig.Builder> config, int maxAttempts) throws IOException {
    this(config, maxAttempts, 100, 250_000);
  }

  RelayRig(UnaryOperator<HubSpotConfig.Builder> config, int maxAttempts, int perTenSeconds, long perDay)
      throws IOException {
    this(config, f -> f, maxAttempts, perTenSeconds, perDay);
  }

  RelayRig(UnaryOperator<HubSpotConfig.Builder> config, UnaryOperator<FakeHubSpot.Builder> fake, int maxAttempts,
      int perTenSeconds, long perDay) throws IOException {
    hubspot = fake.apply(FakeHubSpot.builder().clock(clock).rateLimit(perTenSeconds, perDay)).start();
    executor = HubSpotExecutor.create(
        config.apply(HubSpotConfig.builder(TokenProvider.ofStatic(FakeHubSpot.TOKEN))
            .baseUri(hubspot.baseUri())
            .rateLimit(perTenSeconds, perDay)
            .clock(clock))
            .build());
    relay = OutboxRelay.builder(store, executor).clock(clock).maxAttempts(maxAttempts).build();
    JavaRuleSet rules = JavaRuleSet.builder("hubspot-test", "1")
        .rule("emit registered actions", f -> pending.containsKey(f.signal().id()),
            (f, d) -> pending.get(f.signal().id()).forEach(d::action))
        .build();
    engine = JourneyEngine.builder().store(store).definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), rules)).clock(clock).build();
  }

  /** Commits the actions (built from their deterministic ids) for one subject, in order. */
  void submit(SubjectRef subject, Function<String, Action> action) {
    submit(subject, List.of(action));
  }

  void submit(SubjectRef subject, Function<String, Action> first, Function<String, Action> second) {
    submit(subject, List.of(first, second));
  }

  void submit(SubjectRef subject, List<Function<String, Action>> actions) {
    String id = "test-" + signals.incrementAndGet();
    pending.put(id, List.copyOf(actions));
    engine.accept(Signal.builder().id(id).subject(subject).type("TEST").occurredAt(clock.instant()).build());
  }

  /** Runs the relay, moving the clock to the next due retry, until the outbox is empty. */
  int runToCompletion() {
    int rounds = 0;
    while (rounds++ < 10_000) {
      relay.drain();
      List<OutboxEntry> left = store.pendingActions();
      if (left.isEmpty()) {
        return rounds;
      }
      // only the head of each subject's queue can be claimed
      Map<SubjectRef, Instant> heads = new java.util.HashMap<>();
      left.forEach(e -> heads.putIfAbsent(e.subject(), e.nextAttemptAt()));
      Instant next = heads.values().stream().min(Instant::compareTo).orElseThrow();
      clock.set(next.isAfter(clock.instant()) ? next : clock.instant().plus(Duration.ofMillis(1)));
    }
    Map<String, Long> calls = new java.util.TreeMap<>();
    hubspot.requests().forEach(r -> calls.merge(r.operation(), 1L, Long::sum));
    throw new AssertionError("outbox did not drain: " + store.pendingActions() + "; requests: " + calls);
  }

  List<DeadLetter> deadLetters() {
    return store.deadLetters();
  }

  @Override
  public void close() {
    hubspot.close();
  }
}
