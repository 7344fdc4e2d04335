package dev.journey.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.ActionKind;
import dev.journey.core.action.UnenrollSequence;
import dev.journey.core.engine.CrossJourneyPolicy;
import dev.journey.core.engine.HostedJourney;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.testkit.clock.VirtualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A file that lists further journeys, their hosting and the policy across them. */
final class SeveralJourneysConfigTest {
  static final Path SEVERAL = Path.of("src", "test", "resources", "several", "journey.json");

  /** Each journey's plain-Java rules, by journey name. */
  private static final Map<String, JavaRuleSet> RULES =
      Map.of(
          "handoff",
          JavaRuleSet.builder("handoff", "1")
              .rule("a demo request goes to sales",
                  f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED),
                  (f, d) -> d.transitionTo("SALES"))
              .build(),
          "nurture",
          JavaRuleSet.builder("nurture", "1")
              .rule("a form enrolls in the drip",
                  f -> f.signal().type().equals(SignalTypes.FORM_SUBMITTED),
                  (f, d) -> d.transitionTo("ENROLLED").enrollSequence("drip-1", "marketing"))
              .build(),
          "renewal-risk",
          JavaRuleSet.builder("renewal-risk", "1").build());

  @Test
  void should_host_every_listed_journey_as_its_entry_declares_with_the_file_s_journey_first() {
    // given
    JourneyConfig config = JourneyConfig.load(SEVERAL);

    // when
    List<HostedJourney> hosted = config.hostedJourneys(c -> c.definition(RULES.get(c.name())));

    // then
    assertThat(config.journeys()).extracting(JourneyConfig::name).containsExactly("nurture", "renewal-risk");
    assertThat(hosted).extracting(HostedJourney::name).containsExactly("handoff", "nurture", "renewal-risk");
    assertThat(hosted).extracting(HostedJourney::priority).containsExactly(100, 10, 50);
    HostedJourney nurture = hosted.get(1);
    assertThat(nurture.entrySignalTypes()).containsExactly(SignalTypes.FORM_SUBMITTED);
    assertThat(nurture.exitStates()).containsExactly("EXITED");
    assertThat(nurture.owns()).containsExactly("nurture_track");
    assertThat(nurture.reentry()).contains(Duration.ofDays(30));
    assertThat(hosted.get(0).owns()).containsExactly("owner");
    assertThat(hosted.get(2).reentry()).isEmpty();
    CrossJourneyPolicy policy = config.policy().orElseThrow();
    assertThat(policy.salesMotion()).containsOnlyKeys("handoff");
    assertThat(policy.marketing()).containsExactly("nurture");
    assertThat(policy.unenrollsRunningSequences()).isTrue();
    assertThat(policy.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(policy.caps())
        .extracting(CrossJourneyPolicy.Cap::journey, CrossJourneyPolicy.Cap::kind, CrossJourneyPolicy.Cap::max)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Optional.empty(), ActionKind.ENROLL_SEQUENCE, 3),
            org.assertj.core.groups.Tuple.tuple(Optional.of("renewal-risk"), ActionKind.CREATE_TASK, 1));
  }

  @Test
  void should_run_the_configured_journeys_and_policy_in_one_engine() {
    // given
    JourneyConfig config = JourneyConfig.load(SEVERAL);
    VirtualClock clock = VirtualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    JourneyEngine.Builder builder = JourneyEngine.builder().store(store).clock(clock);
    config.hostedJourneys(c -> c.definition(RULES.get(c.name()))).forEach(builder::journey);
    config.policy().ifPresent(builder::policy);
    JourneyEngine engine = builder.build();
    SubjectRef ada = SubjectRef.contact("1001");

    // when: a content form enrolls in nurture, then a demo request starts sales motion
    engine.accept(signal("form-1", ada, SignalTypes.FORM_SUBMITTED, clock));
    engine.accept(signal("demo-1", ada, SignalTypes.DEMO_REQUESTED, clock));

    // then: the policy from the file unenrolled nurture's running drip in the same commit
    JourneySnapshot snapshot = engine.snapshot(ada).orElseThrow();
    assertThat(snapshot.state()).isEqualTo("SALES");
    assertThat(snapshot.journey("nurture").orElseThrow().state()).isEqualTo("ENROLLED");
    assertThat(store.audit(ada).stream().filter(a -> a.signal().id().equals("demo-1")))
        .extracting(a -> a.journey().orElseThrow())
        .containsExactly("handoff", "nurture");
    assertThat(store.audit(ada).get(store.audit(ada).size() - 1).decision().actions())
        .singleElement()
        .isInstanceOf(UnenrollSequence.class);
  }

  @Test
  void should_keep_a_file_of_one_journey_a_journey_of_its_own() {
    // given
    JourneyConfig config = JourneyConfig.load(JourneyConfigTest.TRIAL);

    // when
    List<HostedJourney> hosted = config.hostedJourneys(c -> c.definition(JavaRuleSet.builder(c.ruleSetName(), "1").build()));

    // then
    assertThat(config.journeys()).isEmpty();
    assertThat(config.policy()).isEmpty();
    assertThat(hosted).singleElement().satisfies(h -> {
      assertThat(h.name()).isEqualTo("trial-to-sales");
      assertThat(h.priority()).isZero();
      assertThat(h.exitStates()).isEmpty();
    });
  }

  @Test
  void should_refuse_to_host_another_journey_s_definition() {
    // given
    JourneyConfig config = JourneyConfig.load(SEVERAL);
    JourneyDefinition nurture = config.journeys().get(0).definition(RULES.get("nurture"));

    // when / then
    assertThatThrownBy(() -> config.hosted(nurture))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a definition of journey 'handoff' is hosted by its configuration, but was of 'nurture'");
  }

  private static Signal signal(String id, SubjectRef subject, String type, VirtualClock clock) {
    return Signal.builder().id(id).subject(subject).type(type).occurredAt(clock.instant()).source("test").build();
  }
}
