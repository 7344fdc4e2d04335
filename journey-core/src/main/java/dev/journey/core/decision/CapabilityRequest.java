package dev.journey.core.decision;

import dev.journey.core.internal.Redact;
import dev.journey.core.internal.Checks;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A request from a rule to an engine capability, e.g. {@code route} with policy {@code
 * inbound-emea} or {@code sla.start} with policy {@code first-touch}. The engine's decision
 * stages resolve requests into actions and timers; an unresolved request is reported in the
 * audit.
 *
 * @param capability the capability, e.g. {@code route}
 * @param name the policy or item name
 * @param ordinal the action ordinal reserved for the action the request may produce
 * @param params extra parameters
 */
public record CapabilityRequest(
    String capability, String name, int ordinal, Map<String, String> params) {
  /** Validates and copies. */
  public CapabilityRequest {
    Checks.notBlank(capability, "capability");
    Checks.notBlank(name, "name");
    params = params.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(params));
  }

  /** Prints everything but free text and values, which may be personal data. */
  @Override
  public String toString() {
    return "CapabilityRequest[capability=" + capability + ", name=" + name + ", ordinal=" + ordinal + ", params=" + Redact.keys(params) + "]";
  }
}
