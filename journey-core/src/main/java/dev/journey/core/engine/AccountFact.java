package dev.journey.core.engine;

import dev.journey.core.InvalidValueException;
import dev.journey.core.SubjectRef;
import dev.journey.core.sla.SlaStage;
import dev.journey.core.spi.StageInputs;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.PendingTimer;
import dev.journey.core.state.PropertyValue;
import dev.journey.core.state.Suppression;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a stage saw of a contact's company, kept as the audit fact {@code account.<company>} so
 * that {@code JourneyEngine.recompute} can show the stages the same company again: its owner,
 * its suppressions (channel, until, reason) and its running SLAs (name, start, due). The value
 * reads {@code owner=<id>; suppressed=<channel>@<until>@<reason>,...; sla=<name>@<start>@<due>,...}
 * with every part URL-encoded; no personal data (owner ids, channel names, instants, and the
 * suppression reasons the decision's own trace carries anyway).
 */
final class AccountFact {
  static final String PREFIX = "account.";
  private static final String SLA_TIMER = "sla:";

  private AccountFact() {}

  /** The fact's name for a company. */
  static String name(SubjectRef company) {
    return PREFIX + company;
  }

  /** The fact's value: the parts of the company's snapshot stages read, canonical. */
  static String value(JourneySnapshot account) {
    StringBuilder b = new StringBuilder("owner=").append(enc(account.owner().orElse("")));
    b.append("; suppressed=");
    boolean first = true;
    for (Suppression s : account.suppressions().values()) {
      b.append(first ? "" : ",").append(enc(s.channel())).append('@').append(s.until())
          .append('@').append(enc(s.reason()));
      first = false;
    }
    b.append("; sla=");
    first = true;
    for (PendingTimer t : account.timers().values()) {
      String started = t.attributes().get(SlaStage.ATTR_STARTED_AT);
      String due = t.attributes().get(SlaStage.ATTR_DUE_AT);
      if (!t.name().startsWith(SLA_TIMER) || started == null || due == null) {
        continue;
      }
      b.append(first ? "" : ",").append(enc(t.name().substring(SLA_TIMER.length())))
          .append('@').append(enc(started)).append('@').append(enc(due));
      first = false;
    }
    return b.toString();
  }

  /**
   * The company a recorded decision's stages saw, rebuilt from its audit facts; empty when they
   * read none (the contact had no company, or no stage asked).
   *
   * @throws InvalidValueException when the fact is not one {@link #value} writes
   */
  static Optional<JourneySnapshot> read(StageInputs inputs, Instant at) {
    for (Map.Entry<String, String> fact : inputs.facts().entrySet()) {
      if (fact.getKey().startsWith(PREFIX)) {
        return Optional.of(parse(fact.getKey(), fact.getValue(), at));
      }
    }
    return Optional.empty();
  }

  private static JourneySnapshot parse(String name, String value, Instant at) {
    try {
      SubjectRef company = SubjectRef.parse(name.substring(PREFIX.length()));
      String[] parts = value.split("; ", -1);
      if (parts.length != 3 || !parts[0].startsWith("owner=") || !parts[1].startsWith("suppressed=")
          || !parts[2].startsWith("sla=")) {
        throw invalid(name, value);
      }
      Map<String, PropertyValue> properties = new TreeMap<>();
      String owner = dec(parts[0].substring("owner=".length()));
      if (!owner.isEmpty()) {
        properties.put(JourneySnapshot.OWNER, new PropertyValue(owner, "account", at));
      }
      Map<String, Suppression> suppressions = new TreeMap<>();
      for (String[] s : entries(parts[1].substring("suppressed=".length()), name, value)) {
        suppressions.put(dec(s[0]), new Suppression(dec(s[0]), dec(s[2]), Instant.parse(s[1])));
      }
      Map<String, PendingTimer> timers = new TreeMap<>();
      for (String[] s : entries(parts[2].substring("sla=".length()), name, value)) {
        String timer = SLA_TIMER + dec(s[0]);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(SlaStage.ATTR_POLICY, dec(s[0]));
        attributes.put(SlaStage.ATTR_STARTED_AT, dec(s[1]));
        attributes.put(SlaStage.ATTR_DUE_AT, dec(s[2]));
        timers.put(timer, new PendingTimer(timer, Instant.parse(dec(s[2])), 1, attributes));
      }
      return new JourneySnapshot(
          company, "", at, properties, timers, suppressions, Map.of(), Optional.empty(), 0, at);
    } catch (IllegalArgumentException | DateTimeException | StringIndexOutOfBoundsException e) {
      if (e instanceof InvalidValueException invalid) {
        throw invalid;
      }
      InvalidValueException invalid = invalid(name, value);
      invalid.initCause(e);
      throw invalid;
    }
  }

  private static List<String[]> entries(String list, String name, String value) {
    List<String[]> out = new ArrayList<>();
    if (list.isEmpty()) {
      return out;
    }
    for (String entry : list.split(",", -1)) {
      String[] fields = entry.split("@", -1);
      if (fields.length != 3) {
        throw invalid(name, value);
      }
      out.add(fields);
    }
    return out;
  }

  private static InvalidValueException invalid(String name, String value) {
    String shown = value.length() > 120 ? value.substring(0, 120) + "..." : value;
    return new InvalidValueException(
        "audit fact " + name,
        "owner=<id>; suppressed=<channel>@<until>@<reason>,...; sla=<name>@<start>@<due>,...",
        "'" + shown + "'");
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String dec(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
