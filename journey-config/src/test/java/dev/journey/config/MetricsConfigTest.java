package dev.journey.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.metrics.Dimension;
import dev.journey.core.metrics.Dispositions;
import dev.journey.core.metrics.Measurements;
import dev.journey.core.metrics.MetricsCollector;
import dev.journey.core.metrics.MetricsDefinition;
import dev.journey.core.metrics.Milestone;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.testkit.clock.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code metrics} section of a journey file, loaded beside the definition. */
final class MetricsConfigTest {
  private static final Instant MONDAY_9 = Instant.parse("2026-03-09T08:00:00Z"); // 09:00 in Berlin

  @Test
  void should_load_milestones_intervals_attributes_calendars_and_dispositions_from_the_file() {
    // when
    JourneyConfig config = JourneyConfig.load(JourneyConfigTest.TRIAL);

    // then
    MetricsDefinition metrics = config.metrics().orElseThrow();
    assertThat(metrics.journey()).isEqualTo("trial-to-sales");
    assertThat(metrics.milestones()).containsExactly(
        Milestone.signal("trial", "TRIAL_STARTED"),
        Milestone.state("activated", "ACTIVATED"),
        Milestone.state("qualified", "SALES_QUALIFIED"),
        new Milestone("first touch", Milestone.Kind.SIGNAL, new java.util.LinkedHashSet<>(List.of("SALES_EMAIL_REPLIED", "SALES_ACTIVITY"))),
        Milestone.state("won", "CUSTOMER"));
    assertThat(metrics.intervals()).extracting(i -> i.name() + ": " + i.from() + " -> " + i.to())
        .containsExactly("time to activation: trial -> activated", "time to first touch: qualified -> first touch");
    assertThat(metrics.attribute(Dimension.SEGMENT)).contains("plan");
    assertThat(metrics.attribute(Dimension.SOURCE)).contains("signupChannel");
    assertThat(metrics.attribute(Dimension.REGION)).contains("region");
    assertThat(metrics.calendar("anywhere")).isSameAs(config.calendars().get("berlin"));
    assertThat(metrics.cohortZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    Dispositions dispositions = metrics.dispositions().orElseThrow();
    assertThat(dispositions.codes(Dispositions.Exit.RECYCLE)).containsExactly("TRIAL_EXPIRED");
    assertThat(dispositions.exitOf("SALES_QUALIFIED", "STUDENT")).contains(Dispositions.Exit.DISQUALIFY);
    assertThat(dispositions.exitOf("TRIAL", "STUDENT")).isEmpty();
    assertThat(dispositions.declarations().get(1).fromStates()).isEqualTo(Set.of("ACTIVATED", "SALES_QUALIFIED"));
  }

  @Test
  void should_measure_a_run_with_the_metrics_the_file_declares() {
    // given: the file's wiring with plain-Java rules; two trials, one activated and qualified, then touched
    JourneyConfig config = JourneyConfig.load(JourneyConfigTest.TRIAL);
    JavaRuleSet rules =
        JavaRuleSet.builder("trial-rules", "1")
            .rule("usage activates", f -> f.signal().type().equals("PRODUCT_USED") && f.snapshot().state().equals("TRIAL"),
                (f, d) -> d.transitionTo("ACTIVATED"))
            .rule("score qualifies", f -> f.signal().type().equals("PQL_SCORED") && f.snapshot().state().equals("ACTIVATED"),
                (f, d) -> d.transitionTo("SALES_QUALIFIED"))
            .build();
    VirtualClock clock = VirtualClock.at(MONDAY_9);
    MetricsCollector live = MetricsCollector.create(config.metrics().orElseThrow());
    JourneyEngine engine =
        JourneyEngine.builder().definition(config.definition(rules)).clock(clock).listener(live).build();

    // when
    send(engine, clock, "t-1", "1", "TRIAL_STARTED", Duration.ZERO);
    send(engine, clock, "t-2", "2", "TRIAL_STARTED", Duration.ofMinutes(10));
    send(engine, clock, "u-1", "1", "PRODUCT_USED", Duration.ofHours(2));
    send(engine, clock, "q-1", "1", "PQL_SCORED", Duration.ofHours(1));
    send(engine, clock, "a-1", "1", SignalTypes.SALES_ACTIVITY, Duration.ofHours(3));
    Measurements measured = live.measurements();

    // then
    assertThat(measured.milestones()).containsExactly("trial", "activated", "qualified", "first touch", "won");
    assertThat(measured.overall().entered()).isEqualTo(2);
    assertThat(measured.overall().reached())
        .containsEntry("activated", 1L).containsEntry("qualified", 1L).containsEntry("first touch", 1L).containsEntry("won", 0L);
    assertThat(measured.overall().wallClock().get("time to activation").p50()).isEqualTo(Duration.ofMinutes(130));
    assertThat(measured.overall().wallClock().get("time to first touch").p50()).isEqualTo(Duration.ofHours(3));
    assertThat(measured.by(Dimension.SEGMENT)).containsKeys("team", "free");
  }

  @Test
  void should_have_no_metrics_when_the_file_declares_none(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    // given
    java.nio.file.Path file = dir.resolve("journey.json");
    java.nio.file.Files.writeString(
        file, "{\"format\": 1, \"name\": \"plain\", \"model\": {\"initialState\": \"A\", \"transitions\": {\"A\": []}}}");

    // when / then
    assertThat(JourneyConfig.load(file).metrics()).isEmpty();
  }

  private static void send(JourneyEngine engine, VirtualClock clock, String id, String contact, String type, Duration after) {
    clock.advance(after);
    engine.accept(
        Signal.builder()
            .id(id)
            .subject(SubjectRef.contact(contact))
            .type(type)
            .occurredAt(clock.instant())
            .source("app")
            .attribute("plan", contact.equals("1") ? "team" : "free")
            .build());
  }
}
