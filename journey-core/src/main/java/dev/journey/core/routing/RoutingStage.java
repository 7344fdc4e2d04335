package dev.journey.core.routing;

import dev.journey.core.action.AssignOwner;
import dev.journey.core.decision.CapabilityRequest;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.internal.DecisionEdits;
import dev.journey.core.spi.DecisionStage;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves {@code route} requests ({@code decision.route("inbound")}) into {@link AssignOwner}
 * actions with the reason the {@link Router} gives, in the position the rule asked for it (so an
 * assignment is executed before the tasks that follow it). Register it with {@code
 * JourneyDefinition.builder(name).stage(RoutingStage.of(router))}.
 *
 * <p>A request may exclude owners with the parameter {@code exclude} (comma-separated ids). A
 * request for an unknown policy stays unresolved; the decision's trace says why and the audit
 * shows the open request.
 *
 * <p>Each resolved request adds the trace line {@code route <policy>: <owner> (<reason>)} and the
 * annotation {@code route.<policy>} = owner id. Immutable and thread-safe.
 */
public final class RoutingStage implements DecisionStage {
  /** The capability name of routing requests. */
  public static final String CAPABILITY = "route";

  private static final Logger LOG = LoggerFactory.getLogger(RoutingStage.class);

  private final Router router;

  private RoutingStage(Router router) {
    this.router = router;
  }

  /** A stage routing with {@code router}. */
  public static RoutingStage of(Router router) {
    return new RoutingStage(Objects.requireNonNull(router, "router"));
  }

  @Override
  public Decision apply(Decision decision, Context context) {
    Decision result = decision;
    for (CapabilityRequest request : decision.requests()) {
      if (!request.capability().equals(CAPABILITY)) {
        continue;
      }
      if (router.policy(request.name()).isEmpty()) {
        LOG.debug("unknown routing policy {} for {}", request.name(), decision.subject());
        result =
            result.withTrace(
                "route "
                    + request.name()
                    + ": unknown policy, left unresolved (known: "
                    + router.policyNames()
                    + ")");
        continue;
      }
      Set<String> excluded = new LinkedHashSet<>();
      String exclude = request.params().getOrDefault("exclude", "");
      if (!exclude.isBlank()) {
        Arrays.stream(exclude.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(excluded::add);
      }
      Assignment assignment = router.route(request.name(), context, excluded);
      AssignOwner action =
          new AssignOwner(
              result.actionId(request.ordinal()),
              decision.subject(),
              assignment.ownerId(),
              assignment.reason());
      result = DecisionEdits.insert(result, request.ordinal(), action);
      result = DecisionEdits.resolve(result, request);
      result =
          result
              .withTrace("route " + request.name() + ": " + assignment.ownerId() + " (" + assignment.reason() + ")")
              .withAnnotation("route." + request.name(), assignment.ownerId());
    }
    return result;
  }
}
