package dev.journey.cli;

import dev.journey.config.JourneyConfig;
import dev.journey.core.rollout.DeploymentEvaluator;
import dev.journey.core.rollout.DeploymentStore;
import dev.journey.core.rollout.DeploymentWatcher;
import dev.journey.core.rollout.RegisteredVersion;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.core.spi.JourneyStore;
import dev.journey.drools.CompiledRuleSet;
import dev.journey.drools.DroolsEvaluator;
import dev.journey.drools.RuleSetRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@code journey serve} decides: with its rules alone, or, when its store holds a deployment
 * of the journey at start, through a {@link DeploymentEvaluator} that pins each subject to its
 * version and compiles a registered version from its source directory the first time it decides.
 */
final class ServeDeployment {
  /** How often the service re-reads the deployment. */
  static final Duration POLL = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(ServeDeployment.class);

  private ServeDeployment() {}

  static JourneyEvaluator evaluator(
      JourneyConfig config, RuleSetRegistry registry, CompiledRuleSet compiled, JourneyStore store, Clock clock) {
    JourneyEvaluator rules = DroolsEvaluator.of(compiled);
    String journey = config.name();
    if (!(store instanceof DeploymentStore deployments) || deployments.deployment(journey).isEmpty()) {
      return rules;
    }
    LOG.info("journey {} decides through its deployment (re-read every {})", journey, POLL);
    return DeploymentEvaluator.builder(DeploymentWatcher.of(deployments, journey, clock, POLL))
        .version(compiled.ref().version(), rules)
        .loader(version -> load(config, registry, version))
        .build();
  }

  private static Optional<JourneyEvaluator> load(JourneyConfig config, RuleSetRegistry registry, RegisteredVersion v) {
    if (v.source().isEmpty() || !Files.isDirectory(Path.of(v.source()))) {
      return Optional.empty();
    }
    return Optional.of(DroolsEvaluator.of(registry.compile(config.ruleSet(Path.of(v.source())))));
  }
}
