package dev.journey.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.fixture.MutableClock;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.DueTimer;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.state.JourneyModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link JourneyEngine#acceptAll} is {@link JourneyEngine#accept} one signal after the other: the
 * reference model is an engine on a store of its own fed the same signals one at a time. Batches
 * hold repeated ids (duplicates and id conflicts inside a batch), several signals of one subject,
 * signals too far in the future and nulls, and are cut into runs of any length.
 */
final class AcceptAllProperties {
  private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  private static final List<String> TYPES =
      List.of(
          SignalTypes.DEMO_REQUESTED, SignalTypes.SALES_ACTIVITY, SignalTypes.FORM_SUBMITTED,
          "JUMP", "TYPO");

  /**
   * One signal of a batch: its id out of a small pool (so ids repeat), subject, type, a form
   * attribute (a repeated id with another form is a conflict), minutes after the start (above 5
   * is beyond the clock skew), or a null in the batch.
   */
  record Item(int id, int subject, String type, int form, int minutes, boolean isNull) {
    Signal signal() {
      if (isNull) {
        return null;
      }
      return Signal.builder().id("s-" + id).subject(SubjectRef.contact("c" + subject)).type(type)
          .occurredAt(START.plus(Duration.ofMinutes(minutes))).source("test")
          .attribute("form", "f" + form).build();
    }
  }

  @Provide
  Arbitrary<List<Item>> batches() {
    Arbitrary<Item> item =
        Combinators.combine(
                Arbitraries.integers().between(0, 40),
                Arbitraries.integers().between(0, 5),
                Arbitraries.of(TYPES),
                Arbitraries.integers().between(0, 1),
                Arbitraries.frequencyOf(
                    net.jqwik.api.Tuple.of(9, Arbitraries.just(0)),
                    net.jqwik.api.Tuple.of(1, Arbitraries.just(30))),
                Arbitraries.frequencyOf(
                    net.jqwik.api.Tuple.of(30, Arbitraries.just(false)),
                    net.jqwik.api.Tuple.of(1, Arbitraries.just(true))))
            .as(Item::new);
    return item.list().ofMinSize(0).ofMaxSize(120);
  }

