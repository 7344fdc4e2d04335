package dev.journey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.spi.AuditRecord;
import dev.journey.drools.DroolsEvaluator;
import dev.journey.drools.RuleSetRegistry;
import dev.journey.jdbc.JdbcJourneyStore;
import dev.journey.jdbc.JdbcPool;
import dev.journey.testkit.clock.VirtualClock;
import dev.journey.testkit.replay.JsonLines;
import java.util.Optional;
import dev.journey.core.spi.StageInputs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code journey reproduce} on the demo's decision log. */
final class ReproduceCommandTest {
  private static final int SAMPLE = 200;

  @TempDir Path temp;

  private static String[] run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
  }

  private static String[] inDemo(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--wiring", DemoRun.EXAMPLE.toString()));
    return run(all.toArray(new String[0]));
  }

  /** The first decision that routed a contact to an owner. */
  private static AuditRecord routed(List<AuditRecord> records) {
    return records.stream()
        .filter(r -> r.inputs().facts().keySet().stream().anyMatch(k -> k.startsWith("owner.")))
        .findFirst().orElseThrow();
  }

  /**
   * A small log around one decision: the first {@value #SAMPLE} decisions of the demo and every
   * decision of the decision's subject, in log order. The whole log is reproduced once, by the
   * test that proves every decision; the others need only a few (parsing 19,800 records per
   * command was most of this class's time).
   */
  private static List<AuditRecord> sample(AuditRecord around) {
    List<AuditRecord> all = DemoRun.get().records();
    List<AuditRecord> sample = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      AuditRecord r = all.get(i);
      if (i < SAMPLE || r.signal().subject().equals(around.signal().subject())) {
        sample.add(r);
      }
    }
    return sample;
  }

  private Path write(String name, List<AuditRecord> records) {
    Path log = temp.resolve(name);
    ReplayRun.write(log, records);
    return log;
  }

  @Test
  void should_reproduce_every_decision_of_the_demo_bit_for_bit() {
    // given
    DemoRun demo = DemoRun.get();

    // when
    String[] result = inDemo("reproduce", "--all", "--log", demo.log.toString());

    // then
    assertThat(result[0]).as(result[1] + result[2]).isEqualTo("0");
    assertThat(demo.records()).hasSizeGreaterThan(15_000);
    assertThat(result[1])
        .contains(String.format(java.util.Locale.ROOT, "Reproducing %,d decision(s) from", demo.records().size()))
        .containsPattern("with rules \\S+/rules/v1 \\(shadow \\S+/rules/v2\\) and wiring \\S+/journey\\.json\n")
        .endsWith(String.format(java.util.Locale.ROOT, "reproduced: all %,d decision(s) equal their audit records%n",
            demo.records().size()));
  }

  @Test
  void should_list_each_decision_of_a_subject_as_reproduced() {
    // given: a contact routed to an owner, in a log that holds other subjects' decisions too
    AuditRecord routed = routed(DemoRun.get().records());
    String subject = routed.signal().subject().toString();
    List<AuditRecord> sample = sample(routed);
    long own = sample.stream().filter(r -> r.signal().subject().toString().equals(subject)).count();
    Path log = write("sample.jsonl", sample);

    // when
    String[] result = inDemo("reproduce", subject, "--log", log.toString());

    // then
    assertThat(result[0]).as(result[2]).isEqualTo("0");
    assertThat(own).isLessThan(sample.size());
    assertThat(result[1].lines().filter(l -> l.endsWith("  reproduced")).count()).isEqualTo(own);
    assertThat(result[1]).contains(" " + routed.signal().id() + "  reproduced");
  }

  @Test
  void should_show_the_perturbed_stage_input_and_exit_1() {
    // given: a log with one routed decision's recorded owner availability changed
    AuditRecord routed = routed(DemoRun.get().records());
    List<AuditRecord> records = new ArrayList<>(sample(routed));
    int index = records.indexOf(routed);
    Map<String, String> facts = new TreeMap<>(routed.inputs().facts());
    String owner = facts.keySet().stream().filter(k -> k.startsWith("owner.")).findFirst().orElseThrow();
    String seen = facts.put(owner, "out of office");
    records.set(index, routed.withInputs(new StageInputs(routed.inputs().shared(), facts)));
    Path log = write("perturbed.jsonl", records);

    // when
    String[] result = inDemo("reproduce", routed.signal().id(), "--log", log.toString());

    // then
    assertThat(result[0]).isEqualTo("1");
    assertThat(result[1])
        .contains(routed.signal().id() + "  DIFFERS")
        .contains("      stage input " + owner + ": recorded out of office but now " + seen)
        .contains("not reproduced: 1 of 1 decision(s) differ; first difference: stage input " + owner);
  }

  @Test
  void should_reproduce_from_a_store_with_the_journey_rebuilt_from_its_archive_alone() {
    // given: a SQLite store that decided the first signals of the example under v1 with v2 in
    // shadow; then the example's files are out of reach (no --wiring, no --rules)
    Path file = temp.resolve("journey.db");
    List<Signal> signals = JsonLines.readSignals(DemoRun.EXAMPLE.resolve("signals.jsonl")).subList(0, 40);
    Wiring wiring = Wiring.load(DemoRun.EXAMPLE);
    int decided;
    try (RuleSetRegistry registry = RuleSetRegistry.ofDefaults(); JdbcPool pool = JdbcPool.sqliteFile(file)) {
      JourneyDefinition journey =
          wiring.definition(registry, wiring.rules("v1"), Optional.of(wiring.rules("v2")));
      VirtualClock clock = VirtualClock.at(signals.get(0).occurredAt());
      JdbcJourneyStore store = JdbcJourneyStore.builder(pool).clock(clock).build();
      JourneyEngine engine = JourneyEngine.builder().definition(journey).store(store).clock(clock).build();
      for (Signal signal : signals) {
        clock.set(signal.occurredAt());
        engine.accept(signal);
      }
      decided = store.auditAll(1_000).size();
    }

    // when
    String[] result = run("reproduce", "--all", "--store", "sqlite:" + file);

    // then
    assertThat(result[0]).as(result[1] + result[2]).isEqualTo("0");
    assertThat(decided).isGreaterThanOrEqualTo(30);
    assertThat(result[1])
        .contains("Reproducing " + decided + " decision(s) from SQLite file " + file)
        .containsPattern("with rules the store's archive of lead-handoff@v1#[0-9a-f]{12} \\(shadow lead-handoff@v2#[0-9a-f]{12}\\)"
            + " and wiring archived with them\n")
        .endsWith("reproduced: all " + decided + " decision(s) equal their audit records\n");
  }

  @Test
  void should_ask_for_the_wiring_when_the_store_archived_rules_without_a_journey_file() {
    // given: a store whose engine ran DRL rules wired by hand, not from a journey file
    Path file = temp.resolve("bare.db");
    Wiring wiring = Wiring.load(DemoRun.EXAMPLE);
    List<Signal> signals = JsonLines.readSignals(DemoRun.EXAMPLE.resolve("signals.jsonl")).subList(0, 5);
    try (RuleSetRegistry registry = RuleSetRegistry.ofDefaults(); JdbcPool pool = JdbcPool.sqliteFile(file)) {
      JourneyDefinition journey = JourneyDefinition.of(
          "lead-handoff", wiring.config().model(), DroolsEvaluator.of(wiring.compile(registry, wiring.rules("v1"))));
      VirtualClock clock = VirtualClock.at(signals.get(0).occurredAt());
      JourneyEngine engine =
          JourneyEngine.builder().definition(journey).store(JdbcJourneyStore.builder(pool).clock(clock).build())
              .clock(clock).build();
      for (Signal signal : signals) {
        clock.set(signal.occurredAt());
        engine.accept(signal);
      }
    }

    // when
    String[] result = run("reproduce", signals.get(0).subject().toString(), "--store", "sqlite:" + file);

    // then
    assertThat(result[0]).isEqualTo("1");
    assertThat(result[2]).containsPattern(
        "journey reproduce: the store archived the rules of lead-handoff@v1#[0-9a-f]{12} without a journey file:"
            + " give --wiring");
  }

  @Test
  void should_ask_for_a_target_or_all_and_say_when_nothing_matches() {
    // when
    Path log = write("sample.jsonl", sample(routed(DemoRun.get().records())));
    String[] neither = inDemo("reproduce", "--log", log.toString());
    String[] none = inDemo("reproduce", "contact:no-such-contact", "--log", log.toString());

    // then
    assertThat(neither[0]).isEqualTo("2");
    assertThat(neither[2]).contains("give either a subject or decision id, or --all");
    assertThat(none[0]).isEqualTo("1");
    assertThat(none[2]).contains("has no decision of or with id contact:no-such-contact");
  }
}
