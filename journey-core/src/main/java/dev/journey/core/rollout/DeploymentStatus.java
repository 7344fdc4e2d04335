package dev.journey.core.rollout;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A deployment with, per registered version, its role, share, pinned cohort and guardrail
 * figures: what {@code journey deploy status} and the admin port show.
 *
 * @param deployment the deployment
 * @param versions one entry per registered version, in registration order
 */
public record DeploymentStatus(JourneyDeployment deployment, List<VersionStatus> versions) {
  /** Validates and copies. */
  public DeploymentStatus {
    Objects.requireNonNull(deployment, "deployment");
    versions = List.copyOf(versions);
  }

  /** The status of {@code version}. */
  public java.util.Optional<VersionStatus> version(String version) {
    return versions.stream().filter(v -> v.version().version().equals(version)).findFirst();
  }

  /** A plain-text table: one line per version, then the guardrail figures indented below it. */
  public String render() {
    StringBuilder b = new StringBuilder();
    b.append(deployment).append('\n');
    b.append(String.format(Locale.ROOT, "%-12s %-10s %7s %9s  %s%n", "version", "role", "share", "pinned", "hash"));
    for (VersionStatus v : versions) {
      String hash = v.version().hash();
      b.append(String.format(Locale.ROOT, "%-12s %-10s %6d%% %9d  %s%n", v.version().version(),
          v.role().name().toLowerCase(Locale.ROOT), v.percent(), v.cohort(),
          hash.isEmpty() ? "-" : hash.substring(0, Math.min(12, hash.length()))));
      for (GuardrailFigure f : v.guardrails()) {
        b.append(String.format(Locale.ROOT, "    %-24s n=%-7d %.4f [%.4f, %.4f]%n", f.metric(),
            f.samples(), f.estimate(), f.lower(), f.upper()));
      }
    }
    return b.toString();
  }
}