  private static JourneyEngine engine(InMemoryJourneyStore store) {
    return JourneyEngine.builder()
        .definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), TestRules.rules()))
        .store(store)
        .clock(MutableClock.at(START.toString()))
        .build();
  }

  /** What one signal's accept did: its result, or the class and message of what it threw. */
  private static Object outcome(SignalResult result, RuntimeException failure) {
    if (failure != null) {
      return describe(failure);
    }
    if (result instanceof SignalResult.Rejected r) { // its cause is compared by class and message
      return List.of(r.signal(), r.decision(), r.snapshot(), describe(r.cause()));
    }
    return result;
  }

  private static String describe(Exception e) {
    return e.getClass().getName() + ": " + e.getMessage();
  }

  @Property(tries = 300)
  void accepting_a_batch_is_accepting_its_signals_one_by_one(
      @ForAll("batches") List<Item> items, @ForAll @IntRange(min = 1, max = 70) int run) {
    // given the batch, and the reference: an engine fed the same signals one at a time
    List<Signal> signals = new ArrayList<>();
    for (Item item : items) {
      signals.add(item.signal());
    }
    InMemoryJourneyStore referenceStore = InMemoryJourneyStore.create();
    JourneyEngine reference = engine(referenceStore);
    List<Object> expected = new ArrayList<>();
    for (Signal signal : signals) {
      SignalResult result = null;
      RuntimeException failure = null;
      try {
        result = reference.accept(signal);
      } catch (RuntimeException e) {
        failure = e;
      }
      expected.add(outcome(result, failure));
    }

    // when the batch goes through acceptAll, cut into runs of `run` signals
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    JourneyEngine engine = engine(store);
    List<Accepted> accepted = new ArrayList<>();
    for (int from = 0; from < signals.size(); from += run) {
      accepted.addAll(engine.acceptAll(signals.subList(from, Math.min(signals.size(), from + run))));
    }

    // then every signal has the reference's outcome, and the stores hold the same
    assertThat(accepted).hasSameSizeAs(signals);
    List<Object> actual = new ArrayList<>();
    for (int i = 0; i < accepted.size(); i++) {
      Accepted a = accepted.get(i);
      if (a instanceof Accepted.Processed done) {
        assertThat(done.signal()).isSameAs(signals.get(i));
        actual.add(outcome(done.result(), null));
      } else {
        Accepted.Failed failed = (Accepted.Failed) a;
        assertThat(failed.signal()).isEqualTo(java.util.Optional.ofNullable(signals.get(i)));
        actual.add(outcome(null, failed.failure()));
      }
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(store.snapshots()).isEqualTo(referenceStore.snapshots());
    assertThat(store.pendingActions()).isEqualTo(referenceStore.pendingActions());
    assertThat(audits(store)).isEqualTo(audits(referenceStore));
    assertThat(store.quarantined()).isEqualTo(referenceStore.quarantined());
    assertThat(timers(store)).isEqualTo(timers(referenceStore));
  }

  private static Map<SubjectRef, List<AuditRecord>> audits(InMemoryJourneyStore store) {
    Map<SubjectRef, List<AuditRecord>> all = new TreeMap<>();
    for (int s = 0; s <= 5; s++) {
      all.put(SubjectRef.contact("c" + s), store.audit(SubjectRef.contact("c" + s)));
    }
    return all;
  }

  /** Every pending timer, by claiming them all far in the future (the stores are not used again). */
  private static List<String> timers(InMemoryJourneyStore store) {
    List<String> all = new ArrayList<>();
    for (DueTimer t : store.claimDueTimers(START.plus(Duration.ofDays(365)), Duration.ofMinutes(1), 10_000)) {
      all.add(t.subject() + " " + t.timer());
    }
    all.sort(null);
    return all;
  }

  @Test
  void should_fail_only_the_failing_signal_of_a_batch() {
    // given a batch whose second signal reuses the first one's id with other content
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    JourneyEngine engine = engine(store);
    List<Signal> batch =
        java.util.Arrays.asList(
            new Item(1, 1, SignalTypes.FORM_SUBMITTED, 0, 0, false).signal(),
            new Item(1, 1, SignalTypes.FORM_SUBMITTED, 1, 0, false).signal(),
            null,
            new Item(1, 1, SignalTypes.FORM_SUBMITTED, 0, 0, false).signal(),
            new Item(2, 2, SignalTypes.DEMO_REQUESTED, 0, 0, false).signal());

    // when
    List<Accepted> accepted = engine.acceptAll(batch);

    // then the conflict and the null fail alone; the redelivery is a duplicate; the rest decide
    assertThat(accepted).extracting(Accepted::failed)
        .containsExactly(false, true, true, false, false);
    assertThat(accepted.get(0).resultOrThrow()).isInstanceOf(SignalResult.Decided.class);
    assertThat(((Accepted.Failed) accepted.get(1)).failure())
        .isInstanceOf(dev.journey.core.SignalIdConflictException.class);
    assertThat(accepted.get(2)).isInstanceOfSatisfying(
        Accepted.Failed.class, f -> {
          assertThat(f.signal()).isEmpty();
          assertThat(f.failure()).isInstanceOf(NullPointerException.class);
        });
    assertThat(accepted.get(3).resultOrThrow()).isInstanceOf(SignalResult.Duplicate.class);
    assertThat(accepted.get(4).resultOrThrow()).isInstanceOf(SignalResult.Decided.class);
    assertThatThrownBy(() -> accepted.get(1).resultOrThrow())
        .isSameAs(((Accepted.Failed) accepted.get(1)).failure());
    assertThat(store.load(SubjectRef.contact("c2"))).isPresent();
  }

  @Test
  void should_refuse_an_outcome_without_its_result_or_failure() {
    assertThatThrownBy(() -> new Accepted.Processed(null, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("signal");
    assertThatThrownBy(() -> new Accepted.Failed(java.util.Optional.empty(), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("failure");
  }
}
