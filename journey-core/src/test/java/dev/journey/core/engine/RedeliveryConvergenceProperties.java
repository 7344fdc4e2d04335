package dev.journey.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.fixture.MutableClock;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.state.JourneyModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Redelivery is harmless: the engine converges to what the deduplicated stream produces. */
final class RedeliveryConvergenceProperties {
  private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  private static final List<String> TYPES =
      List.of(SignalTypes.DEMO_REQUESTED, SignalTypes.SALES_ACTIVITY, SignalTypes.FORM_SUBMITTED, "JUMP");

  record Step(int subject, String type, int minutesLater) {}

  @Provide
  Arbitrary<List<Step>> streams() {
    Arbitrary<Step> step =
        Combinators.combine(
                Arbitraries.integers().between(0, 3),
                Arbitraries.of(TYPES),
                Arbitraries.integers().between(0, 90))
            .as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(40);
  }

  private static List<Signal> signals(List<Step> steps) {
    List<Signal> signals = new ArrayList<>();
    Instant at = START;
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      at = at.plus(Duration.ofMinutes(s.minutesLater()));
      signals.add(Signal.builder().id("s-" + i).subject(SubjectRef.contact("c" + s.subject()))
          .type(s.type()).occurredAt(at).source("test").attribute("form", "f" + (i % 3)).build());
    }
    return signals;
  }

  /** Inserts 0-3 redeliveries of each signal at random later positions. */
  private static List<Signal> withRedeliveries(List<Signal> unique, long seed) {
    Random random = new Random(seed);
    List<Signal> out = new ArrayList<>(unique);
    for (Signal signal : unique) {
      int copies = random.nextInt(4);
      for (int c = 0; c < copies; c++) {
        int first = out.indexOf(signal);
        out.add(first + 1 + random.nextInt(out.size() - first), signal);
      }
    }
    return out;
  }

  private static InMemoryJourneyStore run(List<Signal> signals) {
    MutableClock clock = MutableClock.at(START.toString());
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    JourneyEngine engine =
        JourneyEngine.builder().definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), TestRules.rules())).store(store).clock(clock).build();
    Instant latest = START;
    for (Signal signal : signals) {
      // time only moves forward; a redelivery arrives later than the original
      latest = signal.occurredAt().isAfter(latest) ? signal.occurredAt() : latest;
      clock.set(latest);
      engine.fireDueTimers();
      engine.accept(signal);
    }
    return store;
  }

  @Property(tries = 200)
  void redelivered_streams_converge_to_the_deduplicated_result(
      @ForAll("streams") List<Step> steps, @ForAll long seed) {
    // given
    List<Signal> unique = signals(steps);
    List<Signal> redelivered = withRedeliveries(unique, seed);
    // when
    InMemoryJourneyStore once = run(unique);
    InMemoryJourneyStore many = run(redelivered);
    // then
    assertThat(many.snapshots()).isEqualTo(once.snapshots());
    Set<String> onceIds = once.pendingActions().stream().map(OutboxEntry::actionId).collect(Collectors.toSet());
    Set<String> manyIds = many.pendingActions().stream().map(OutboxEntry::actionId).collect(Collectors.toSet());
    assertThat(manyIds).isEqualTo(onceIds);
    assertThat(many.pendingActions()).hasSameSizeAs(once.pendingActions());
  }
}
