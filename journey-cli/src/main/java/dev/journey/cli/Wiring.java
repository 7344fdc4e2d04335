package dev.journey.cli;

import dev.journey.config.JourneyConfig;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.rollout.ShadowEvaluator;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.drools.CompiledRuleSet;
import dev.journey.drools.DroolsEvaluator;
import dev.journey.drools.RuleSetRegistry;
import dev.journey.examples.leadhandoff.LeadHandoff;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A journey's wiring ({@value LeadHandoff#WIRING}) and the DRL rule-set directories next to it,
 * made into journey definitions the way {@code journey replay} makes them: the commands that
 * recompute or compare decisions ({@code reproduce}, {@code diff}, {@code report}) share it.
 */
final class Wiring {
  private final Path dir;
  private final JourneyConfig config;

  private Wiring(Path dir, JourneyConfig config) {
    this.dir = dir;
    this.config = config;
  }

  /**
   * Loads the wiring of a configuration file or of the directory holding one.
   *
   * @throws dev.journey.core.JourneyException when the file is missing or broken
   */
  static Wiring load(Path dirOrFile) {
    Path file = Files.isDirectory(dirOrFile) ? LeadHandoff.configFile(dirOrFile) : dirOrFile;
    Path parent = file.toAbsolutePath().getParent();
    return new Wiring(parent == null ? Path.of(".") : parent, JourneyConfig.load(file));
  }

  /** The configuration. */
  JourneyConfig config() {
    return config;
  }

  /** The configuration file's directory. */
  Path dir() {
    return dir;
  }

  /** The rule-set directory of a version next to the wiring: {@code <dir>/rules/<version>}. */
  Path rules(String version) {
    return LeadHandoff.rules(dir, version);
  }

  /** The journey with one DRL rule set, compiled by {@code registry}. */
  JourneyDefinition definition(RuleSetRegistry registry, Path rules) {
    return LeadHandoff.definition(config, DroolsEvaluator.of(compile(registry, rules)));
  }

  /** The journey with {@code rules} deciding and, when given, {@code shadow} evaluated beside it. */
  JourneyDefinition definition(RuleSetRegistry registry, Path rules, Optional<Path> shadow) {
    JourneyEvaluator evaluator = DroolsEvaluator.of(compile(registry, rules));
    if (shadow.isPresent()) {
      evaluator = ShadowEvaluator.of(evaluator, DroolsEvaluator.of(compile(registry, shadow.get())));
    }
    return LeadHandoff.definition(config, evaluator);
  }

  /** Compiles one directory as this journey's rule set (its version is the directory's name). */
  CompiledRuleSet compile(RuleSetRegistry registry, Path rules) {
    return registry.compile(config.ruleSet(rules));
  }

  /** The rule set that decided the records: the first not made by the engine itself. */
  static Optional<RuleSetRef> decidingRuleSet(List<AuditRecord> records) {
    return records.stream()
        .map(r -> r.decision().ruleSet())
        .filter(ref -> !ref.equals(JourneyEngine.ENGINE) && !ref.name().equals(JourneyEngine.ENGINE.name()))
        .findFirst();
  }

  /**
   * The version of the candidate that ran in shadow of the records, from the {@value
   * ShadowEvaluator#RULE_SET} annotation ({@code name@version#hash}), if any did.
   */
  static Optional<String> shadowVersion(List<AuditRecord> records) {
    return shadowRef(records).map(ref -> {
      String version = ref.substring(ref.indexOf('@') + 1);
      int hash = version.indexOf('#');
      return hash < 0 ? version : version.substring(0, hash);
    });
  }

  /** The candidate that ran in shadow of the records as the annotation names it ({@code name@version#hash}). */
  static Optional<String> shadowRef(List<AuditRecord> records) {
    for (AuditRecord r : records) {
      Decision d = r.decision();
      String ref = d.annotations().get(ShadowEvaluator.RULE_SET);
      if (ref != null && ref.indexOf('@') > 0) {
        return Optional.of(ref);
      }
    }
    return Optional.empty();
  }
}
