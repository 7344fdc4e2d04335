package dev.journey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.config.JourneyConfig;
import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.feature.FeatureSet;
import dev.journey.core.feature.FeatureSnapshot;
import dev.journey.testkit.replay.JsonLines;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code journey features diff} on the shipped signal log, recomputed here subject by subject. */
final class FeaturesDiffCommandTest {
  private static final Path EXAMPLE = Path.of("..", "docs", "examples", "lead-handoff");
  private static final Path V1 = EXAMPLE.resolve("features").resolve("v1.json");
  private static final Path V2 = EXAMPLE.resolve("features").resolve("v2.json");
  private static final Path LOG = EXAMPLE.resolve("signals.jsonl");

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void should_print_the_segment_moves_a_recomputation_of_the_shipped_log_finds() {
    // when
    int exit = run("features", "diff", "--from", V1.toString(), "--to", V2.toString(), "--signals", LOG.toString());
    // then
    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    String report = out.toString(StandardCharsets.UTF_8);
    List<Signal> log = JsonLines.readSignals(LOG);
    Instant end = log.stream().map(Signal::occurredAt).max(Instant::compareTo).orElseThrow();
    FeatureSet v1 = JourneyConfig.loadFeatures(V1);
    FeatureSet v2 = JourneyConfig.loadFeatures(V2);
    Map<SubjectRef, List<Signal>> bySubject =
        log.stream().collect(Collectors.groupingBy(Signal::subject, LinkedHashMap::new, Collectors.toList()));
    assertThat(report).startsWith("Features recomputed for " + bySubject.size() + " subjects, read at " + end);
    for (String segment : List.of("sales_ready", "researching")) {
      int before = 0;
      int after = 0;
      int entered = 0;
      int left = 0;
      for (List<Signal> signals : bySubject.values()) {
        boolean a = v1.advance(v1.backfill(signals), end).value(segment) == 1;
        boolean b = v2.advance(v2.backfill(signals), end).value(segment) == 1;
        before += a ? 1 : 0;
        after += b ? 1 : 0;
        entered += b && !a ? 1 : 0;
        left += a && !b ? 1 : 0;
      }
      Matcher line = Pattern.compile("  " + segment + " +v1 -> v2 +(\\d+) +(\\d+) +(\\d+) +(\\d+)\\R")
          .matcher(report);
      assertThat(line.find()).as(report).isTrue();
      assertThat(List.of(line.group(1), line.group(2), line.group(3), line.group(4)))
          .containsExactly("" + before, "" + after, "" + entered, "" + left);
      assertThat(entered + left).as("the versions move someone in %s", segment).isPositive();
    }
  }

  @Test
  void should_print_each_scores_drift_over_the_log_as_a_recomputation_finds_it() {
    // when
    int exit = run("features", "diff", "--from", V1.toString(), "--to", V2.toString(), "--signals", LOG.toString(),
        "--window", "P14D");
    // then: the logistic score of v2, its last two weeks against its first, recomputed signal by signal
    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    FeatureSet v2 = JourneyConfig.loadFeatures(V2);
    dev.journey.core.feature.ScoreDrift drift = dev.journey.core.feature.ScoreDrift.builder()
        .score("lead_odds", 0, 100).window(java.time.Duration.ofDays(14)).build();
    Map<SubjectRef, FeatureSnapshot> features = new LinkedHashMap<>();
    for (Signal s : JsonLines.readSignals(LOG)) {
      FeatureSnapshot f = v2.fold(features.getOrDefault(s.subject(), FeatureSnapshot.EMPTY), s);
      features.put(s.subject(), f);
      drift.observe(f, s.occurredAt());
    }
    double psi = drift.drift().get(0).psi();
    assertThat(psi).isPositive();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .containsPattern("  lead_odds +v2 +" + v2.hash().substring(0, 12) + " +\\S+ +\\S+ +"
            + String.format(java.util.Locale.ROOT, "%.3f", psi).replace(".", "\\.") + "  ");
  }

  @Test
  void should_put_every_subject_in_one_band_of_each_score_histogram() {
    // given
    List<Signal> log = JsonLines.readSignals(LOG);
    // when
    FeatureDiff diff = FeatureDiff.compute(JourneyConfig.loadFeatures(V1), JourneyConfig.loadFeatures(V2), log,
        java.util.Optional.empty());
    // then
    assertThat(diff.scores()).extracting(FeatureDiff.ScoreBands::name).containsExactly("lead_score", "lead_odds");
    FeatureDiff.ScoreBands points = diff.scores().get(0);
    assertThat(java.util.Arrays.stream(points.fromCounts()).sum()).isEqualTo(diff.subjects());
    assertThat(java.util.Arrays.stream(points.toCounts()).sum()).isEqualTo(diff.subjects());
    FeatureDiff.ScoreBands odds = diff.scores().get(1);
    assertThat(odds.fromVersion()).isEmpty();
    assertThat(java.util.Arrays.stream(odds.fromCounts()).sum()).isZero();
    assertThat(java.util.Arrays.stream(odds.toCounts()).sum()).isEqualTo(diff.subjects());
  }

  @Test
  void should_name_the_file_and_pointer_when_a_features_file_is_broken(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    // given
    Path broken = dir.resolve("v3.json");
    java.nio.file.Files.writeString(broken,
        "{\"format\": 1, \"features\": {\"declared\": [{\"name\": \"x\", \"kind\": \"lastSeen\"}]}}");
    // when
    int exit = run("features", "diff", "--from", V1.toString(), "--to", broken.toString(), "--signals", LOG.toString());
    // then
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("journey features diff: " + broken + " at /features/declared/0/signals must be present");
  }

  @Test
  void should_band_the_lowest_and_highest_scores_into_the_first_and_last_bins() {
    // when / then
    assertThat(FeatureDiff.bin(0, 0, 100)).isZero();
    assertThat(FeatureDiff.bin(100, 0, 100)).isEqualTo(FeatureDiff.BINS - 1);
    assertThat(FeatureDiff.bin(55, 0, 100)).isEqualTo(5);
    assertThat(FeatureDiff.bin(7, 7, 7)).isZero();
  }
}
