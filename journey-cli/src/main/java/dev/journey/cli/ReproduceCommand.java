package dev.journey.cli;

import dev.journey.core.JourneyException;
import dev.journey.core.SubjectRef;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.JourneyStore;
import dev.journey.core.spi.RuleSetArchive;
import dev.journey.core.spi.RuleSetSources;
import dev.journey.examples.leadhandoff.LeadHandoff;
import dev.journey.drools.RuleCompilationException;
import dev.journey.drools.RuleSetRegistry;
import dev.journey.testkit.replay.Replay;
import dev.journey.testkit.replay.Reproduction;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code journey reproduce <subject|decision-id> [--log FILE | --store URL] [--wiring DIR|FILE]
 * [--rules DIR] [--shadow DIR]} (or {@code --all}): recomputes recorded decisions from their audit
 * records alone — the snapshot, signal, instant and stage inputs each record holds — with the rule
 * set and wiring given, and says for each that it was reproduced (the recomputed record equals the
 * recorded one in every field) or shows its first differences. With {@code --store} the records
 * come from a store and, unless {@code --wiring}, {@code --rules} or {@code --shadow} are given,
 * the journey is rebuilt from the sources the store archived under the recorded rule-set hashes
 * (the rule files and the journey file).
 *
 * <p>Defaults fit {@code ./journey demo}: the log it wrote, the example's wiring, the rule-set
 * directory named by the version that decided ({@code rules/<version>} next to the wiring), and
 * the shadow candidate the records name.
 */
@Command(
    name = "reproduce",
    mixinStandardHelpOptions = true,
    description = "Recompute recorded decisions from their audit records and prove them equal, or show the first difference.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every decision was reproduced", "1:a decision differs, or none was found", ExitCode.USAGE_LINE})
