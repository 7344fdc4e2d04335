package dev.journey.cli;

import dev.journey.core.rollout.DeploymentStatus;
import dev.journey.core.rollout.DeploymentStore;
import dev.journey.core.rollout.Deployments;
import dev.journey.core.rollout.JourneyDeployment;
import dev.journey.core.rollout.RegisteredVersion;
import dev.journey.config.JourneyConfig;
import dev.journey.core.metrics.MetricsDefinition;
import dev.journey.core.spi.JourneyStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code journey deploy register|shadow|start|step|pause|resume|rollback|promote|status}: changes
 * and shows a journey's deployment in the store of {@code --store}, through {@link Deployments}.
 * Every change is compare-and-set: when someone else changed the deployment in between, it fails
 * (exit 1) and nothing is written. Running runtimes pick a change up within one poll interval.
 */
@Command(
    name = "deploy",
    mixinStandardHelpOptions = true,
    description = {
      "Change or show a journey's deployment (versions, live, candidate rollout, shadows, history) in a store.",
      "Running runtimes on that store switch within one poll interval; pinned subjects keep their version."
    },
    synopsisSubcommandLabel = "<change>",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {ExitCode.OK_LINE, "1:the change was refused (state, conflict) or failed", ExitCode.USAGE_LINE},
    subcommands = {
      DeployCommand.Register.class,
      DeployCommand.Shadow.class,
      DeployCommand.Start.class,
      DeployCommand.Step.class,
      DeployCommand.Pause.class,
      DeployCommand.Resume.class,
      DeployCommand.Rollback.class,
      DeployCommand.Promote.class,
      DeployCommand.Status.class
    })
