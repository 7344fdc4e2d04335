package dev.journey.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.fixture.MutableClock;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.state.JourneyModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Live and log measurements agree for any stream, and both agree with a plain reference model. */
final class MetricsCollectorProperties {
  private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  private static final List<String> TYPES =
      List.of(SignalTypes.DEMO_REQUESTED, SignalTypes.SALES_ACTIVITY, SignalTypes.MEETING_BOOKED,
          SignalTypes.CONTENT_ENGAGED, SignalTypes.FORM_SUBMITTED);
  private static final List<String> SEGMENTS = List.of("SMB", "ENTERPRISE", "");

  record Step(int subject, String type, String segment, int minutesLater) {}

  @Provide
  Arbitrary<List<Step>> streams() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 4), Arbitraries.of(TYPES), Arbitraries.of(SEGMENTS),
            Arbitraries.integers().between(0, 600))
        .as(Step::new)
        .list().ofMinSize(1).ofMaxSize(60);
  }

  private static final JavaRuleSet RULES =
      JavaRuleSet.builder("p", "1")
          .rule("handoff", f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED)
                  && !f.snapshot().state().equals(JourneyModel.OPPORTUNITY_ACTIVE),
              (f, d) -> d.transitionTo(JourneyModel.SALES_ENGAGED).assignOwner("o-" + f.signal().subject().id(), "p"))
          .rule("meeting", f -> f.signal().type().equals(SignalTypes.MEETING_BOOKED)
                  && f.snapshot().state().equals(JourneyModel.SALES_ENGAGED),
              (f, d) -> d.transitionTo(JourneyModel.OPPORTUNITY_ACTIVE))
          .rule("recycle", f -> f.signal().type().equals(SignalTypes.CONTENT_ENGAGED)
                  && f.snapshot().state().equals(JourneyModel.NURTURE),
              (f, d) -> d.transitionTo(JourneyModel.RECYCLED).recycle("LOW_INTENT"))
          .build();

  private static final MetricsDefinition DEFINITION = MetricsDefinition.leadHandoff().build();

  private record Run(InMemoryJourneyStore store, Measurements live, List<Signal> signals) {}

  private static Run run(List<Step> steps) {
    MutableClock clock = MutableClock.at(START.toString());
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    MetricsCollector live = MetricsCollector.create(DEFINITION);
    JourneyEngine engine = JourneyEngine.builder()
        .definition(JourneyDefinition.builder("p").model(JourneyModel.leadHandoff()).evaluator(RULES).build())
        .store(store).clock(clock).listener(live).build();
    List<Signal> signals = new ArrayList<>();
    Instant at = START;
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      at = at.plus(Duration.ofMinutes(s.minutesLater()));
      clock.set(at);
      Signal.Builder b = Signal.builder().id("s-" + i).subject(SubjectRef.contact("c" + s.subject()))
          .type(s.type()).occurredAt(at).source("test");
      if (!s.segment().isEmpty()) {
        b.attribute("segment", s.segment());
      }
      Signal signal = b.build();
      signals.add(signal);
      engine.accept(signal);
    }
    return new Run(store, live.measurements(), signals);
  }

  @Property(tries = 150)
  void should_measure_the_same_from_the_log_in_any_interleaving_of_subjects(
      @ForAll("streams") List<Step> steps, @ForAll long seed) {
    // given
    Run run = run(steps);
    Map<SubjectRef, List<AuditRecord>> bySubject = new TreeMap<>();
    run.signals().forEach(s -> bySubject.computeIfAbsent(s.subject(), run.store()::audit));
    // when: merge the per-subject logs in a random interleaving that keeps each subject's order
    Random random = new Random(seed);
    List<List<AuditRecord>> queues = new ArrayList<>();
    bySubject.values().forEach(l -> queues.add(new ArrayList<>(l)));
    List<AuditRecord> log = new ArrayList<>();
    while (!queues.isEmpty()) {
      int q = random.nextInt(queues.size());
      log.add(queues.get(q).remove(0));
      if (queues.get(q).isEmpty()) {
        queues.remove(q);
      }
    }
    // then
    assertThat(MetricsCollector.of(DEFINITION, log)).isEqualTo(run.live());
  }

  @Property(tries = 150)
  void should_agree_with_a_reference_model_of_the_funnel(@ForAll("streams") List<Step> steps) {
    // given
    Run run = run(steps);

    // when: a plain simulation of the same rules
    Map<String, String> state = new HashMap<>();
    Map<String, String> segment = new HashMap<>();
    Map<String, Map<String, Instant>> reached = new HashMap<>();
    long recycles = 0;
    for (Signal s : run.signals()) {
      String id = s.subject().id();
      String st = state.getOrDefault(id, JourneyModel.NURTURE);
      s.stringAttribute("segment").ifPresent(v -> segment.put(id, v));
      Map<String, Instant> r = reached.computeIfAbsent(id, k -> new LinkedHashMap<>());
      String next = st;
      if (s.type().equals(SignalTypes.DEMO_REQUESTED) && !st.equals(JourneyModel.OPPORTUNITY_ACTIVE)) {
        next = JourneyModel.SALES_ENGAGED;
      } else if (s.type().equals(SignalTypes.MEETING_BOOKED) && st.equals(JourneyModel.SALES_ENGAGED)) {
        next = JourneyModel.OPPORTUNITY_ACTIVE;
      } else if (s.type().equals(SignalTypes.CONTENT_ENGAGED) && st.equals(JourneyModel.NURTURE)) {
        next = JourneyModel.RECYCLED;
        recycles++;
      }
      if (!next.equals(st) && next.equals(JourneyModel.SALES_ENGAGED)) {
        r.putIfAbsent("handoff", s.occurredAt());
      }
      if (r.containsKey("handoff")) {
        if (s.type().equals(SignalTypes.SALES_ACTIVITY)) {
          r.putIfAbsent("first touch", s.occurredAt());
        }
        if (s.type().equals(SignalTypes.MEETING_BOOKED)) {
          r.putIfAbsent("meeting", s.occurredAt());
        }
        if (!next.equals(st) && next.equals(JourneyModel.OPPORTUNITY_ACTIVE)) {
          r.putIfAbsent("opportunity", s.occurredAt());
        }
      }
      state.put(id, next);
    }

    // then
    Map<String, Slice> bySegment = run.live().by(Dimension.SEGMENT);
    assertThat(bySegment.keySet()).containsExactlyInAnyOrderElementsOf(
        reached.keySet().stream().map(id -> segment.getOrDefault(id, Measurements.UNKNOWN)).distinct().toList());
    for (String seg : bySegment.keySet()) {
      List<String> members = reached.keySet().stream()
          .filter(id -> segment.getOrDefault(id, Measurements.UNKNOWN).equals(seg)).toList();
      for (String milestone : List.of("handoff", "first touch", "meeting", "opportunity")) {
        long expected = members.stream().filter(id -> reached.get(id).containsKey(milestone)).count();
        assertThat(bySegment.get(seg).count(milestone)).as(seg + " " + milestone).isEqualTo(expected);
      }
      List<Duration> ttft = members.stream().filter(id -> reached.get(id).containsKey("first touch"))
          .map(id -> Duration.between(reached.get(id).get("handoff"), reached.get(id).get("first touch")))
          .sorted().toList();
      assertThat(bySegment.get(seg).wallClock().get("time to first touch").values()).isEqualTo(ttft);
    }
    assertThat(run.live().overall().count(Dispositions.Exit.RECYCLE, "LOW_INTENT")).isEqualTo(recycles);
    assertThat(run.live().reasonsOverTime().stream()
            .filter(r -> r.disposition().code().equals("LOW_INTENT")).mapToLong(Measurements.ReasonRow::count).sum())
        .as("the recycles over time add up to the reference model's").isEqualTo(recycles);
  }
}