final class ReproduceCommand implements Callable<Integer> {
  /** How many differing decisions are shown in full. */
  static final int SHOWN = 10;
  /** At most this many decisions are read from a store for {@code --all}. */
  static final int MAX_FROM_STORE = 1_000_000;

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "<subject|decision-id>",
      description = "a subject (<type>:<id>, e.g. contact:1001651): all its decisions; or a decision's signal id")
  String target;

  @Option(names = "--all", description = "reproduce every decision of the log")
  boolean all;

  @Mixin DecisionLogOption logOption;

  @Option(
      names = "--store",
      paramLabel = "<url>",
      description = "read the decisions from a store instead of a log (" + ServeStore.FORMS + "), and, unless"
          + " --wiring or --rules say otherwise, rebuild the journey from the sources the store archived"
          + " under the recorded rule-set hashes")
  String store;

  @Option(
      names = "--wiring",
      paramLabel = "<dir|file>",
      description = "the journey configuration (a journey.json, or its directory); default: the example's")
  Path wiring;

  @Option(
      names = "--rules",
      paramLabel = "<dir>",
      description = "the rule set that decided; default: rules/<the recorded version> next to the wiring")
  Path rules;

  @Option(
      names = "--shadow",
      paramLabel = "<dir>",
      description = "the candidate that ran in shadow; default: rules/<the version the records name>, if any")
  Path shadow;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (all == (target != null)) {
      throw new ParameterException(
          spec.commandLine(), "give either a subject or decision id, or --all (exactly one of them)");
    }
    if (store != null) {
      return fromStore(out, err);
    }
    Path log = logOption.file(spec);
    List<AuditRecord> records;
    try {
      records = select(ReplayRun.read(log));
    } catch (IllegalArgumentException | UncheckedIOException e) {
      err.println("journey reproduce: " + e.getMessage());
      return ExitCode.PROBLEMS;
    }
    if (records.isEmpty()) {
      err.println("journey reproduce: " + log + " has no decision " + (all ? "at all" : "of or with id " + target));
      return ExitCode.PROBLEMS;
    }
    return reproduce(out, err, records, log.toString(), Optional.empty());
  }

  /** The records of the store, with the journey rebuilt from its archive unless told otherwise. */
  private Integer fromStore(PrintWriter out, PrintWriter err) {
    ServeStore opened;
    try {
      opened = ServeStore.open(store, "journey-reproduce", java.time.Clock.systemUTC(), System.getenv());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    } catch (RuntimeException e) {
      err.println("journey reproduce: cannot open the store " + store + ": " + e.getMessage());
      return ExitCode.PROBLEMS;
    }
    try (opened) {
      List<AuditRecord> records;
      try {
        records = selectFrom(opened.store());
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      if (records.isEmpty()) {
        err.println("journey reproduce: " + opened.description() + " has no decision " + (all ? "at all" : "of or with id " + target));
        return ExitCode.PROBLEMS;
      }
      Optional<RuleSetArchive> archive =
          wiring == null && rules == null && shadow == null ? Optional.of(opened.store()) : Optional.empty();
      return reproduce(out, err, records, opened.description(), archive);
    } catch (RuntimeException e) {
      err.println("journey reproduce: " + e.getMessage());
      return ExitCode.PROBLEMS;
    }
  }

  /** The records asked for, from a store. */
  private List<AuditRecord> selectFrom(JourneyStore from) {
    dev.journey.jdbc.JdbcJourneyStore jdbc =
        from instanceof dev.journey.jdbc.JdbcJourneyStore j ? j : null;
    if (all) {
      if (jdbc == null) {
        throw new IllegalArgumentException("--all with --store needs a database store (sqlite: or jdbc:postgresql:)");
      }
      List<AuditRecord> records = jdbc.auditAll(MAX_FROM_STORE + 1);
      if (records.size() > MAX_FROM_STORE) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "the store holds more than %,d decisions: reproduce a subject or a decision id", MAX_FROM_STORE));
      }
      return records;
    }
    if (jdbc != null) {
      List<AuditRecord> byId = jdbc.auditOf(target);
      if (!byId.isEmpty()) {
        return byId;
      }
    }
    try {
      return from.audit(SubjectRef.parse(target));
    } catch (JourneyException e) {
      return List.of();
    }
  }

  private Integer reproduce(
      PrintWriter out, PrintWriter err, List<AuditRecord> records, String from, Optional<RuleSetArchive> archive) {
    Path unpacked = null;
    try (RuleSetRegistry registry = RuleSetRegistry.ofDefaults()) {
      Optional<RuleSetRef> decided = Wiring.decidingRuleSet(records);
      Wiring w;
      Path rulesDir;
      Optional<Path> shadowDir;
      if (archive.isPresent()) {
        unpacked = Files.createTempDirectory("journey-reproduce");
        RuleSetRef ref = decided.orElseThrow(() -> new IllegalStateException(
            "no decision of a rule set among them (only the engine's): give --wiring and --rules"));
        RuleSetSources live = archived(archive.get(), ref.hash().orElse(""), ref.toString());
        if (!live.files().containsKey(RuleSetSources.CONFIG)) {
          throw new IllegalStateException(
              "the store archived the rules of " + ref + " without a journey file: give --wiring");
        }
        Files.writeString(unpacked.resolve(LeadHandoff.WIRING), primaryOnly(live.files().get(RuleSetSources.CONFIG)));
        unpackReferenced(live, unpacked);
        rulesDir = unpack(live, unpacked);
        Optional<String> shadowRef = Wiring.shadowRef(records);
        shadowDir = shadowRef.isEmpty()
            ? Optional.empty()
            : Optional.of(unpack(archived(archive.get(), shadowRef.get().substring(shadowRef.get().indexOf('#') + 1), shadowRef.get()), unpacked));
        w = Wiring.load(unpacked);
      } else {
        Optional<Path> wiringPath = wiring != null ? Optional.of(wiring) : DemoCommand.locate();
        if (wiringPath.isEmpty()) {
          throw new ParameterException(spec.commandLine(), "cannot find the example's wiring; pass --wiring <dir|file>");
        }
        w = Wiring.load(wiringPath.get());
        rulesDir = rules != null ? rules : w.rules(decided.map(RuleSetRef::version).orElse("v1"));
        shadowDir = shadow != null ? Optional.of(shadow) : Wiring.shadowVersion(records).map(w::rules);
      }
      JourneyDefinition definition = w.definition(registry, rulesDir, shadowDir);
      String rulesName = archive.isPresent() ? "the store's archive of " + decided.orElseThrow() : rulesDir.toString();
      String shadowName = archive.isPresent()
          ? Wiring.shadowRef(records).map(r -> " (shadow " + r + ")").orElse("")
          : shadowDir.map(s -> " (shadow " + s + ")").orElse("");
      out.printf(
          Locale.ROOT, "Reproducing %,d decision(s)%s from %s%nwith rules %s%s and wiring %s%n",
          records.size(), all ? "" : " of " + target, from, rulesName, shadowName,
          archive.isPresent() ? "archived with them" : w.dir().resolve(LeadHandoff.WIRING).toString());
      List<Reproduction> results = Replay.builder().definition(definition).build().reproduce(records);
      out.print(render(results, !all));
      return results.stream().allMatch(Reproduction::reproduced) ? ExitCode.OK : ExitCode.PROBLEMS;
    } catch (RuleCompilationException e) {
      err.println("journey reproduce: the rule set does not compile: " + e.getMessage());
      return ExitCode.PROBLEMS;
    } catch (java.io.IOException e) {
      err.println("journey reproduce: cannot unpack the archived sources: " + e.getMessage());
      return ExitCode.PROBLEMS;
    } catch (JourneyException | IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      err.println("journey reproduce: " + e.getMessage());
      return ExitCode.PROBLEMS;
    } finally {
      if (unpacked != null) {
        deleteQuietly(unpacked);
      }
    }
  }

  private static RuleSetSources archived(RuleSetArchive archive, String hash, String which) {
    if (hash.isEmpty()) {
      throw new IllegalStateException("the records name rule set " + which + " without a content hash: give --wiring and --rules");
    }
    return archive.archived(hash).orElseThrow(() -> new IllegalStateException(
        "the store archived no sources for rule set " + which
            + " (stores archive them from schema version 7 on, when an engine starts): give --wiring and --rules"));
  }

  /** Writes the rule files under {@code <dir>/rules/<version>/}; returns that directory. */
  private static Path unpack(RuleSetSources sources, Path dir) throws java.io.IOException {
    Path rulesDir = dir.resolve("rules").resolve(sources.version());
    for (java.util.Map.Entry<String, String> file : sources.rules().entrySet()) {
      Path path = rulesDir.resolve(file.getKey()).normalize();
      if (!path.startsWith(rulesDir)) {
        throw new IllegalStateException("archived file " + file.getKey() + " of " + sources + " leaves its directory");
      }
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
    return rulesDir;
  }

  /**
   * The archived journey file without the journeys it lists and their policy: a reproduction
   * rebuilds the rule set's own journey, and the listed journeys' files are not in its archive.
   */
  private static String primaryOnly(String config) throws java.io.IOException {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.JsonNode root = json.readTree(config);
    if (root instanceof com.fasterxml.jackson.databind.node.ObjectNode object
        && (object.has("journeys") || object.has("policy"))) {
      object.remove("journeys");
      object.remove("policy");
      return json.writeValueAsString(object);
    }
    return config;
  }

  /** The files the journey file refers to (its features file), at their paths beside it. */
  private static void unpackReferenced(RuleSetSources sources, Path dir) throws java.io.IOException {
    for (java.util.Map.Entry<String, String> file : sources.files().entrySet()) {
      String name = file.getKey();
      if (name.equals(RuleSetSources.CONFIG) || name.startsWith(RuleSetSources.RULES)) {
        continue;
      }
      Path path = dir.resolve(name).normalize();
      if (!path.startsWith(dir)) {
        throw new IllegalStateException("archived file " + name + " of " + sources + " leaves its directory");
      }
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
  }

  private static void deleteQuietly(Path dir) {
    try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException | UncheckedIOException e) {
      // a temporary directory: left for the system to clean
    }
  }

  /** The records asked for: all, those with the decision id, else those of the subject. */
  private List<AuditRecord> select(List<AuditRecord> log) {
    if (all) {
      return log;
    }
    List<AuditRecord> byId = log.stream().filter(r -> r.signal().id().equals(target)).toList();
    if (!byId.isEmpty()) {
      return byId;
    }
    SubjectRef subject;
    try {
      subject = SubjectRef.parse(target);
    } catch (JourneyException e) {
      return List.of();
    }
    return log.stream().filter(r -> r.signal().subject().equals(subject)).toList();
  }

  /** Each decision (or only the differing ones), then the verdict. */
  static String render(List<Reproduction> results, boolean each) {
    StringBuilder out = new StringBuilder("\n");
    int differing = 0;
    for (Reproduction r : results) {
      if (!r.reproduced()) {
        differing++;
      }
      if (r.reproduced() && !each || !r.reproduced() && differing > SHOWN) {
        continue;
      }
      AuditRecord rec = r.recorded();
      out.append(String.format(Locale.ROOT, "  %s  %s %s %s  %s%n", rec.recordedAt(), rec.signal().subject(),
          rec.signal().type(), rec.signal().id(), r.reproduced() ? "reproduced" : "DIFFERS"));
      for (String line : r.differences()) {
        out.append("      ").append(line).append('\n');
      }
    }
    if (differing == 0) {
      out.append(String.format(Locale.ROOT, "reproduced: all %,d decision(s) equal their audit records%n", results.size()));
    } else {
      Reproduction first = results.stream().filter(r -> !r.reproduced()).findFirst().orElseThrow();
      out.append(String.format(Locale.ROOT, "not reproduced: %,d of %,d decision(s) differ%s; first difference: %s%n",
          differing, results.size(), differing > SHOWN ? " (the first " + SHOWN + " shown)" : "",
          first.firstDifference().orElseThrow()));
    }
    return out.toString();
  }
}
