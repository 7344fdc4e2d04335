package dev.journey.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.Action;
import dev.journey.core.action.EnrollSequence;
import dev.journey.core.action.UnenrollSequence;
import dev.journey.core.fixture.MutableClock;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.Commit;
import dev.journey.core.spi.CommitResult;
import dev.journey.core.spi.JourneyStore;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.JourneyState;
import dev.journey.core.state.PropertyValue;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Random interleavings of signals and clock advances for contacts in two or three of the {@link
 * Plays} journeys, checked after every step against a sequential reference model written from
 * the plays' rules and the cross-journey policy, independently of the engine. Nurture may be
 * entered again a week after its exit (a new stay), renewal risk never.
 */
final class SeveralJourneysProperties {
  private static final List<String> TYPES =
      List.of(
          SignalTypes.FORM_SUBMITTED,
          SignalTypes.DEMO_REQUESTED,
          SignalTypes.USAGE_DROPPED,
          SignalTypes.MEETING_BOOKED,
          SignalTypes.LIFECYCLE_CHANGED,
          SignalTypes.SALES_ACTIVITY,
          Plays.USAGE_RECOVERED,
          "ADVANCE");
  private static final Map<String, String> OWNERS =
      Map.of("owner", Plays.HANDOFF, "lifecyclestage", Plays.HANDOFF, "nurture_track", Plays.NURTURE);

  /** One step: a signal for a subject, or the clock moving on by some hours (and timers firing). */
  record Step(int subject, String type, int hours) {}

  @Provide
  Arbitrary<List<Step>> interleavings() {
    Arbitrary<Step> step =
        Combinators.combine(
                Arbitraries.integers().between(0, 2),
                // weighted so that nurture's exit, its cool-down and a new form meet often enough
                Arbitraries.frequencyOf(
                    Tuple.of(3, Arbitraries.just(SignalTypes.FORM_SUBMITTED)),
                    Tuple.of(2, Arbitraries.just(SignalTypes.MEETING_BOOKED)),
                    Tuple.of(3, Arbitraries.just("ADVANCE")),
                    Tuple.of(6, Arbitraries.of(TYPES))),
                Arbitraries.integers().between(1, 100))
            .as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(40);
  }

  @Property(tries = 150)
  void should_match_the_sequential_model_with_one_commit_per_signal_owned_writes_and_paused_outreach(
      @ForAll("interleavings") List<Step> steps) {
    MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    InMemoryJourneyStore memory = InMemoryJourneyStore.create();
    AtomicInteger commits = new AtomicInteger();
    JourneyStore store = counting(memory, commits);
    JourneyEngine engine = Plays.engine(true).store(store).clock(clock).build();
    Map<Integer, Model> models = new HashMap<>();
    int id = 0;
    for (Step step : steps) {
      if (step.type().equals("ADVANCE")) {
        clock.advance(Duration.ofHours(step.hours()));
        int before = commits.get();
        int fired = engine.fireDueTimers();
        int expected = 0;
        for (Model model : models.values()) {
          expected += model.fireDue(clock.instant());
        }
        assertThat(fired).isEqualTo(expected);
        assertThat(commits.get() - before).as("one commit per timer firing").isEqualTo(expected);
      } else {
        SubjectRef subject = SubjectRef.contact(String.valueOf(1000 + step.subject()));
        Signal signal =
            Signal.builder()
                .id("s-" + ++id)
                .subject(subject)
                .type(step.type())
                .occurredAt(clock.instant())
                .source("test")
                .build();
        int before = commits.get();
        engine.accept(signal);
        assertThat(commits.get() - before).as("one commit per signal").isEqualTo(1);
        models.computeIfAbsent(step.subject(), s -> new Model()).accept(step.type(), clock.instant());
      }
      for (Map.Entry<Integer, Model> e : models.entrySet()) {
        SubjectRef subject = SubjectRef.contact(String.valueOf(1000 + e.getKey()));
        check(e.getValue(), memory.load(subject).orElseThrow(), memory.audit(subject));
      }
    }
    boolean reentered = models.values().stream().anyMatch(m -> m.reentered);
    Statistics.label("nurture entered again").collect(reentered);
    Statistics.label("nurture entered again")
        .coverage(c -> c.check(true).count(n -> n > 0)); // ~6 % of the tries: some always
  }

