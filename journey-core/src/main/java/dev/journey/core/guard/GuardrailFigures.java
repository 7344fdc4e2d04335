package dev.journey.core.guard;

import dev.journey.core.rollout.DeploymentMetrics;
import dev.journey.core.rollout.GuardrailFigure;
import dev.journey.core.rollout.JourneyDeployment;
import dev.journey.core.rollout.RegisteredVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The guardrail figures of {@code journey deploy status}: per version and metric, the estimate
 * over the version's pinned cohort with its always-valid confidence interval (the one-sample
 * mixture confidence sequence at the guardrails' per-metric level, so an interval read at any time
 * keeps its coverage), and for the candidate one more figure per metric, {@code <metric> vs live}:
 * the difference with the sequential test's confidence sequence. While a candidate rolls out, the
 * cohorts are the subjects that entered since it started; otherwise all subjects seen. Give it to
 * {@code Deployments.builder(store).metrics(...)}. Thread-safe.
 */
public final class GuardrailFigures implements DeploymentMetrics {
  private final GuardrailCollector collector;
  private final Guardrails guardrails;

  private GuardrailFigures(GuardrailCollector collector, Guardrails guardrails) {
    this.collector = collector;
    this.guardrails = guardrails;
  }

  /** The figures of {@code guardrails} over what {@code collector} gathered. */
  public static GuardrailFigures of(GuardrailCollector collector, Guardrails guardrails) {
    return new GuardrailFigures(Objects.requireNonNull(collector, "collector"), Objects.requireNonNull(guardrails, "guardrails"));
  }

  @Override
  public List<GuardrailFigure> figures(JourneyDeployment deployment, RegisteredVersion version) {
    List<GuardrailSubject> subjects = collector.subjects();
    Instant since = deployment.candidate().isPresent() ? RolloutGuard.rolloutStart(deployment) : Instant.MIN;
    boolean candidate =
        deployment.candidate().map(c -> c.version().equals(version.version())).orElse(false);
    List<GuardrailFigure> out = new ArrayList<>();
    for (GuardrailMetric m : guardrails.metrics()) {
      SequentialTest test = guardrails.test(m);
      Sample s = guardrails.sample(m, subjects, version.version(), since);
      if (s.n() == 0 || !(s.varianceOfMean() > 0)) {
        out.add(new GuardrailFigure(m.name(), s.n(), s.mean(), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
      } else {
        double half = test.halfWidth(s.varianceOfMean());
        double low = s.mean() - half;
        double high = s.mean() + half;
        if (m.kind() == GuardrailMetric.Kind.PROPORTION) {
          low = Math.max(0, low);
          high = Math.min(1, high);
        }
        out.add(new GuardrailFigure(m.name(), s.n(), s.mean(), low, high));
      }
      if (candidate) {
        Comparison c = test.compare(s, guardrails.sample(m, subjects, deployment.live(), since));
        out.add(new GuardrailFigure(m.name() + " vs live", s.n(), c.difference(), c.low(), c.high()));
      }
    }
    return out;
  }
}
