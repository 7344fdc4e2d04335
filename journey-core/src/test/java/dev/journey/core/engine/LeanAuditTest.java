package dev.journey.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.fixture.MutableClock;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.Commit;
import dev.journey.core.spi.CommitResult;
import dev.journey.core.spi.JourneyStore;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A store that keeps no audit ({@code keepsAudit()} false) gets commits without an audit record,
 * unless a listener needs the record; a store that keeps audit always gets it, and refuses a
 * commit without one before it writes anything.
 */
final class LeanAuditTest {
  private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  private static final SubjectRef ADA = SubjectRef.contact("1001");

  private final MutableClock clock = MutableClock.at(START.toString());

  /** The store, every commit it is handed recorded in {@code seen}. */
  private static JourneyStore recording(InMemoryJourneyStore store, List<Commit> seen) {
    return (JourneyStore)
        Proxy.newProxyInstance(
            JourneyStore.class.getClassLoader(),
            new Class<?>[] {JourneyStore.class},
            (proxy, method, args) -> {
              if (method.getName().equals("commit") && args.length == 1) {
                seen.add((Commit) args[0]);
              }
              try {
                return method.invoke(store, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private JourneyEngine engine(JourneyStore store, JourneyListener... listeners) {
    JourneyEngine.Builder b =
        JourneyEngine.builder()
            .definition(
                JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), TestRules.rules()))
            .store(store)
            .clock(clock);
    for (JourneyListener listener : listeners) {
      b.listener(listener);
    }
    return b.build();
  }

  private Signal signal(String id, String type) {
    return Signal.builder()
        .id(id)
        .subject(ADA)
        .type(type)
        .occurredAt(clock.instant())
        .source("test")
        .build();
  }

  @Test
  void should_commit_without_an_audit_record_when_the_store_keeps_none_and_no_one_listens() {
    // given
    InMemoryJourneyStore lean = InMemoryJourneyStore.builder().auditPerSubject(0).build();
    List<Commit> seen = new ArrayList<>();
    JourneyEngine engine = engine(recording(lean, seen));
    // when
    SignalResult first = engine.accept(signal("demo-1", SignalTypes.DEMO_REQUESTED));
    SignalResult again = engine.accept(signal("demo-1", SignalTypes.DEMO_REQUESTED));
    // then
    assertThat(lean.keepsAudit()).isFalse();
    assertThat(first.status()).isEqualTo(SignalResult.Status.DECIDED);
    assertThat(again.status()).isEqualTo(SignalResult.Status.DUPLICATE);
    assertThat(seen).singleElement().satisfies(c -> {
      assertThat(c.hasAudit()).isFalse();
      assertThat(c.audits()).isEmpty();
      assertThat(c.recordedAt()).isEqualTo(START);
    });
    assertThat(lean.load(ADA)).get().extracting(JourneySnapshot::state)
        .isEqualTo(JourneyModel.SALES_ENGAGED);
    assertThat(lean.lookup(ADA, "demo-1").inbox()).get()
        .satisfies(r -> assertThat(r.receivedAt()).isEqualTo(START));
  }

  @Test
  void should_build_the_audit_record_for_a_listener_when_the_store_keeps_none() {
    // given
    InMemoryJourneyStore lean = InMemoryJourneyStore.builder().auditPerSubject(0).build();
    List<Commit> seen = new ArrayList<>();
    List<AuditRecord> told = new ArrayList<>();
    JourneyListener listener = new JourneyListener() {
      @Override
      public void onCommitted(AuditRecord record) {
        told.add(record);
      }
    };
    JourneyEngine engine = engine(recording(lean, seen), listener);
    // when
    engine.accept(signal("demo-1", SignalTypes.DEMO_REQUESTED));
    // then
    assertThat(seen).singleElement().satisfies(c -> assertThat(c.hasAudit()).isTrue());
    assertThat(told).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(AuditRecord.Outcome.DECIDED);
      assertThat(r.recordedAt()).isEqualTo(START);
      assertThat(r.journey()).contains("lead-handoff");
    });
  }

  @Test
  void should_commit_the_audit_record_when_the_store_keeps_audit() {
    // given
    InMemoryJourneyStore full = InMemoryJourneyStore.create();
    List<Commit> seen = new ArrayList<>();
    JourneyEngine engine = engine(recording(full, seen));
    // when
    engine.accept(signal("demo-1", SignalTypes.DEMO_REQUESTED));
    // then
    assertThat(full.keepsAudit()).isTrue();
    assertThat(seen).singleElement().satisfies(c -> {
      assertThat(c.hasAudit()).isTrue();
      assertThat(c.recordedAt()).isEqualTo(c.audit().recordedAt());
    });
    assertThat(full.audit(ADA)).singleElement()
        .satisfies(r -> assertThat(r.journey()).contains("lead-handoff"));
  }

  @Test
  void should_refuse_a_commit_without_audit_before_writing_when_the_store_keeps_audit() {
    // given
    InMemoryJourneyStore full = InMemoryJourneyStore.create();
    Signal s = signal("demo-1", SignalTypes.DEMO_REQUESTED);
    JourneySnapshot after = JourneySnapshot.initial(ADA, JourneyModel.NURTURE, START).toBuilder()
        .version(1).build();
    Commit bare = Commit.withoutAudit(s, 0, after, List.of(), List.of(), List.of(), START);
    // then
    assertThatThrownBy(() -> full.commit(bare))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("demo-1")
        .hasMessageContaining("keepsAudit");
    assertThat(full.load(ADA)).isEmpty();
    assertThat(full.lookup(ADA, "demo-1").inbox()).isEmpty();
    // and a store that keeps none takes it
    InMemoryJourneyStore lean = InMemoryJourneyStore.builder().auditPerSubject(0).build();
    assertThat(lean.commit(bare)).isEqualTo(CommitResult.COMMITTED);
    assertThat(lean.load(ADA)).contains(after);
  }

  @Test
  void should_take_recorded_at_from_the_audit_record_and_refuse_one_that_differs() {
    // given
    Signal s = signal("demo-1", SignalTypes.DEMO_REQUESTED);
    JourneySnapshot before = JourneySnapshot.initial(ADA, JourneyModel.NURTURE, START);
    AuditRecord audit =
        AuditRecord.applied(
            s, before, dev.journey.core.decision.Decision.noop(before, s, START,
                new dev.journey.core.decision.RuleSetRef("r", "1", "h"), "nothing"), START);
    // when
    Commit commit = new Commit(s, 0, before, List.of(), List.of(), audit, List.of());
    // then
    assertThat(commit.recordedAt()).isEqualTo(START);
    assertThat(commit.audits()).containsExactly(audit);
    assertThatThrownBy(
            () -> new Commit(s, 0, before, List.of(), List.of(), audit, List.of(), List.of(),
                START.plusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("differs from the audit record");
    assertThatThrownBy(
            () -> new Commit(s, 0, before, List.of(), List.of(), null, List.of(), List.of(audit),
                START))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Commit(s, 0, before, List.of(), List.of(), null, List.of()))
        .isInstanceOf(NullPointerException.class);
  }
}