final class DeployCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Clock of the changes; the system clock (tests may replace it). */
  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }

  /** The options every change takes. */
  static final class Target {
    @Option(names = "--store", paramLabel = "<url>", required = true,
        description = "sqlite:<file>, jdbc:postgresql://<host>:<port>/<db> (user and password from "
            + ServeStore.USER_ENV + ", " + ServeStore.PASSWORD_ENV + ")")
    String store;

    @Option(names = "--journey", paramLabel = "<name>", required = true, description = "the journey")
    String journey;

    @Option(names = "--who", paramLabel = "<name>", description = "who makes the change; default: $USER, else cli")
    String who;

    @Option(names = "--why", paramLabel = "<text>", defaultValue = "", description = "why (kept in the history)")
    String why;
  }

  /** A change or the status, against the store. */
  abstract static class Sub implements Callable<Integer> {
    @ParentCommand DeployCommand parent;
    @Spec CommandSpec spec;
    @Mixin Target target;

    @Override
    public final Integer call() {
      if (target.store.equals("memory")) {
        throw new IllegalArgumentException(
            "--store must be a durable store (sqlite:<file> or jdbc:postgresql://...): a memory store"
                + " would forget the change when this command exits");
      }
      try (ServeStore opened = ServeStore.open(target.store, "journey-deploy", parent.clock, System.getenv())) {
        Deployments deployments =
            customize(Deployments.builder((DeploymentStore) opened.store()).clock(parent.clock), opened.store())
                .build();
        String who = DeployOps.who(target.who, System.getenv());
        run(deployments, target.journey, who, target.why);
        return ExitCode.OK;
      }
    }

    abstract void run(Deployments deployments, String journey, String who, String why);

    /** The builder of {@link Deployments} over {@code store}; as it is, unless a command adds to it. */
    Deployments.Builder customize(Deployments.Builder builder, JourneyStore store) {
      return builder;
    }

    void print(JourneyDeployment d) {
      var change = d.history().get(d.history().size() - 1);
      spec.commandLine().getOut().println(
          change.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + change.detail() + " -> " + d);
    }
  }

  @Command(name = "register", mixinStandardHelpOptions = true,
      description = "Register a version (the first one registered becomes live).")
  static final class Register extends Sub {
    @Option(names = "--version", paramLabel = "<v>", required = true, description = "the version, as its rules carry it")
    String version;

    @Option(names = "--rule-set", paramLabel = "<name>", description = "the rule-set name its decisions carry; default: the journey")
    String ruleSet;

    @Option(names = "--source", paramLabel = "<path>", description = "where its sources are (file or directory); hashed with SHA-256")
    Path source;

    @Option(names = "--hash", paramLabel = "<hex>", description = "its content hash; default: the SHA-256 of --source")
    String hash;

    @Override
    void run(Deployments deployments, String journey, String who, String why) {
      String h = hash != null ? hash : source != null ? DeployOps.hash(source) : "";
      RegisteredVersion v = new RegisteredVersion(ruleSet == null ? journey : ruleSet, version, h,
          source == null ? "" : source.toString(), parent.clock.instant());
      print(deployments.register(journey, v, who, why));
    }
  }

  @Command(name = "shadow", mixinStandardHelpOptions = true,
      description = "Evaluate a registered version beside the live one; its decisions are compared, never applied.")
  static final class Shadow extends Sub {
    @Option(names = "--version", paramLabel = "<v>", required = true, description = "the registered version")
    String version;

    @Override
    void run(Deployments deployments, String journey, String who, String why) {
      print(deployments.shadow(journey, version, who, why));
    }
  }

  @Command(name = "start", mixinStandardHelpOptions = true,
      description = "Start rolling a registered version out to new entries, at the first step.")
  static final class Start extends Sub {
    @Option(names = "--version", paramLabel = "<v>", required = true, description = "the candidate version")
    String version;

    @Option(names = "--steps", paramLabel = "<p,p,...>", defaultValue = "1,10,50,100",
        description = "the rollout steps in percent, ending at 100; default: ${DEFAULT-VALUE}")
    String steps;

    @Option(names = "--pilot", paramLabel = "<attr=v|v>",
        description = "only entries matching: region=EMEA, segment=mid-market|smb, source=hubspot (repeatable, all must hold)")
    List<String> pilot;

    @Override
    void run(Deployments deployments, String journey, String who, String why) {
      print(deployments.start(journey, version, DeployOps.steps(steps), DeployOps.pilot(pilot), who, why));
    }
  }

  @Command(name = "step", mixinStandardHelpOptions = true, description = "Move the candidate to its next step.")
  static final class Step extends Sub {
    @Override
    void run(Deployments deployments, String journey, String who, String why) {
      print(deployments.step(journey, who, why));
    }
  }

  @Command(name = "pause", mixinStandardHelpOptions = true,
      description = "Pause the rollout: new entries get the live version; pinned subjects keep theirs.")
  static final class Pause extends Sub {
    @Override
    void run(Deployments deployments, String journey, String who, String why) {
      print(deployments.pause(journey, who, why));
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a paused rollout.")
  static final class Resume extends Sub {
    @Override
    void run(Deployments deployments, String journey, String who, String why) {
      print(deployments.resume(journey, who, why));
    }
  }

  @Command(name = "rollback", mixinStandardHelpOptions = true,
      description = "Roll the candidate back: new entries only (default), or also migrate its pinned subjects.")
  static final class Rollback extends Sub {
    @Option(names = "--mode", paramLabel = "<mode>", defaultValue = "new-entries",
        description = "new-entries (pinned subjects keep the candidate until they exit) or migrate-pinned"
            + " (each moves to live at its next decision, audited); default: ${DEFAULT-VALUE}")
    String mode;

    @Override
    void run(Deployments deployments, String journey, String who, String why) {
      print(deployments.rollback(journey, DeployOps.mode(mode), who, why));
    }
  }

  @Command(name = "promote", mixinStandardHelpOptions = true,
      description = "Make the candidate, at 100%, the live version.")
  static final class Promote extends Sub {
    @Override
    void run(Deployments deployments, String journey, String who, String why) {
      print(deployments.promote(journey, who, why));
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = {
        "Show each version's role, share and pinned cohort with its guardrail figures and their always-valid",
        "intervals (from the store's audit trail and dead letters), then the history."
      })
  static final class Status extends Sub {
    @Option(names = "--history", paramLabel = "<n>", defaultValue = "10",
        description = "how many of the latest changes to show; default: ${DEFAULT-VALUE}")
    int history;

    @Option(names = "--config", paramLabel = "<journey.json>",
        description = "the journey file whose metrics section defines milestones and SLAs of the figures;"
            + " default: the example journey's (lead-handoff)")
    Path config;

    @Option(names = "--audit-limit", paramLabel = "<n>", defaultValue = "" + StoreGuardrails.DEFAULT_LIMIT,
        description = "read at most this many audited decisions (oldest first) for the figures; default: ${DEFAULT-VALUE}")
    int auditLimit;

    private Optional<StoreGuardrails.Read> guardrails = Optional.empty();
    private String noFigures = "guardrails: this store keeps no audit trail to compute figures from";

    @Override
    Deployments.Builder customize(Deployments.Builder builder, JourneyStore store) {
      MetricsDefinition definition;
      if (config != null) {
        definition = JourneyConfig.load(config).metrics().orElseThrow(() -> new IllegalArgumentException(
            "--config " + config + " has no metrics section: the guardrail figures need one"));
        if (!definition.journey().equals(target.journey)) {
          throw new IllegalArgumentException("--config " + config + " defines the metrics of journey '"
              + definition.journey() + "', but --journey is '" + target.journey + "'");
        }
      } else {
        definition = MetricsDefinition.leadHandoff().build();
        if (!definition.journey().equals(target.journey)) {
          noFigures = "guardrails: give --config <journey.json> for the metrics of journey '" + target.journey + "'";
          return builder;
        }
      }
      guardrails = StoreGuardrails.read(store, definition, auditLimit);
      guardrails.ifPresent(g -> builder.metrics(g.metrics()));
      return builder;
    }

    @Override
    void run(Deployments deployments, String journey, String who, String why) {
      DeploymentStatus status = deployments.status(journey);
      var out = spec.commandLine().getOut();
      out.print(status.render());
      out.println(guardrails.map(StoreGuardrails.Read::describe)
          .orElse(noFigures));
      List<dev.journey.core.rollout.DeploymentChange> changes = status.deployment().history();
      out.println("history:");
      for (var c : changes.subList(Math.max(0, changes.size() - Math.max(0, history)), changes.size())) {
        out.printf(java.util.Locale.ROOT, "  r%-4d %s %-8s %s by %s%s%n", c.revision(), c.at(),
            c.kind().name().toLowerCase(java.util.Locale.ROOT), c.detail(), c.who(),
            c.why().isEmpty() ? "" : ": " + c.why());
      }
    }
  }
}