  private static void check(Model model, JourneySnapshot snapshot, List<AuditRecord> audits) {
    // the sequential model
    assertThat(snapshot.state()).isEqualTo(model.handoff);
    assertThat(snapshot.journey(Plays.NURTURE).map(JourneyState::state)).isEqualTo(model.nurture);
    if (model.nurture.isPresent() && model.nurture.get().equals("EXITED")) {
      assertThat(snapshot.journey(Plays.NURTURE).orElseThrow().since()).isEqualTo(model.nurtureExited);
    }
    assertThat(snapshot.journey(Plays.RENEWAL).map(JourneyState::state)).isEqualTo(model.renewal);
    assertThat(snapshot.timers().keySet()).isEqualTo(model.timers.keySet());
    Map<String, String> properties = new TreeMap<>();
    snapshot.properties().forEach((k, v) -> properties.put(k, v.value()));
    assertThat(properties).isEqualTo(model.properties);
    List<String> enrolled = new ArrayList<>();
    List<String> unenrolled = new ArrayList<>();
    for (AuditRecord audit : audits) {
      for (Action action : audit.decision().actions()) {
        if (action instanceof EnrollSequence e) {
          enrolled.add(e.sequenceId());
        } else if (action instanceof UnenrollSequence u) {
          unenrolled.add(u.sequenceId());
        }
      }
    }
    assertThat(enrolled).isEqualTo(model.enrolled);
    assertThat(unenrolled).isEqualTo(model.unenrolled);
    // no property is ever written by a journey that does not own it
    for (Map.Entry<String, PropertyValue> p : snapshot.properties().entrySet()) {
      assertThat(p.getValue().writer()).as(p.getKey()).isEqualTo(OWNERS.get(p.getKey()));
    }
    for (AuditRecord audit : audits) {
      for (Action action : audit.decision().actions()) {
        for (String written : Ensemble.written(action, dev.journey.core.spi.ActionEffects.defaults())) {
          assertThat(OWNERS.get(written)).as("writer of " + written).isEqualTo(audit.journey().orElseThrow());
        }
      }
    }
    // no outreach from a marketing journey is kept while the handoff is in sales motion
    for (AuditRecord audit : audits) {
      if (audit.journey().equals(Optional.of(Plays.NURTURE)) && salesMotion(stateAfter(audit, audits))) {
        assertThat(audit.decision().actions()).noneMatch(a -> a instanceof EnrollSequence);
      }
    }
  }

  /** The handoff state once the audited signal was committed. */
  private static String stateAfter(AuditRecord audit, List<AuditRecord> audits) {
    for (AuditRecord a : audits) {
      if (a.signal().id().equals(audit.signal().id()) && a.journey().equals(Optional.of(Plays.HANDOFF))) {
        return a.decision().stateAfter();
      }
    }
    // the handoff did not evaluate the signal (a nurture timer): its state stayed as it was
    return handoffOf(audit, audits);
  }

  private static String handoffOf(AuditRecord audit, List<AuditRecord> audits) {
    String state = JourneyModel.NURTURE;
    for (AuditRecord a : audits) {
      if (a == audit) {
        return state;
      }
      if (a.journey().equals(Optional.of(Plays.HANDOFF))) {
        state = a.decision().stateAfter();
      }
    }
    return state;
  }

  private static boolean salesMotion(String handoff) {
    return handoff.equals(JourneyModel.SALES_ENGAGED) || handoff.equals(JourneyModel.OPPORTUNITY_ACTIVE);
  }

  /** The plays' rules and the policy, for one contact, written down plainly. */
  private static final class Model {
    String handoff = JourneyModel.NURTURE;
    Optional<String> nurture = Optional.empty();
    Optional<String> renewal = Optional.empty();
    Instant nurtureExited = Instant.MIN;
    boolean reentered;
    final Map<String, Instant> timers = new TreeMap<>();
    final Map<String, String> properties = new TreeMap<>();
    final Set<String> running = new java.util.TreeSet<>();
    final List<String> enrolled = new ArrayList<>();
    final List<String> unenrolled = new ArrayList<>();

