package dev.journey.examples.leadhandoff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journey.core.InvalidConfigurationException;
import dev.journey.core.ObjectType;
import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.ActionKind;
import dev.journey.core.calendar.BusinessCalendar;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.guardrail.EntryGuardrail;
import dev.journey.core.guardrail.FrequencyCapGuardrail;
import dev.journey.core.guardrail.LoopProtectionGuardrail;
import dev.journey.core.guardrail.SingleWriterGuardrail;
import dev.journey.core.guardrail.SuppressionGuardrail;
import dev.journey.core.routing.InMemoryOwnerDirectory;
import dev.journey.core.routing.Router;
import dev.journey.core.routing.RoutingPolicy;
import dev.journey.core.routing.RoutingStage;
import dev.journey.core.sla.InactivityPolicy;
import dev.journey.core.sla.SlaPolicy;
import dev.journey.core.sla.SlaStage;
import dev.journey.core.spi.DecisionStage;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.core.state.JourneyModel;
import dev.journey.drools.RuleSet;
import dev.journey.hubspot.HubSpotActionEffects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The example lead-handoff journey's wiring, loaded from its directory ({@code
 * docs/examples/lead-handoff}): the journey model ({@code model.json}), the owner directory with
 * its business calendars ({@code owners.json}) and the decision stages ({@code journey.json}:
 * routing policies, SLA and inactivity policies, guardrails), plus the versioned DRL rule sets
 * under {@code rules/<version>/}. The demo, the replay command and the tests share this one wiring.
 *
 * <p>Stages run in the order {@code docs/routing-and-slas.md} recommends: loop protection, entry
 * criteria, routing, SLAs, single writer, suppression, frequency caps.
 *
 * <p><b>Deals and contacts.</b> A deal signal names its contact in {@code contactId}. The deal has a
 * journey of its own (its rules record the deal stage), and {@link #withContactCopies(List)} adds,
 * right after each deal signal, a copy addressed to the contact, so the contact's journey reacts
 * to the deal (opportunity, customer, closed lost). The copy's id is derived from the deal
 * signal's id, so a redelivered deal signal yields a redelivered copy, which the engine drops as a
 * duplicate.
 *
 * <pre>{@code
 * LeadHandoff handoff = LeadHandoff.load(Path.of("docs/examples/lead-handoff"));
 * CompiledRuleSet v1 = registry.compile(handoff.ruleSet("v1"));
 * JourneyEngine engine =
 *     JourneyEngine.builder().definition(handoff.definition(DroolsEvaluator.of(v1))).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class LeadHandoff {
  /** The wiring document in the example directory. */
  public static final String WIRING = "journey.json";
  /** The directory of rule-set versions inside the example directory. */
  public static final String RULES = "rules";
  /** The attribute a contact copy of a deal signal carries: the deal's id. */
  public static final String DEAL_ID = "dealId";
  /** The attribute of a deal signal that names its contact. */
  public static final String CONTACT_ID = "contactId";

  private final Path directory;
  private final String ruleSetName;
  private final JourneyModel model;
  private final InMemoryOwnerDirectory owners;
  private final Router router;
  private final List<DecisionStage> stages;

  private LeadHandoff(
      Path directory,
      String ruleSetName,
      JourneyModel model,
      InMemoryOwnerDirectory owners,
      Router router,
      List<DecisionStage> stages) {
    this.directory = directory;
    this.ruleSetName = ruleSetName;
    this.model = model;
    this.owners = owners;
    this.router = router;
    this.stages = List.copyOf(stages);
  }

  /**
   * Loads the example from its directory.
   *
   * @throws InvalidConfigurationException naming the document, the JSON path, what is allowed and
   *     what was found, for the first problem
   * @throws IllegalArgumentException when {@code directory} is not a directory
   */
  public static LeadHandoff load(Path directory) {
    Objects.requireNonNull(directory, "directory");
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException(
          "directory must be the example's directory (with " + WIRING + "), but was " + directory
              + " (not a directory)");
    }
    ConfigJson wiring = ConfigJson.read(directory.resolve(WIRING));
    JsonNode root = wiring.root();
    wiring.onlyFields(
        root, "$", Set.of("ruleSet", "model", "owners", "routing", "slas", "inactivity", "guardrails"));
    String ruleSetName = wiring.text(root, "$", "ruleSet");
    JourneyModel model = loadModel(directory.resolve(wiring.text(root, "$", "model")));
    Path ownersFile = directory.resolve(wiring.text(root, "$", "owners"));
    String ownersJson = readString(ownersFile);
    InMemoryOwnerDirectory owners =
        InMemoryOwnerDirectory.fromJson(ownersFile.getFileName().toString(), ownersJson);
    Map<String, BusinessCalendar> calendars = calendars(ConfigJson.parse(ownersFile.getFileName().toString(), ownersJson));

    Router.Builder routerBuilder = Router.builder().directory(owners);
    List<JsonNode> policies = wiring.array(root, "$", "routing", true);
    for (int i = 0; i < policies.size(); i++) {
      routerBuilder.policy(routingPolicy(wiring, policies.get(i), "$.routing[" + i + "]"));
    }
    Router router = routerBuilder.build();

    SlaStage.Builder sla = SlaStage.builder().router(router);
    List<JsonNode> slas = wiring.array(root, "$", "slas", false);
    for (int i = 0; i < slas.size(); i++) {
      sla.sla(slaPolicy(wiring, slas.get(i), "$.slas[" + i + "]", calendars, router));
    }
    List<JsonNode> inactivity = wiring.array(root, "$", "inactivity", false);
    for (int i = 0; i < inactivity.size(); i++) {
      sla.inactivity(inactivityPolicy(wiring, inactivity.get(i), "$.inactivity[" + i + "]", calendars));
    }

    JsonNode guardrails = wiring.object(root, "$", "guardrails", false);
    List<DecisionStage> stages = new ArrayList<>();
    if (guardrails != null) {
      wiring.onlyFields(
          guardrails,
          "$.guardrails",
          Set.of("loopProtection", "entry", "singleWriter", "suppression", "frequencyCap"));
      JsonNode loops = wiring.object(guardrails, "$.guardrails", "loopProtection", false);
      if (loops != null) {
        String path = "$.guardrails.loopProtection";
        wiring.onlyFields(loops, path, Set.of("maxDecisions", "window"));
        stages.add(
            LoopProtectionGuardrail.builder()
                .maxDecisions(wiring.positiveInt(loops, path, "maxDecisions"))
                .window(wiring.duration(loops, path, "window"))
                .build());
      }
      List<JsonNode> entries = wiring.array(guardrails, "$.guardrails", "entry", false);
      for (int i = 0; i < entries.size(); i++) {
        stages.add(entry(wiring, entries.get(i), "$.guardrails.entry[" + i + "]", model));
      }
    }
    stages.add(RoutingStage.of(router));
    stages.add(sla.build());
    if (guardrails != null) {
      JsonNode writers = wiring.object(guardrails, "$.guardrails", "singleWriter", false);
      if (writers != null) {
        SingleWriterGuardrail.Builder b = SingleWriterGuardrail.builder();
        for (String property : ConfigJson.fields(writers).keySet()) {
          List<String> names = wiring.texts(writers, "$.guardrails.singleWriter", property, true);
          b.property(property, names.toArray(new String[0]));
        }
        stages.add(b.build());
      }
      JsonNode suppression = wiring.object(guardrails, "$.guardrails", "suppression", false);
      if (suppression != null) {
        stages.add(suppression(wiring, suppression, "$.guardrails.suppression", model));
      }
      JsonNode caps = wiring.object(guardrails, "$.guardrails", "frequencyCap", false);
      if (caps != null) {
        stages.add(frequencyCap(wiring, caps, "$.guardrails.frequencyCap"));
      }
    }
    return new LeadHandoff(directory, ruleSetName, model, owners, router, stages);
  }

  /**
   * Loads a journey model: {@code {"name": ..., "initialState": ..., "transitions": {"FROM":
   * ["TO", ...], ...}}}; every state is a key of {@code transitions}.
   *
   * @throws InvalidConfigurationException for the first problem, with its JSON path
   */
  public static JourneyModel loadModel(Path file) {
    ConfigJson json = ConfigJson.read(file);
    JsonNode root = json.root();
    json.onlyFields(root, "$", Set.of("name", "initialState", "transitions"));
    JsonNode transitions = json.object(root, "$", "transitions", true);
    Map<String, JsonNode> table = ConfigJson.fields(transitions);
    if (table.isEmpty()) {
      throw json.problem("$.transitions", "an object with one entry per state", "empty");
    }
    String initial = json.text(root, "$", "initialState");
    if (!table.containsKey(initial)) {
      throw json.problem("$.initialState", "one of the states " + table.keySet(), "'" + initial + "'");
    }
    try {
      JourneyModel.Builder b =
          JourneyModel.builder(json.text(root, "$", "name")).states(table.keySet().toArray(new String[0]));
      b.initialState(initial);
      for (String from : table.keySet()) {
        List<String> targets = json.texts(transitions, "$.transitions", from, true);
        for (int i = 0; i < targets.size(); i++) {
          if (!table.containsKey(targets.get(i))) {
            throw json.problem(
                "$.transitions." + from + "[" + i + "]",
                "one of the states " + table.keySet(),
                "'" + targets.get(i) + "'");
          }
        }
        if (!targets.isEmpty()) {
          b.allow(from, targets.toArray(new String[0]));
        }
      }
      return b.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw json.problem("$", "a valid journey model", e.getMessage());
    }
  }

  /**
   * Returns the signals with, right after each deal signal that names a contact ({@value
   * #CONTACT_ID}), a copy for that contact: same type, time, source and attributes plus {@value
   * #DEAL_ID}, id {@code contact-<contactId>~<deal signal id>}. Other signals are unchanged.
   */
  public static List<Signal> withContactCopies(List<Signal> signals) {
    List<Signal> out = new ArrayList<>(signals.size() + signals.size() / 20);
    for (Signal signal : signals) {
      out.add(signal);
      contactCopy(signal).ifPresent(out::add);
    }
    return out;
  }

  /** The contact copy of a deal signal that names its contact; empty for any other signal. */
  public static java.util.Optional<Signal> contactCopy(Signal signal) {
    if (signal.subject().type() != ObjectType.DEAL) {
      return java.util.Optional.empty();
    }
    return signal
        .stringAttribute(CONTACT_ID)
        .filter(id -> !id.isBlank())
        .map(
            contactId -> {
              Map<String, Object> attributes = new LinkedHashMap<>(signal.attributes());
              attributes.put(DEAL_ID, signal.subject().id());
              return Signal.builder()
                  .id("contact-" + contactId + "~" + signal.id())
                  .subject(SubjectRef.contact(contactId))
                  .type(signal.type())
                  .occurredAt(signal.occurredAt())
                  .source(signal.source())
                  .attributes(attributes)
                  .build();
            });
  }

  /**
   * The rule set of one version: every {@code .drl} file under {@code rules/<version>/}, named
   * after the wiring's {@code ruleSet}.
   *
   * @throws IllegalArgumentException when the version's directory does not exist
   */
  public RuleSet ruleSet(String version) {
    return ruleSet(directory.resolve(RULES).resolve(version));
  }

  /**
   * The rule set of a directory of {@code .drl} files; its version is the directory's name.
   *
   * @throws IllegalArgumentException when it is not a directory or its name is not a valid version
   */
  public RuleSet ruleSet(Path rulesDirectory) {
    Objects.requireNonNull(rulesDirectory, "rulesDirectory");
    Path name = rulesDirectory.toAbsolutePath().normalize().getFileName();
    return RuleSet.builder(ruleSetName, name == null ? "" : name.toString()).directory(rulesDirectory).build();
  }

  /** The example's directory. */
  public Path directory() {
    return directory;
  }

  /** The rule set's name (also the writer name the single-writer guardrail checks). */
  public String ruleSetName() {
    return ruleSetName;
  }

  /** The journey model. */
  public JourneyModel model() {
    return model;
  }

  /** The owner directory. */
  public InMemoryOwnerDirectory owners() {
    return owners;
  }

  /** The router with the routing policies. */
  public Router router() {
    return router;
  }

  /** The decision stages, in the order they run. */
  public List<DecisionStage> stages() {
    return stages;
  }

  /**
   * The journey: this wiring's model and stages with {@code evaluator} (one of the rule-set
   * versions, a shadow or a rollout), named after the rule set, with HubSpot's action effects
   * (deal stage, pipeline and recycle reason recorded on the snapshot).
   */
  public JourneyDefinition definition(JourneyEvaluator evaluator) {
    return JourneyDefinition.builder(ruleSetName)
        .model(model)
        .evaluator(evaluator)
        .stages(stages)
        .effects(HubSpotActionEffects.table())
        .build();
  }

  @Override
  public String toString() {
    return "LeadHandoff[" + directory + ", rule set " + ruleSetName + ", " + stages.size() + " stages]";
  }

  // ---------------------------------------------------------------------------------------------

  private static String readString(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new InvalidConfigurationException(file.toString(), "$", "an existing, readable file", "missing");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static Map<String, BusinessCalendar> calendars(ConfigJson owners) {
    Map<String, BusinessCalendar> calendars = new LinkedHashMap<>();
    JsonNode node = owners.object(owners.root(), "$", "calendars", false);
    if (node != null) {
      ConfigJson.fields(node)
          .forEach(
              (name, calendar) ->
                  calendars.put(
                      name, BusinessCalendar.fromJson(owners.source() + " $.calendars." + name, calendar.toString())));
    }
    return calendars;
  }

  private static RoutingPolicy routingPolicy(ConfigJson json, JsonNode node, String path) {
    if (!node.isObject()) {
      throw json.problem(path, "a JSON object", ConfigJson.kind(node));
    }
    json.onlyFields(
        node, path, Set.of("name", "sticky", "match", "territory", "segment", "roundRobin", "fallbackQueue"));
    try {
      RoutingPolicy.Builder b = RoutingPolicy.builder(json.text(node, path, "name"));
      List<String> sticky = json.texts(node, path, "sticky", false);
      if (!sticky.isEmpty()) {
        b.sticky(sticky.toArray(new String[0]));
      }
      List<JsonNode> matches = json.array(node, path, "match", false);
      for (int i = 0; i < matches.size(); i++) {
        JsonNode m = matches.get(i);
        String at = path + ".match[" + i + "]";
        json.onlyFields(m, at, Set.of("label", "attribute", "pools"));
        Map<String, String> table = new LinkedHashMap<>();
        JsonNode pools = json.object(m, at, "pools", true);
        for (String key : ConfigJson.fields(pools).keySet()) {
          table.put(key, json.text(pools, at + ".pools", key));
        }
        b.match(json.text(m, at, "label"), json.text(m, at, "attribute"), table);
      }
      JsonNode territory = json.object(node, path, "territory", false);
      if (territory != null) {
        json.onlyFields(territory, path + ".territory", Set.of("attribute", "pool"));
        b.territory(json.text(territory, path + ".territory", "attribute"), json.text(territory, path + ".territory", "pool"));
      }
      JsonNode segment = json.object(node, path, "segment", false);
      if (segment != null) {
        json.onlyFields(segment, path + ".segment", Set.of("attribute", "pool"));
        b.segment(json.text(segment, path + ".segment", "attribute"), json.text(segment, path + ".segment", "pool"));
      }
      if (node.has("roundRobin")) {
        b.roundRobin(json.text(node, path, "roundRobin"));
      }
      return b.fallbackQueue(json.text(node, path, "fallbackQueue")).build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw json.problem(path, "a valid routing policy", e.getMessage());
    }
  }

  private static BusinessCalendar calendar(
      ConfigJson json, JsonNode node, String path, Map<String, BusinessCalendar> calendars) {
    String name = json.text(node, path, "calendar");
    BusinessCalendar calendar = calendars.get(name);
    if (calendar == null) {
      throw json.problem(
          path + ".calendar", "the name of a calendar of the owner directory " + calendars.keySet(), "'" + name + "'");
    }
    return calendar;
  }

  private static SlaPolicy slaPolicy(
      ConfigJson json, JsonNode node, String path, Map<String, BusinessCalendar> calendars, Router router) {
    if (!node.isObject()) {
      throw json.problem(path, "a JSON object", ConfigJson.kind(node));
    }
    json.onlyFields(
        node,
        path,
        Set.of("name", "target", "calendar", "satisfiedBy", "reminders", "escalationWindow", "reassignWith", "alternateQueue"));
    SlaPolicy.Builder b =
        SlaPolicy.builder(json.text(node, path, "name"))
            .target(json.duration(node, path, "target"))
            .calendar(calendar(json, node, path, calendars));
    List<String> satisfiedBy = json.texts(node, path, "satisfiedBy", true);
    try {
      b.satisfiedBy(satisfiedBy.toArray(new String[0]));
      List<JsonNode> reminders = json.array(node, path, "reminders", false);
      for (int i = 0; i < reminders.size(); i++) {
        b.reminderAt(json.number(reminders.get(i), path + ".reminders[" + i + "]"));
      }
      if (node.has("escalationWindow")) {
        b.escalationWindow(json.duration(node, path, "escalationWindow"));
      }
      if (node.has("reassignWith")) {
        String policy = json.text(node, path, "reassignWith");
        if (router.policy(policy).isEmpty()) {
          throw json.problem(
              path + ".reassignWith", "the name of a routing policy " + router.policyNames(), "'" + policy + "'");
        }
        b.reassignWith(policy);
      }
      if (node.has("alternateQueue")) {
        b.alternateQueue(json.text(node, path, "alternateQueue"));
      }
      return b.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw json.problem(path, "a valid SLA policy", e.getMessage());
    }
  }

  private static InactivityPolicy inactivityPolicy(
      ConfigJson json, JsonNode node, String path, Map<String, BusinessCalendar> calendars) {
    if (!node.isObject()) {
      throw json.problem(path, "a JSON object", ConfigJson.kind(node));
    }
    json.onlyFields(node, path, Set.of("name", "businessDays", "calendar", "qualifying"));
    try {
      return InactivityPolicy.builder(json.text(node, path, "name"))
          .businessDays(json.positiveInt(node, path, "businessDays"))
          .calendar(calendar(json, node, path, calendars))
          .qualifying(json.texts(node, path, "qualifying", true).toArray(new String[0]))
          .build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw json.problem(path, "a valid inactivity policy", e.getMessage());
    }
  }

  private static EntryGuardrail entry(ConfigJson json, JsonNode node, String path, JourneyModel model) {
    if (!node.isObject()) {
      throw json.problem(path, "a JSON object", ConfigJson.kind(node));
    }
    json.onlyFields(node, path, Set.of("state", "requireAtLeast", "maxEntries", "reentryCooldown"));
    String state = state(json, node, path, "state", model);
    try {
      EntryGuardrail.Builder b = EntryGuardrail.builder(state);
      JsonNode minimums = json.object(node, path, "requireAtLeast", false);
      if (minimums != null) {
        for (Map.Entry<String, JsonNode> e : ConfigJson.fields(minimums).entrySet()) {
          b.requireAtLeast(e.getKey(), json.number(e.getValue(), path + ".requireAtLeast." + e.getKey()));
        }
      }
      if (node.has("maxEntries")) {
        b.maxEntries(json.positiveInt(node, path, "maxEntries"));
      }
      if (node.has("reentryCooldown")) {
        b.reentryCooldown(json.duration(node, path, "reentryCooldown"));
      }
      return b.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw json.problem(path, "a valid entry guardrail", e.getMessage());
    }
  }

  private static String state(ConfigJson json, JsonNode node, String path, String field, JourneyModel model) {
    String state = json.text(node, path, field);
    if (!model.hasState(state)) {
      throw json.problem(path + "." + field, "one of the model's states " + model.states(), "'" + state + "'");
    }
    return state;
  }

  private static SuppressionGuardrail suppression(
      ConfigJson json, JsonNode node, String path, JourneyModel model) {
    json.onlyFields(node, path, Set.of("suppressOnEntering", "resumeOnEntering"));
    SuppressionGuardrail.Builder b = SuppressionGuardrail.builder();
    JsonNode on = json.object(node, path, "suppressOnEntering", true);
    for (String state : ConfigJson.fields(on).keySet()) {
      if (!model.hasState(state)) {
        throw json.problem(
            path + ".suppressOnEntering." + state, "one of the model's states " + model.states(), "'" + state + "'");
      }
      b.suppressOnEntering(state, json.texts(on, path + ".suppressOnEntering", state, true).toArray(new String[0]));
    }
    List<String> resume = json.texts(node, path, "resumeOnEntering", false);
    for (int i = 0; i < resume.size(); i++) {
      if (!model.hasState(resume.get(i))) {
        throw json.problem(
            path + ".resumeOnEntering[" + i + "]", "one of the model's states " + model.states(), "'" + resume.get(i) + "'");
      }
    }
    if (!resume.isEmpty()) {
      b.resumeOnEntering(resume.toArray(new String[0]));
    }
    return b.build();
  }

  private static FrequencyCapGuardrail frequencyCap(ConfigJson json, JsonNode node, String path) {
    json.onlyFields(node, path, Set.of("zone", "perDay"));
    String zoneText = json.text(node, path, "zone");
    ZoneId zone;
    try {
      zone = ZoneId.of(zoneText);
    } catch (DateTimeException e) {
      throw json.problem(path + ".zone", "an IANA time-zone id such as Europe/Berlin or UTC", "'" + zoneText + "'");
    }
    FrequencyCapGuardrail.Builder b = FrequencyCapGuardrail.builder(zone);
    JsonNode perDay = json.object(node, path, "perDay", true);
    for (Map.Entry<String, JsonNode> e : ConfigJson.fields(perDay).entrySet()) {
      ActionKind kind;
      try {
        kind = ActionKind.valueOf(e.getKey());
      } catch (IllegalArgumentException ex) {
        throw json.problem(
            path + ".perDay." + e.getKey(), "an action kind " + java.util.Arrays.toString(ActionKind.values()), "'" + e.getKey() + "'");
      }
      b.perDay(kind, json.positiveInt(perDay, path + ".perDay", e.getKey()));
    }
    return b.build();
  }


}