    boolean inNurture() {
      return nurture.isPresent() && !nurture.get().equals("EXITED");
    }

    boolean inRenewal() {
      return renewal.isPresent() && !renewal.get().equals("RECOVERED");
    }

    void accept(String type, Instant now) {
      boolean salesBefore = salesMotion(handoff);
      switch (type) {
        case SignalTypes.FORM_SUBMITTED -> {
          if (nurture.isEmpty()
              || (nurture.get().equals("EXITED") && !now.isBefore(nurtureExited.plus(Plays.NURTURE_REENTRY)))) {
            reentered |= nurture.isPresent();
            nurture = Optional.of("NEW"); // a new stay: nothing of the old one
          }
          if (nurture.get().equals("NEW")) {
            nurture = Optional.of("ENROLLED");
            properties.put("nurture_track", "content"); // lifecyclestage: not nurture's to write
            enroll("drip-1");
            timers.put("nurture/drip", now.plus(Plays.DRIP));
          }
        }
        case SignalTypes.DEMO_REQUESTED -> {
          if (handoff.equals(JourneyModel.NURTURE)) {
            handoff = JourneyModel.SALES_ENGAGED;
            properties.put("owner", "ae-1"); // renewal risk's owner: not its to write
            properties.put("lifecyclestage", "salesqualifiedlead");
            timers.put("sla", now.plus(Plays.SLA));
          }
        }
        case SignalTypes.USAGE_DROPPED -> {
          if (renewal.isEmpty() || renewal.get().equals("WATCH")) {
            renewal = Optional.of("AT_RISK");
            timers.put("renewal-risk/check", now.plus(Duration.ofDays(7)));
          }
        }
        case SignalTypes.MEETING_BOOKED -> {
          if (inNurture()) {
            nurture = Optional.of("EXITED");
            nurtureExited = now;
            timers.remove("nurture/drip");
          }
        }
        case SignalTypes.LIFECYCLE_CHANGED -> {
          if (handoff.equals(JourneyModel.SALES_ENGAGED)) {
            handoff = JourneyModel.RECYCLED;
            timers.remove("sla");
          }
        }
        case SignalTypes.SALES_ACTIVITY -> timers.remove("sla");
        case Plays.USAGE_RECOVERED -> {
          if (inRenewal() && renewal.get().equals("AT_RISK")) {
            renewal = Optional.of("RECOVERED");
            timers.remove("renewal-risk/check");
          }
        }
        default -> throw new IllegalArgumentException(type);
      }
      if (!salesBefore && salesMotion(handoff)) {
        unenrolled.addAll(running); // the CRM allows unenrolling: the policy does
        running.clear();
      }
    }

    void enroll(String sequence) {
      if (!salesMotion(handoff)) {
        enrolled.add(sequence);
        running.add(sequence);
      }
    }

    /** Fires this contact's due timers; returns how many. */
    int fireDue(Instant now) {
      int fired = 0;
      for (Map.Entry<String, Instant> timer : List.copyOf(timers.entrySet())) {
        if (timer.getValue().isAfter(now)) {
          continue;
        }
        fired++;
        timers.remove(timer.getKey());
        if (timer.getKey().equals("nurture/drip") && inNurture()) {
          enroll("drip-next");
          timers.put("nurture/drip", now.plus(Plays.DRIP));
        }
      }
      return fired;
    }
  }

  /** The store, counting the commits it accepted. */
  private static JourneyStore counting(JourneyStore store, AtomicInteger commits) {
    return (JourneyStore)
        Proxy.newProxyInstance(
            JourneyStore.class.getClassLoader(),
            new Class<?>[] {JourneyStore.class},
            (proxy, method, args) -> {
              try {
                Object result = method.invoke(store, args);
                if (method.getName().equals("commit") && args.length == 1 && args[0] instanceof Commit
                    && result == CommitResult.COMMITTED) {
                  commits.incrementAndGet();
                }
                if (method.getName().equals("commitAll")) {
                  for (Object r : (List<?>) result) {
                    if (r == CommitResult.COMMITTED) {
                      commits.incrementAndGet();
                    }
                  }
                }
                return result;
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
