package dev.journey.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journey.core.Alias;
import dev.journey.core.action.ActionKind;
import dev.journey.core.calendar.BusinessCalendar;
import dev.journey.core.catalog.AttributeSpec;
import dev.journey.core.catalog.AttributeType;
import dev.journey.core.catalog.SignalCatalog;
import dev.journey.core.catalog.SignalTypeSpec;
import dev.journey.core.engine.CrossJourneyPolicy;
import dev.journey.core.engine.HostedJourney;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.feature.Condition;
import dev.journey.core.feature.FeatureDefinition;
import dev.journey.core.feature.FeatureSet;
import dev.journey.core.handoff.HandoffContext;
import dev.journey.core.feature.LogisticModel;
import dev.journey.core.feature.PointsModel;
import dev.journey.core.feature.Segment;
import dev.journey.core.feature.SignalMatch;
import dev.journey.core.guardrail.EntryGuardrail;
import dev.journey.core.identity.IdentityPolicy;
import dev.journey.core.identity.StatePrecedence;
import dev.journey.core.guardrail.FrequencyCapGuardrail;
import dev.journey.core.guardrail.LoopProtectionGuardrail;
import dev.journey.core.guardrail.SingleWriterGuardrail;
import dev.journey.core.guardrail.SuppressionGuardrail;
import dev.journey.core.metrics.Dimension;
import dev.journey.core.metrics.Dispositions;
import dev.journey.core.metrics.Milestone;
import dev.journey.core.metrics.MetricsDefinition;
import dev.journey.core.routing.InMemoryOwnerDirectory;
import dev.journey.core.routing.Owner;
import dev.journey.core.routing.Pool;
import dev.journey.core.routing.Router;
import dev.journey.core.routing.RoutingPolicy;
import dev.journey.core.routing.RoutingStage;
import dev.journey.core.sla.InactivityPolicy;
import dev.journey.core.sla.SlaPolicy;
import dev.journey.core.sla.SlaStage;
import dev.journey.core.spi.DecisionStage;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.core.spi.RuleSetSources;
import dev.journey.core.state.JourneyModel;
import dev.journey.drools.CompiledRuleSet;
import dev.journey.drools.DroolsEvaluator;
import dev.journey.drools.RuleSet;
import dev.journey.drools.RuleSetRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One journey loaded from one JSON configuration file: its model, rule set, business calendars,
 * owner directory, routing, SLA and inactivity policies and guardrails, ready to become a {@link
 * JourneyDefinition}. The format is documented in {@code docs/configuration.md} and published as a
 * JSON Schema ({@value #SCHEMA_RESOURCE} on the class path).
 *
 * <p>Loading reads the file strictly (duplicate keys are malformed JSON), validates it against the
 * schema, then checks what a schema cannot: every reference (a calendar, a state of the model, a
 * routing policy, a pool member, an action kind, a time zone) must name something that exists.
 * The first problem is reported as a {@link JourneyConfigException} naming the file, the JSON
 * Pointer and what is allowed there.
 *
 * <p>The evaluator is either the DRL rule-set directory the file names ({@code rules.directory},
 * compiled through journey-drools) or one the application supplies, for the same wiring:
 *
 * <pre>{@code
 * JourneyConfig config = JourneyConfig.load(Path.of("journey.json"));
 * JourneyDefinition withDrl = config.definition(registry);       // rules.directory, compiled
 * JourneyDefinition withJava = config.definition(myJavaRuleSet); // any JourneyEvaluator
 * JourneyEngine engine = JourneyEngine.builder().definition(withDrl).clock(clock).build();
 * }</pre>
 *
 * <p>Stages run in the order {@code docs/routing-and-slas.md} recommends: loop protection, entry
 * criteria, routing, SLAs, single writer, suppression, frequency caps; a section the file leaves
 * out adds no stage.
 *
 * <p><b>Several journeys.</b> A file may list further journeys ({@code journeys}), each in its own
 * file of one journey, with how an engine hosts it (priority, entry signal types, exit states,
 * owned properties, re-entry), declare how its own journey is hosted as the primary one ({@code
 * hosting}) and the central suppression policy across them ({@code policy}); see {@code
 * docs/several-journeys.md}:
 *
 * <pre>{@code
 * JourneyEngine.Builder engine = JourneyEngine.builder().clock(clock);
 * config.hostedJourneys(registry).forEach(engine::journey); // this file's journey first
 * config.policy().ifPresent(engine::policy);
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class JourneyConfig {
  /** The class-path resource of the JSON Schema of the format. */
  public static final String SCHEMA_RESOURCE = "dev/journey/config/journey.schema.json";
  /** The calendar every file has without defining it: always open, in UTC. */
  public static final String ALWAYS_OPEN = "always";

  private static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

  private final Path file;
  private final String name;
  private final JourneyModel model;
  private final String ruleSetName;
  private final Optional<Path> rulesDirectory;
  private final Map<String, BusinessCalendar> calendars;
  private final InMemoryOwnerDirectory owners;
  private final Optional<Router> router;
  private final List<DecisionStage> stages;
  private final Optional<MetricsDefinition> metrics;
  private final FeatureSet features;
  private final Optional<SignalCatalog> signalCatalog;
  private final Optional<IdentityConfig> identity;
  private final Hosting hosting;
  private final List<JourneyConfig> journeys;
  private final Optional<CrossJourneyPolicy> policy;
  private final String text;
  private final Map<String, String> archivedFiles;

  private JourneyConfig(Loader l) {
    this.file = l.path;
    this.name = l.name;
    this.model = l.model;
    this.ruleSetName = l.ruleSetName;
    this.rulesDirectory = l.rulesDirectory;
    this.calendars = Collections.unmodifiableMap(new LinkedHashMap<>(l.calendars));
    this.owners = l.owners;
    this.router = l.router;
    this.stages = List.copyOf(l.stages);
    this.metrics = l.metrics;
    this.features = l.features;
    this.signalCatalog = l.signalCatalog;
    this.identity = l.identity;
    this.hosting = l.hosting;
    this.journeys = List.copyOf(l.journeys);
    this.policy = l.policy;
    this.text = l.doc.text();
    Map<String, String> files = new java.util.TreeMap<>(l.archived);
    files.put(RuleSetSources.CONFIG, text);
    this.archivedFiles = Map.copyOf(files);
  }

  /** The identity step the file declares ({@code identity}), if any. */
  public Optional<IdentityConfig> identity() {
    return identity;
  }

  /**
   * Loads a journey configuration file. Relative paths inside it (the rule-set directory) are
   * resolved against the file's directory.
   *
   * @throws JourneyConfigException naming the file, the JSON Pointer and what is allowed, for the
   *     first problem (a missing file included)
   * @throws java.io.UncheckedIOException when the file exists but cannot be read
   */
  public static JourneyConfig load(Path file) {
    Objects.requireNonNull(file, "file");
    ConfigDocument document = ConfigDocument.read(file);
    SchemaCheck.validate(document);
    return new JourneyConfig(new Loader(file, document).load());
  }

  /**
   * Loads the features of a file: a journey configuration file's {@code features}, or a features
   * file ({@code {"format": 1, "features": {...}}}, validated against the same schema's {@code
   * features}) that holds another version of them, say to compare with {@code journey features
   * diff} before activating it.
   *
   * @throws JourneyConfigException naming the file, the JSON Pointer and what is allowed, for the
   *     first problem
   */
  public static FeatureSet loadFeatures(Path file) {
    Objects.requireNonNull(file, "file");
    ConfigDocument document = ConfigDocument.read(file);
    if (document.root().has("model")) {
      return load(file).features();
    }
    SchemaCheck.validateFeatures(document);
    return new Loader(file, document).features(document.root().path("features"));
  }

  /** The JSON Schema of the format, as a fresh tree (what {@link #SCHEMA_RESOURCE} holds). */
  public static JsonNode schema() {
    return SchemaCheck.schemaNode();
  }

  /** The file this configuration was loaded from. */
  public Path file() {
    return file;
  }

  /** The journey's name ({@code name}); also the model's name. */
  public String name() {
    return name;
  }

  /** The journey model ({@code model}). */
  public JourneyModel model() {
    return model;
  }

  /**
   * The rule set's name ({@code rules.ruleSet}), which is also the writer name single-writer
   * guardrails check; the journey's name when the file has no {@code rules}.
   */
  public String ruleSetName() {
    return ruleSetName;
  }

  /** The DRL rule-set directory ({@code rules.directory}), resolved; empty when not named. */
  public Optional<Path> rulesDirectory() {
    return rulesDirectory;
  }

  /** The business calendars by name, {@value #ALWAYS_OPEN} included. */
  public Map<String, BusinessCalendar> calendars() {
    return calendars;
  }

  /** The owner directory ({@code owners}, {@code pools}); empty when the file has none. */
  public InMemoryOwnerDirectory owners() {
    return owners;
  }

  /** The router with the routing policies; empty when the file has no {@code routing}. */
  public Optional<Router> router() {
    return router;
  }

  /** The declared features ({@code features}); {@link FeatureSet#none()} when the file has none. */
  public FeatureSet features() {
    return features;
  }

  /** The decision stages, in the order they run. */
  public List<DecisionStage> stages() {
    return stages;
  }

  /**
   * The signal catalog ({@code signals}): the signal types the journey accepts and their
   * attributes; empty when the file declares none. When present, every definition this
   * configuration makes {@linkplain SignalCatalog#guard guards} its evaluator with it, so that the
   * engine rejects a signal that breaks it with a {@link
   * dev.journey.core.catalog.SignalCatalogException} before any rule sees it.
   */
  public Optional<SignalCatalog> signalCatalog() {
    return signalCatalog;
  }

  /**
   * The rule set of the file's {@code rules.directory}: every {@code .drl} file under it, named
   * {@link #ruleSetName()}, versioned by the directory's name.
   *
   * @throws IllegalStateException when the file names no rule-set directory
   */
  public RuleSet ruleSet() {
    return ruleSet(
        rulesDirectory.orElseThrow(
            () ->
                new IllegalStateException(
                    file + " names no rules.directory: pass a directory to ruleSet(Path) or supply"
                        + " an evaluator to definition(JourneyEvaluator)")));
  }

  /**
   * The rule set of another directory of {@code .drl} files with this journey's rule-set name
   * (say, a candidate version to run in shadow); its version is the directory's name.
   *
   * @throws IllegalArgumentException when it is not a directory of {@code .drl} files
   */
  public RuleSet ruleSet(Path directory) {
    Objects.requireNonNull(directory, "directory");
    Path dirName = directory.toAbsolutePath().normalize().getFileName();
    return RuleSet.builder(ruleSetName, dirName == null ? "" : dirName.toString()).directory(directory).build();
  }

  /**
   * What to measure, from the file's {@code metrics} section: milestones (states entered or signal
   * types received) in funnel order, intervals between them, the signal attributes of segment,
   * source and region, the calendars of business-hours durations (one per region value, else one
   * for all), the zone of cohort weeks and the declared dispositions; empty when the file has no
   * {@code metrics} section.
   */
  public Optional<MetricsDefinition> metrics() {
    return metrics;
  }

  /**
   * The journey with an evaluator the application supplies (Java rules, a shadow, a rollout),
   * guarded by the {@linkplain #signalCatalog() signal catalog} when the file declares one. When
   * the evaluator names {@linkplain JourneyEvaluator#sources() rule-set sources} (DRL), the
   * definition's evaluator adds this file to them as {@value RuleSetSources#CONFIG}, so that the
   * store archives the whole journey with each rule set.
   */
  public JourneyDefinition definition(JourneyEvaluator evaluator) {
    Objects.requireNonNull(evaluator, "evaluator");
    JourneyEvaluator guarded = signalCatalog.map(c -> c.guard(evaluator)).orElse(evaluator);
    return JourneyDefinition.builder(name)
        .model(model)
        .evaluator(guarded.sources().isEmpty() ? guarded : new WithConfig(guarded, archivedFiles))
        .stages(stages)
        .features(features)
        .build();
  }

  /**
   * The journey with the file's DRL rule set, compiled by {@code registry} (which caches by
   * content hash, so loading twice compiles once).
   *
   * @throws IllegalStateException when the file names no rule-set directory
   * @throws dev.journey.drools.RuleCompilationException when the rules do not compile
   */
  public JourneyDefinition definition(RuleSetRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    CompiledRuleSet compiled = registry.compile(ruleSet());
    return definition(DroolsEvaluator.of(compiled));
  }

  /**
   * The further journeys the file lists ({@code journeys}), each loaded from its own file and
   * carrying how it is hosted, in the file's order; empty for a file of one journey.
   */
  public List<JourneyConfig> journeys() {
    return journeys;
  }

  /** The central suppression policy across the journeys ({@code policy}); empty when none is declared. */
  public Optional<CrossJourneyPolicy> policy() {
    return policy;
  }

  /**
   * {@code definition} (this journey's, say from {@link #definition(RuleSetRegistry)}) hosted as
   * the file declares: priority, entry signal types, exit states, owned properties and re-entry
   * from {@code hosting} (the primary journey) or from the listing file's {@code journeys} entry.
   *
   * @throws IllegalArgumentException when {@code definition} is another journey's
   */
  public HostedJourney hosted(JourneyDefinition definition) {
    Objects.requireNonNull(definition, "definition");
    if (!definition.name().equals(name)) {
      throw new IllegalArgumentException(
          "a definition of journey '" + name + "' is hosted by its configuration, but was of '"
              + definition.name() + "'");
    }
    HostedJourney.Builder b =
        HostedJourney.builder(definition)
            .priority(hosting.priority())
            .entersOn(hosting.entersOn().toArray(new String[0]))
            .exitsAt(hosting.exitsAt().toArray(new String[0]))
            .owns(hosting.owns().toArray(new String[0]));
    hosting.reentry().ifPresent(b::reentersAfter);
    return b.build();
  }

  /**
   * This file's journey and every journey it lists, hosted as declared, this file's first (the
   * engine's primary journey), each with the definition {@code definitions} makes of its
   * configuration.
   */
  public List<HostedJourney> hostedJourneys(Function<JourneyConfig, JourneyDefinition> definitions) {
    Objects.requireNonNull(definitions, "definitions");
    List<HostedJourney> all = new ArrayList<>(1 + journeys.size());
    all.add(hosted(definitions.apply(this)));
    for (JourneyConfig journey : journeys) {
      all.add(journey.hosted(definitions.apply(journey)));
    }
    return List.copyOf(all);
  }

  /**
   * This file's journey and every journey it lists, hosted as declared, this file's first, each
   * with its own file's DRL rule set compiled by {@code registry}.
   *
   * @throws IllegalStateException when one of the files names no rule-set directory
   * @throws dev.journey.drools.RuleCompilationException when rules do not compile
   */
  public List<HostedJourney> hostedJourneys(RuleSetRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    return hostedJourneys(journey -> journey.definition(registry));
  }

  /**
   * An evaluator whose rule-set sources carry this file too ({@link RuleSetSources#CONFIG}), so
   * that a store's archive can rebuild the whole journey, not only its rules.
   */
  private static final class WithConfig implements JourneyEvaluator {
    private final JourneyEvaluator delegate;
    private final Map<String, String> files;

    WithConfig(JourneyEvaluator delegate, Map<String, String> files) {
      this.delegate = delegate;
      this.files = files;
    }

    @Override
    public dev.journey.core.decision.Decision evaluate(
        dev.journey.core.state.JourneySnapshot snapshot, dev.journey.core.Signal signal, java.time.Instant now) {
      return delegate.evaluate(snapshot, signal, now);
    }

    @Override
    public List<RuleSetSources> sources() {
      return delegate.sources().stream().map(s -> s.with(files)).toList();
    }

    @Override
    public String toString() {
      return delegate.toString();
    }
  }

  @Override
  public String toString() {
    return "JourneyConfig[" + name + " from " + file + ", " + stages.size() + " stages"
        + (journeys.isEmpty() ? "" : ", " + journeys.size() + " further journeys") + "]";
  }

  /** How an engine hosts the journey (see {@link HostedJourney}). */
  private record Hosting(
      int priority, List<String> entersOn, List<String> exitsAt, List<String> owns, Optional<Duration> reentry) {
    static final Hosting DEFAULT = new Hosting(0, List.of(), List.of(), List.of(), Optional.empty());
  }

  // ---------------------------------------------------------------------------------------------

  /** Turns a schema-valid document into the journey's parts, checking every reference. */
  private static final class Loader {
    private final Path path;
    private final ConfigDocument doc;
    private final JsonNode root;
    String name;
    JourneyModel model;
    String ruleSetName;
    Optional<Path> rulesDirectory = Optional.empty();
    final Map<String, BusinessCalendar> calendars = new LinkedHashMap<>();
    InMemoryOwnerDirectory owners;
    Optional<Router> router = Optional.empty();
    final List<DecisionStage> stages = new ArrayList<>();
    Optional<MetricsDefinition> metrics = Optional.empty();
    FeatureSet features = FeatureSet.none();
    /** Files the journey file refers to (its features file), by path relative to it, for the archive. */
    final Map<String, String> archived = new java.util.TreeMap<>();
    Optional<SignalCatalog> signalCatalog = Optional.empty();
    Optional<IdentityConfig> identity = Optional.empty();
    Hosting hosting = Hosting.DEFAULT;
    final List<JourneyConfig> journeys = new ArrayList<>();
    Optional<CrossJourneyPolicy> policy = Optional.empty();

    Loader(Path path, ConfigDocument doc) {
      this.path = path;
      this.doc = doc;
      this.root = doc.root();
    }

    Loader load() {
      name = root.get("name").asText();
      model = model(root.get("model"));
      rules(root.path("rules"));
      features = features(root.path("features"));
      if (root.has("featuresFile")) {
        if (root.has("features")) {
          throw doc.problem("/featuresFile", "either features or featuresFile, not both", "both");
        }
        Path parent = path.toAbsolutePath().getParent();
        String relative = root.get("featuresFile").asText();
        Path featuresPath = parent.resolve(relative).normalize();
        features = loadFeatures(featuresPath);
        Path base = parent.normalize();
        if (!Path.of(relative).isAbsolute() && featuresPath.startsWith(base)) {
          // archived beside the journey file, so that a store's archive rebuilds the journey
          try {
            archived.put(base.relativize(featuresPath).toString().replace('\\', '/'),
                Files.readString(featuresPath));
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + featuresPath + " again", e);
          }
        }
      }
      signalCatalog = signalCatalog(root.path("signals"));
      calendars.put(ALWAYS_OPEN, BusinessCalendar.alwaysOpen(ZoneOffset.UTC));
      ConfigDocument.fields(root.path("calendars")).forEach((n, c) -> calendars.put(n, calendar(c, "/calendars/" + esc(n))));
      owners = owners();
      List<JsonNode> routing = ConfigDocument.items(root.path("routing"));
      if (!routing.isEmpty()) {
        Router.Builder b = Router.builder().directory(owners);
        Set<String> seen = new TreeSet<>();
        for (int i = 0; i < routing.size(); i++) {
          String at = "/routing/" + i;
          RoutingPolicy policy = routingPolicy(routing.get(i), at);
          if (!seen.add(policy.name())) {
            throw doc.problem(at + "/name", "a routing policy name used once", "'" + policy.name() + "' again");
          }
          b.policy(policy);
        }
        router = Optional.of(b.build());
      }
      JsonNode guardrails = root.path("guardrails");
      JsonNode loops = guardrails.path("loopProtection");
      if (!loops.isMissingNode()) {
        String at = "/guardrails/loopProtection";
        stages.add(
            LoopProtectionGuardrail.builder()
                .maxDecisions(loops.get("maxDecisions").asInt())
                .window(duration(loops.get("window"), at + "/window"))
                .build());
      }
      List<JsonNode> entries = ConfigDocument.items(guardrails.path("entry"));
      for (int i = 0; i < entries.size(); i++) {
        stages.add(entry(entries.get(i), "/guardrails/entry/" + i));
      }
      router.ifPresent(r -> stages.add(RoutingStage.of(r)));
      slaStage().ifPresent(stages::add);
      JsonNode writers = guardrails.path("singleWriter");
      if (!writers.isMissingNode() && writers.size() > 0) {
        SingleWriterGuardrail.Builder b = SingleWriterGuardrail.builder();
        ConfigDocument.fields(writers)
            .forEach((property, names) -> b.property(property, ConfigDocument.texts(names).toArray(new String[0])));
        stages.add(b.build());
      }
      JsonNode suppression = guardrails.path("suppression");
      if (!suppression.isMissingNode()) {
        stages.add(suppression(suppression, "/guardrails/suppression"));
      }
      JsonNode caps = guardrails.path("frequencyCap");
      if (!caps.isMissingNode()) {
        stages.add(frequencyCap(caps, "/guardrails/frequencyCap"));
      }
      JsonNode handoff = root.path("handoff");
      if (!handoff.isMissingNode()) {
        stages.add(handoff(handoff, "/handoff"));
      }
      JsonNode measured = root.path("metrics");
      if (!measured.isMissingNode()) {
        metrics = Optional.of(metrics(measured));
      }
      JsonNode hosted = root.path("hosting");
      if (!hosted.isMissingNode()) {
        hosting = hosting(hosted, "/hosting", model, signalCatalog);
      }
      journeys();
      JsonNode declared = root.path("policy");
      if (!declared.isMissingNode()) {
        policy = Optional.of(policy(declared));
      }
      JsonNode declaredIdentity = root.path("identity");
      if (!declaredIdentity.isMissingNode()) {
        identity = Optional.of(identity(declaredIdentity, "/identity"));
      }
      return this;
    }

    /** The identity section: alias sources and the merge policy. */
    private IdentityConfig identity(JsonNode node, String at) {
      List<IdentityConfig.AliasSource> sources = new ArrayList<>();
      Set<String> attributes = new TreeSet<>();
      List<JsonNode> aliases = ConfigDocument.items(node.path("aliases"));
      for (int i = 0; i < aliases.size(); i++) {
        String where = at + "/aliases/" + i;
        String attribute = aliases.get(i).get("attribute").asText();
        String type = aliases.get(i).get("type").asText();
        if (!attributes.add(attribute)) {
          throw doc.problem(where + "/attribute", "an attribute named by one alias source", "'" + attribute + "' again");
        }
        sources.add(new IdentityConfig.AliasSource(attribute, aliasType(type, where + "/type")));
      }
      IdentityPolicy.Builder policy = IdentityPolicy.builder();
      List<String> unique = ConfigDocument.texts(node.path("unique"));
      for (int i = 0; i < unique.size(); i++) {
        policy.unique(aliasType(unique.get(i), at + "/unique/" + i));
      }
      ConfigDocument.fields(node.path("limits"))
          .forEach((type, max) -> policy.limit(aliasType(type, ConfigDocument.child(at + "/limits", type)), max.asInt()));
      JsonNode precedence = node.path("statePrecedence");
      if (precedence.isTextual()) {
        policy.statePrecedence(
            precedence.asText().equals("survivor") ? StatePrecedence.survivor() : StatePrecedence.moreAdvanced());
      } else if (precedence.isArray()) {
        List<String> ranked = ConfigDocument.texts(precedence);
        for (int i = 0; i < ranked.size(); i++) {
          if (!model.states().contains(ranked.get(i))) {
            throw doc.problem(at + "/statePrecedence/" + i, "one of the model's states " + model.states(),
                "'" + ranked.get(i) + "'");
          }
        }
        policy.statePrecedence(StatePrecedence.ranked(ranked.toArray(new String[0])));
      }
      JsonNode freeMail = node.path("freeMailDomains");
      if (!freeMail.isMissingNode()) {
        policy.freeMailDomains(new TreeSet<>(ConfigDocument.texts(freeMail)));
      }
      String key = node.path("keyEnvironment").asText(IdentityConfig.DEFAULT_KEY_ENVIRONMENT);
      return new IdentityConfig(sources, policy.build(), key);
    }

    private String aliasType(String type, String at) {
      if (type.equals(Alias.SUBJECT) || type.equals(Alias.ACCOUNT)) {
        throw doc.problem(at, "an alias type other than 'subject' and 'account' (the store writes those)", "'" + type + "'");
      }
      try {
        Alias.of(type, type.equals(Alias.EMAIL) ? "0".repeat(64) : "x");
      } catch (dev.journey.core.InvalidValueException e) {
        throw doc.problem(at, "an alias type: a lower-case letter or digit, then up to 63 of them, '.' or '-'",
            "'" + type + "'");
      }
      return type;
    }

    /** The listed journeys, each loaded from its own file of one journey. */
    private void journeys() {
      List<JsonNode> listed = ConfigDocument.items(root.path("journeys"));
      Set<String> names = new java.util.LinkedHashSet<>();
      names.add(name);
      Path base = path.toAbsolutePath().getParent();
      for (int i = 0; i < listed.size(); i++) {
        String at = "/journeys/" + i;
        JsonNode item = listed.get(i);
        String relative = item.get("file").asText();
        Path file = base == null ? Path.of(relative) : base.resolve(relative).normalize();
        if (!Files.isRegularFile(file)) {
          throw doc.problem(
              at + "/file",
              "a journey configuration file, relative to this file's directory",
              "'" + relative + "' (no such file: " + file + ")");
        }
        ConfigDocument nested = ConfigDocument.read(file);
        SchemaCheck.validate(nested);
        for (String own : List.of("journeys", "hosting", "policy")) {
          if (nested.root().has(own)) {
            throw doc.problem(
                at + "/file",
                "a file of one journey, without journeys, hosting or policy (a listed journey is hosted"
                    + " as its entry here says)",
                "'" + relative + "', which has /" + own);
          }
        }
        Loader loaded = new Loader(file, nested).load();
        if (!names.add(loaded.name)) {
          throw doc.problem(
              at + "/file",
              "a journey named unlike the file's other journeys " + names,
              "'" + relative + "', journey '" + loaded.name + "'");
        }
        loaded.hosting = hosting(item, at, loaded.model, loaded.signalCatalog);
        journeys.add(new JourneyConfig(loaded));
      }
    }

    /** A hosting declaration; its exit states are {@code journeyModel}'s. */
    private Hosting hosting(JsonNode node, String at, JourneyModel journeyModel, Optional<SignalCatalog> catalog) {
      List<String> exits = ConfigDocument.texts(node.path("exitsAt"));
      for (int i = 0; i < exits.size(); i++) {
        if (!journeyModel.hasState(exits.get(i))) {
          throw doc.problem(
              at + "/exitsAt/" + i,
              "one of journey " + journeyModel.name() + "'s states " + journeyModel.states(),
              "'" + exits.get(i) + "'");
        }
      }
      List<String> entry = ConfigDocument.texts(node.path("entersOn"));
      if (catalog.isPresent()) {
        for (int i = 0; i < entry.size(); i++) {
          if (catalog.get().type(entry.get(i)).isEmpty()) {
            throw doc.problem(
                at + "/entersOn/" + i,
                "a signal type the journey's catalog declares " + catalog.get().types().keySet(),
                "'" + entry.get(i) + "'");
          }
        }
      }
      Optional<Duration> reentry = Optional.empty();
      if (node.has("reentersAfter")) {
        if (exits.isEmpty()) {
          throw doc.problem(at + "/reentersAfter", "absent unless exitsAt names the states to re-enter from", "present");
        }
        reentry = Optional.of(duration(node.get("reentersAfter"), at + "/reentersAfter"));
      }
      return new Hosting(
          node.path("priority").asInt(0), entry, exits, ConfigDocument.texts(node.path("owns")), reentry);
    }

    /** The policy section: every journey, state and action kind it names must exist. */
    private CrossJourneyPolicy policy(JsonNode node) {
      Map<String, JourneyModel> models = new LinkedHashMap<>();
      models.put(name, model);
      journeys.forEach(j -> models.put(j.name(), j.model()));
      CrossJourneyPolicy.Builder b = CrossJourneyPolicy.builder();
      for (Map.Entry<String, JsonNode> e : ConfigDocument.fields(node.path("salesMotion")).entrySet()) {
        String at = "/policy/salesMotion/" + esc(e.getKey());
        JourneyModel m = journey(models, e.getKey(), at);
        List<String> states = ConfigDocument.texts(e.getValue());
        for (int i = 0; i < states.size(); i++) {
          if (!m.hasState(states.get(i))) {
            throw doc.problem(at + "/" + i, "one of journey " + m.name() + "'s states " + m.states(), "'" + states.get(i) + "'");
          }
        }
        b.salesMotion(e.getKey(), states.toArray(new String[0]));
      }
      List<String> marketing = ConfigDocument.texts(node.path("marketing"));
      for (int i = 0; i < marketing.size(); i++) {
        journey(models, marketing.get(i), "/policy/marketing/" + i);
      }
      b.marketing(marketing.toArray(new String[0]));
      List<String> outreach = ConfigDocument.texts(node.path("outreach"));
      if (!outreach.isEmpty()) {
        List<ActionKind> kinds = new ArrayList<>();
        for (int i = 0; i < outreach.size(); i++) {
          kinds.add(actionKind(outreach.get(i), "/policy/outreach/" + i));
        }
        b.outreach(kinds.toArray(new ActionKind[0]));
      }
      boolean unenroll = node.path("unenrollRunningSequences").asBoolean(false);
      if (unenroll && node.has("markPausedWith")) {
        throw doc.problem(
            "/policy/markPausedWith",
            "absent when unenrollRunningSequences is true (running sequences are unenrolled or marked, not both)",
            ConfigDocument.describe(node.get("markPausedWith")));
      }
      if (unenroll) {
        b.unenrollRunningSequences();
      }
      if (node.has("markPausedWith")) {
        b.markPausedWith(node.get("markPausedWith").asText());
      }
      List<JsonNode> caps = ConfigDocument.items(node.path("capsPerDay"));
      for (int i = 0; i < caps.size(); i++) {
        String at = "/policy/capsPerDay/" + i;
        JsonNode cap = caps.get(i);
        ActionKind kind = actionKind(cap.get("kind").asText(), at + "/kind");
        if (cap.has("journey")) {
          journey(models, cap.get("journey").asText(), at + "/journey");
          b.capPerDay(cap.get("journey").asText(), kind, cap.get("max").asInt());
        } else {
          b.capPerDay(kind, cap.get("max").asInt());
        }
      }
      if (node.has("zone")) {
        b.zone(zone(node.get("zone"), "/policy/zone"));
      }
      return b.build();
    }

    private JourneyModel journey(Map<String, JourneyModel> models, String journey, String at) {
      JourneyModel m = models.get(journey);
      if (m == null) {
        throw doc.problem(at, "one of the file's journeys " + models.keySet(), "'" + journey + "'");
      }
      return m;
    }

    private ActionKind actionKind(String kind, String at) {
      try {
        return ActionKind.valueOf(kind);
      } catch (IllegalArgumentException e) {
        throw doc.problem(at, "an action kind, one of " + Arrays.toString(ActionKind.values()), "'" + kind + "'");
      }
    }

    /** The metrics section: every name it uses must exist (states, milestones, calendars, a zone). */
    private MetricsDefinition metrics(JsonNode node) {
      MetricsDefinition.Builder b = MetricsDefinition.builder(name);
      List<String> states = model.states().stream().sorted().toList();
      List<String> milestoneNames = new ArrayList<>();
      List<JsonNode> milestones = ConfigDocument.items(node.get("milestones"));
      for (int i = 0; i < milestones.size(); i++) {
        String at = "/metrics/milestones/" + i;
        JsonNode m = milestones.get(i);
        String milestone = m.get("name").asText();
        if (m.has("state") == m.has("signal")) {
          throw doc.problem(at, "exactly one of the fields [state, signal]", m.has("state") ? "both" : "neither");
        }
        if (milestoneNames.contains(milestone)) {
          throw doc.problem(at + "/name", "a milestone name used once", "'" + milestone + "' again");
        }
        milestoneNames.add(milestone);
        if (m.has("state")) {
          List<String> named = ConfigDocument.texts(m.get("state"));
          for (int j = 0; j < named.size(); j++) {
            if (!model.states().contains(named.get(j))) {
              throw doc.problem(at + "/state/" + j, "one of the model's states " + states, "'" + named.get(j) + "'");
            }
          }
          b.milestone(Milestone.state(milestone, named.toArray(new String[0])));
        } else {
          declaredTypes(m.get("signal"), at + "/signal");
          b.milestone(Milestone.signal(milestone, ConfigDocument.texts(m.get("signal")).toArray(new String[0])));
        }
      }
      List<JsonNode> intervals = ConfigDocument.items(node.path("intervals"));
      Set<String> intervalNames = new TreeSet<>();
      for (int i = 0; i < intervals.size(); i++) {
        String at = "/metrics/intervals/" + i;
        JsonNode interval = intervals.get(i);
        for (String end : List.of("from", "to")) {
          String ref = interval.get(end).asText();
          if (!milestoneNames.contains(ref)) {
            throw doc.problem(at + "/" + end, "one of the milestones " + milestoneNames, "'" + ref + "'");
          }
        }
        if (!intervalNames.add(interval.get("name").asText())) {
          throw doc.problem(at + "/name", "an interval name used once", "'" + interval.get("name").asText() + "' again");
        }
        b.interval(interval.get("name").asText(), interval.get("from").asText(), interval.get("to").asText());
      }
      JsonNode attributes = node.path("attributes");
      Map<String, Dimension> dimensions = Map.of("segment", Dimension.SEGMENT, "source", Dimension.SOURCE, "region", Dimension.REGION);
      ConfigDocument.fields(attributes).forEach((key, value) -> b.attribute(dimensions.get(key), value.asText()));
      if (node.has("calendar")) {
        b.calendar(calendarRef(node.get("calendar"), "/metrics/calendar"));
      }
      ConfigDocument.fields(node.path("regionCalendars"))
          .forEach((region, ref) -> b.calendar(region, calendarRef(ref, "/metrics/regionCalendars/" + esc(region))));
      if (node.has("cohortZone")) {
        b.cohortZone(zone(node.get("cohortZone"), "/metrics/cohortZone"));
      }
      List<JsonNode> dispositions = ConfigDocument.items(node.path("dispositions"));
      if (!dispositions.isEmpty()) {
        Dispositions.Builder d = Dispositions.builder();
        for (int i = 0; i < dispositions.size(); i++) {
          String at = "/metrics/dispositions/" + i;
          JsonNode item = dispositions.get(i);
          List<String> from = ConfigDocument.texts(item.path("from"));
          for (int j = 0; j < from.size(); j++) {
            if (!model.states().contains(from.get(j))) {
              throw doc.problem(at + "/from/" + j, "one of the model's states " + states, "'" + from.get(j) + "'");
            }
          }
          try {
            d.declare(
                Dispositions.Exit.valueOf(item.get("exit").asText()),
                new java.util.LinkedHashSet<>(from),
                ConfigDocument.texts(item.get("codes")).toArray(new String[0]));
          } catch (IllegalArgumentException e) {
            throw doc.problem(at + "/codes", "reason codes with one exit per state, each listed once", e.getMessage());
          }
        }
        b.dispositions(d.build());
      }
      return b.build();
    }

    private Optional<SignalCatalog> signalCatalog(JsonNode node) {
      if (node.isMissingNode()) {
        return Optional.empty();
      }
      SignalCatalog.Builder b = SignalCatalog.builder();
      for (Map.Entry<String, JsonNode> type : ConfigDocument.fields(node).entrySet()) {
        String at = "/signals/" + esc(type.getKey());
        List<AttributeSpec> attributes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> a : ConfigDocument.fields(type.getValue().path("attributes")).entrySet()) {
          attributes.add(attribute(a.getKey(), a.getValue(), at + "/attributes/" + esc(a.getKey())));
        }
        SignalTypeSpec spec = SignalTypeSpec.of(type.getKey(), attributes.toArray(new AttributeSpec[0]));
        b.type(type.getValue().path("openAttributes").asBoolean(false) ? spec.withOpenAttributes() : spec);
      }
      return Optional.of(b.build());
    }

    private AttributeSpec attribute(String name, JsonNode node, String at) {
      AttributeType type = AttributeType.valueOf(node.get("type").asText().toUpperCase(java.util.Locale.ROOT));
      boolean numeric = type == AttributeType.INTEGER || type == AttributeType.NUMBER;
      if (node.has("enum") && type != AttributeType.STRING) {
        throw doc.problem(at + "/enum", "absent: allowed values are for strings only", "present on a " + type.jsonName());
      }
      for (String bound : List.of("minimum", "maximum")) {
        if (node.has(bound) && !numeric) {
          throw doc.problem(at + "/" + bound, "absent: a range is for integers and numbers only", "present on a " + type.jsonName());
        }
      }
      if (node.has("minimum") && node.has("maximum") && node.get("minimum").asDouble() > node.get("maximum").asDouble()) {
        throw doc.problem(
            at + "/maximum", "a number >= the minimum (" + node.get("minimum") + ")", "number " + node.get("maximum"));
      }
      AttributeSpec spec = AttributeSpec.of(name, type);
      if (node.path("required").asBoolean(false)) {
        spec = spec.asRequired();
      }
      if (node.has("enum")) {
        spec = spec.oneOf(ConfigDocument.texts(node.get("enum")).toArray(new String[0]));
      }
      if (node.has("minimum")) {
        spec = spec.atLeast(node.get("minimum").asDouble());
      }
      if (node.has("maximum")) {
        spec = spec.atMost(node.get("maximum").asDouble());
      }
      return spec;
    }

    /** With a catalog, a signal type the file names must be one it declares. */
    private void declaredType(String type, String at) {
      if (signalCatalog.isPresent() && signalCatalog.get().type(type).isEmpty()) {
        throw doc.problem(at, "a signal type declared in /signals " + signalCatalog.get().types().keySet(), "'" + type + "'");
      }
    }

    private void declaredTypes(JsonNode names, String at) {
      List<String> list = ConfigDocument.texts(names);
      for (int i = 0; i < list.size(); i++) {
        declaredType(list.get(i), at + "/" + i);
      }
    }

    private static String esc(String name) {
      return name.replace("~", "~0").replace("/", "~1");
    }

    private JourneyModel model(JsonNode node) {
      Map<String, JsonNode> table = ConfigDocument.fields(node.get("transitions"));
      String initial = node.get("initialState").asText();
      if (!table.containsKey(initial)) {
        throw doc.problem("/model/initialState", "one of the states " + table.keySet(), "'" + initial + "'");
      }
      JourneyModel.Builder b = JourneyModel.builder(name).states(table.keySet().toArray(new String[0]));
      b.initialState(initial);
      for (Map.Entry<String, JsonNode> e : table.entrySet()) {
        List<String> targets = ConfigDocument.texts(e.getValue());
        for (int i = 0; i < targets.size(); i++) {
          if (!table.containsKey(targets.get(i))) {
            throw doc.problem(
                "/model/transitions/" + esc(e.getKey()) + "/" + i,
                "one of the states " + table.keySet(),
                "'" + targets.get(i) + "'");
          }
        }
        if (!targets.isEmpty()) {
          b.allow(e.getKey(), targets.toArray(new String[0]));
        }
      }
      try {
        return b.build();
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw doc.problem("/model", "a valid journey model", e.getMessage());
      }
    }

    private void rules(JsonNode node) {
      if (node.isMissingNode()) {
        ruleSetName = name;
        return;
      }
      ruleSetName = node.get("ruleSet").asText();
      JsonNode directory = node.path("directory");
      if (!directory.isMissingNode()) {
        Path base = path.toAbsolutePath().getParent();
        Path dir = base == null ? Path.of(directory.asText()) : base.resolve(directory.asText()).normalize();
        if (!Files.isDirectory(dir)) {
          throw doc.problem(
              "/rules/directory",
              "a directory of .drl files, relative to the configuration file's directory",
              "'" + directory.asText() + "' (no such directory: " + dir + ")");
        }
        rulesDirectory = Optional.of(dir);
      }
    }

    private FeatureSet features(JsonNode node) {
      if (node.isMissingNode()) {
        return FeatureSet.none();
      }
      FeatureSet.Builder b = FeatureSet.builder();
      if (node.has("lateness")) {
        Duration lateness = duration(node.get("lateness"), "/features/lateness");
        b.lateness(lateness);
      }
      List<JsonNode> declared = ConfigDocument.items(node.path("declared"));
      Map<String, String> kinds = new LinkedHashMap<>();
      for (int i = 0; i < declared.size(); i++) {
        JsonNode f = declared.get(i);
        String name = f.get("name").asText();
        String at = "/features/declared/" + i;
        if (kinds.putIfAbsent(name, f.get("kind").asText()) != null) {
          throw doc.problem(at + "/name", "a feature name used once", "'" + name + "' again");
        }
      }
      for (int i = 0; i < declared.size(); i++) {
        b.feature(feature(declared.get(i), "/features/declared/" + i, kinds));
      }
      Set<String> known = new java.util.LinkedHashSet<>(kinds.keySet());
      List<JsonNode> models = ConfigDocument.items(node.path("models"));
      for (int i = 0; i < models.size(); i++) {
        String at = "/features/models/" + i;
        b.score(model(models.get(i), at, known));
        if (!known.add(models.get(i).get("name").asText())) {
          throw doc.problem(at + "/name", "a name no feature or model uses", "'" + models.get(i).get("name").asText() + "' again");
        }
      }
      List<JsonNode> segments = ConfigDocument.items(node.path("segments"));
      for (int i = 0; i < segments.size(); i++) {
        String at = "/features/segments/" + i;
        JsonNode g = segments.get(i);
        List<Condition> all = new ArrayList<>();
        List<JsonNode> conditions = ConfigDocument.items(g.get("all"));
        for (int j = 0; j < conditions.size(); j++) {
          all.add(condition(conditions.get(j), at + "/all/" + j, known));
        }
        b.segment(new Segment(g.get("name").asText(), g.get("version").asText(), all));
        if (!known.add(g.get("name").asText())) {
          throw doc.problem(at + "/name", "a name no feature, model or segment uses", "'" + g.get("name").asText() + "' again");
        }
      }
      try {
        return b.build();
      } catch (IllegalArgumentException e) {
        throw doc.problem("/features", "a valid set of features", e.getMessage());
      }
    }

    /** The handoff context: every feature it names must be declared, every state in the model. */
    private HandoffContext handoff(JsonNode node, String at) {
      HandoffContext.Builder b = HandoffContext.builder();
      List<String> states = ConfigDocument.texts(node.path("onEntering"));
      for (int i = 0; i < states.size(); i++) {
        if (!model.states().contains(states.get(i))) {
          throw doc.problem(at + "/onEntering/" + i, "one of the model's states " + model.states().stream().sorted().toList(),
              "'" + states.get(i) + "'");
        }
      }
      b.onEntering(states.toArray(new String[0]));
      Set<String> known = new java.util.LinkedHashSet<>(features.names());
      List<String> named = ConfigDocument.texts(node.path("features"));
      for (int i = 0; i < named.size(); i++) {
        if (!known.contains(named.get(i))) {
          throw doc.problem(at + "/features/" + i, "a declared feature, model or segment " + known, "'" + named.get(i) + "'");
        }
      }
      b.features(named.toArray(new String[0]));
      b.attributes(ConfigDocument.texts(node.path("attributes")).toArray(new String[0]));
      List<String> recent = ConfigDocument.texts(node.path("recent"));
      List<String> recentKinds = features.definitions().stream()
          .filter(d -> d instanceof FeatureDefinition.Recent).map(FeatureDefinition::name).toList();
      for (int i = 0; i < recent.size(); i++) {
        if (!recentKinds.contains(recent.get(i))) {
          throw doc.problem(at + "/recent/" + i, "a declared feature of kind recent " + recentKinds, "'" + recent.get(i) + "'");
        }
      }
      b.recent(recent.toArray(new String[0]));
      ConfigDocument.fields(node.path("triggers")).forEach((type, phrase) -> b.trigger(type, phrase.asText()));
      List<JsonNode> highlights = ConfigDocument.items(node.path("highlights"));
      for (int i = 0; i < highlights.size(); i++) {
        String h = at + "/highlights/" + i;
        b.highlight(condition(highlights.get(i).get("when"), h + "/when", known), highlights.get(i).get("text").asText());
      }
      if (node.has("maxChars")) {
        b.maxChars(node.get("maxChars").asInt());
      }
      return b.build();
    }

    private FeatureDefinition feature(JsonNode f, String at, Map<String, String> kinds) {
      String name = f.get("name").asText();
      String kind = f.get("kind").asText();
      try {
        switch (kind) {
          case "windowCount": {
            SignalMatch match = match(f, at, kind);
            Duration window = duration(required(f, "window", at, kind + " feature"), at + "/window");
            return f.has("bucket")
                ? new FeatureDefinition.WindowCount(name, match, window, duration(f.get("bucket"), at + "/bucket"))
                : FeatureDefinition.WindowCount.of(name, match, window);
          }
          case "decayedSum":
            return new FeatureDefinition.DecayedSum(
                name,
                match(f, at, kind),
                duration(required(f, "halfLife", at, kind + " feature"), at + "/halfLife"),
                f.path("weight").asDouble(1.0),
                f.has("weightAttribute") ? Optional.of(f.get("weightAttribute").asText()) : Optional.empty());
          case "distinctCount":
            return new FeatureDefinition.DistinctCount(
                name,
                match(f, at, kind),
                required(f, "attribute", at, kind + " feature").asText(),
                f.path("cap").asInt(FeatureDefinition.DEFAULT_DISTINCT_CAP));
          case "lastSeen":
            return new FeatureDefinition.LastSeen(name, match(f, at, kind));
          case "latestValue":
            return new FeatureDefinition.LatestValue(
                name, match(f, at, kind), required(f, "attribute", at, kind + " feature").asText());
          case "recent":
            return new FeatureDefinition.Recent(
                name, match(f, at, kind), required(f, "attribute", at, kind + " feature").asText(),
                required(f, "keep", at, kind + " feature").asInt());
          default: {
            String numerator = operand(f, "numerator", at, kinds);
            String denominator = operand(f, "denominator", at, kinds);
            return new FeatureDefinition.Ratio(name, numerator, denominator);
          }
        }
      } catch (IllegalArgumentException e) {
        throw doc.problem(at, "a valid " + kind + " feature", e.getMessage());
      }
    }

    private dev.journey.core.feature.ScoringModel model(JsonNode m, String at, Set<String> known) {
      String name = m.get("name").asText();
      String version = m.get("version").asText();
      String kind = m.get("kind").asText();
      try {
        if (kind.equals("points")) {
          List<PointsModel.Rule> rules = new ArrayList<>();
          List<JsonNode> items = ConfigDocument.items(required(m, "rules", at, "points model"));
          for (int i = 0; i < items.size(); i++) {
            rules.add(new PointsModel.Rule(
                condition(items.get(i).get("when"), at + "/rules/" + i + "/when", known),
                items.get(i).get("points").asDouble()));
          }
          return new PointsModel(name, version, rules, m.path("min").asDouble(Double.NEGATIVE_INFINITY),
              m.path("max").asDouble(Double.POSITIVE_INFINITY));
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        String weightsAt = at + "/weights";
        ConfigDocument.fields(required(m, "weights", at, "logistic model")).forEach((feature, w) -> {
          if (!known.contains(feature)) {
            throw doc.problem(ConfigDocument.child(weightsAt, feature),
                "the name of a declared feature or an earlier model " + known, "'" + feature + "'");
          }
          weights.put(feature, w.asDouble());
        });
        return new LogisticModel(name, version, required(m, "intercept", at, "logistic model").asDouble(),
            weights, m.path("cap").asDouble(1e6), m.path("scale").asDouble(1));
      } catch (IllegalArgumentException e) {
        throw doc.problem(at, "a valid " + kind + " model", e.getMessage());
      }
    }

    private Condition condition(JsonNode node, String at, Set<String> known) {
      String[] parts = node.asText().split(" ");
      if (!known.contains(parts[0])) {
        throw doc.problem(at, "a condition on a declared feature or an earlier model or segment " + known,
            "'" + node.asText() + "'");
      }
      return new Condition(parts[0], Condition.Op.of(parts[1]), Double.parseDouble(parts[2]));
    }

    private JsonNode required(JsonNode f, String field, String at, String kind) {
      if (!f.has(field)) {
        throw doc.problem(at + "/" + field, "present (a required field of a " + kind + ")", "missing");
      }
      return f.get(field);
    }

    private SignalMatch match(JsonNode f, String at, String kind) {
      List<String> signals = ConfigDocument.texts(required(f, "signals", at, kind + " feature"));
      Map<String, String> where = new LinkedHashMap<>();
      ConfigDocument.fields(f.path("where")).forEach((k, v) -> where.put(k, v.asText()));
      return new SignalMatch(new java.util.LinkedHashSet<>(signals), where);
    }

    private String operand(JsonNode f, String field, String at, Map<String, String> kinds) {
      String name = required(f, field, at, "ratio feature").asText();
      String kind = kinds.get(name);
      if (kind == null || kind.equals("ratio")) {
        List<String> allowed = new ArrayList<>();
        kinds.forEach((n, k) -> {
          if (!k.equals("ratio")) {
            allowed.add(n);
          }
        });
        throw doc.problem(
            at + "/" + field,
            "the name of a declared feature that is not a ratio " + allowed,
            "'" + name + "'" + (kind == null ? "" : " (a ratio)"));
      }
      return name;
    }

    private BusinessCalendar calendar(JsonNode node, String at) {
      BusinessCalendar.Builder b = BusinessCalendar.builder(zone(node.get("zone"), at + "/zone"));
      for (Map.Entry<String, JsonNode> day : ConfigDocument.fields(node.get("hours")).entrySet()) {
        DayOfWeek dow = DayOfWeek.of(DAYS.indexOf(day.getKey()) + 1);
        List<String> ranges = ConfigDocument.texts(day.getValue());
        for (int i = 0; i < ranges.size(); i++) {
          String text = ranges.get(i);
          String rangeAt = at + "/hours/" + day.getKey() + "/" + i;
          int dash = text.indexOf('-');
          LocalTime start = LocalTime.parse(text.substring(0, dash));
          String endText = text.substring(dash + 1);
          LocalTime end = endText.equals("24:00") ? LocalTime.MAX : LocalTime.parse(endText);
          try {
            b.hours(dow, start, end);
          } catch (IllegalArgumentException e) {
            throw doc.problem(
                rangeAt,
                "a range that ends after it starts and overlaps no other range of " + day.getKey(),
                "'" + text + "'");
          }
        }
      }
      List<JsonNode> holidays = ConfigDocument.items(node.path("holidays"));
      for (int i = 0; i < holidays.size(); i++) {
        try {
          b.holiday(LocalDate.parse(holidays.get(i).asText()));
        } catch (DateTimeParseException e) {
          throw doc.problem(at + "/holidays/" + i, "a calendar date such as 2026-12-25", "'" + holidays.get(i).asText() + "'");
        }
      }
      return b.build();
    }

    private ZoneId zone(JsonNode node, String at) {
      try {
        return ZoneId.of(node.asText());
      } catch (DateTimeException e) {
        throw doc.problem(at, "an IANA time-zone id such as Europe/Berlin or UTC", "'" + node.asText() + "'");
      }
    }

    private BusinessCalendar calendarRef(JsonNode node, String at) {
      BusinessCalendar calendar = calendars.get(node.asText());
      if (calendar == null) {
        throw doc.problem(at, "one of the calendars " + calendars.keySet(), "'" + node.asText() + "'");
      }
      return calendar;
    }

    private InMemoryOwnerDirectory owners() {
      InMemoryOwnerDirectory.Builder b = InMemoryOwnerDirectory.builder();
      Set<String> ids = new java.util.LinkedHashSet<>();
      List<JsonNode> list = ConfigDocument.items(root.path("owners"));
      for (int i = 0; i < list.size(); i++) {
        JsonNode node = list.get(i);
        String at = "/owners/" + i;
        String id = node.get("id").asText();
        if (!ids.add(id)) {
          throw doc.problem(at + "/id", "an owner id used once", "'" + id + "' again");
        }
        Owner.Builder owner = Owner.builder(id, calendarRef(node.get("calendar"), at + "/calendar"));
        if (node.has("team")) {
          owner.team(node.get("team").asText());
        }
        if (node.has("manager")) {
          owner.manager(node.get("manager").asText());
        }
        if (node.has("regions")) {
          owner.regions(ConfigDocument.texts(node.get("regions")).toArray(new String[0]));
        }
        if (node.has("segments")) {
          owner.segments(ConfigDocument.texts(node.get("segments")).toArray(new String[0]));
        }
        if (node.has("online")) {
          owner.online(node.get("online").asBoolean());
        }
        if (node.has("dailyCap")) {
          owner.dailyCap(node.get("dailyCap").asInt());
        }
        if (node.has("weeklyCap")) {
          owner.weeklyCap(node.get("weeklyCap").asInt());
        }
        List<JsonNode> away = ConfigDocument.items(node.path("outOfOffice"));
        for (int j = 0; j < away.size(); j++) {
          String awayAt = at + "/outOfOffice/" + j;
          Instant from = instant(away.get(j).get("from"), awayAt + "/from");
          Instant to = instant(away.get(j).get("to"), awayAt + "/to");
          if (!to.isAfter(from)) {
            throw doc.problem(awayAt + "/to", "an instant after 'from' (" + from + ")", "'" + to + "'");
          }
          owner.outOfOffice(from, to);
        }
        b.owner(owner.build());
      }
      for (Map.Entry<String, JsonNode> pool : ConfigDocument.fields(root.path("pools")).entrySet()) {
        List<Pool.Member> members = new ArrayList<>();
        Set<String> inPool = new TreeSet<>();
        List<JsonNode> items = ConfigDocument.items(pool.getValue());
        for (int i = 0; i < items.size(); i++) {
          String at = "/pools/" + esc(pool.getKey()) + "/" + i + "/owner";
          String ownerId = items.get(i).get("owner").asText();
          if (!ids.contains(ownerId)) {
            throw doc.problem(at, "the id of an owner listed in /owners " + ids, "'" + ownerId + "'");
          }
          if (!inPool.add(ownerId)) {
            throw doc.problem(at, "an owner listed once per pool", "'" + ownerId + "' again");
          }
          members.add(new Pool.Member(ownerId, items.get(i).path("weight").asInt(1)));
        }
        b.pool(new Pool(pool.getKey(), members));
      }
      return b.build();
    }

    private Instant instant(JsonNode node, String at) {
      try {
        return Instant.parse(node.asText());
      } catch (DateTimeParseException e) {
        throw doc.problem(at, "an ISO-8601 instant in UTC such as 2026-03-02T00:00:00Z", "'" + node.asText() + "'");
      }
    }

    private Duration duration(JsonNode node, String at) {
      String text = node.asText();
      try {
        Duration d = Duration.parse(text);
        if (!d.isNegative() && !d.isZero()) {
          return d;
        }
      } catch (DateTimeParseException e) {
        // reported below
      }
      throw doc.problem(at, "a positive ISO-8601 duration such as PT4H or P2D", "'" + text + "'");
    }

    private RoutingPolicy routingPolicy(JsonNode node, String at) {
      RoutingPolicy.Builder b = RoutingPolicy.builder(node.get("name").asText());
      if (node.has("sticky") && node.get("sticky").size() > 0) {
        b.sticky(ConfigDocument.texts(node.get("sticky")).toArray(new String[0]));
      }
      List<JsonNode> matches = ConfigDocument.items(node.path("match"));
      for (int i = 0; i < matches.size(); i++) {
        JsonNode m = matches.get(i);
        Map<String, String> table = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : ConfigDocument.fields(m.get("pools")).entrySet()) {
          table.put(e.getKey(), pool(e.getValue(), at + "/match/" + i + "/pools/" + esc(e.getKey())));
        }
        b.match(m.get("label").asText(), m.get("attribute").asText(), table);
      }
      if (node.has("territory")) {
        JsonNode t = node.get("territory");
        b.territory(t.get("attribute").asText(), pool(t.get("pool"), at + "/territory/pool"));
      }
      if (node.has("segment")) {
        JsonNode s = node.get("segment");
        b.segment(s.get("attribute").asText(), pool(s.get("pool"), at + "/segment/pool"));
      }
      if (node.has("roundRobin")) {
        b.roundRobin(pool(node.get("roundRobin"), at + "/roundRobin"));
      }
      try {
        return b.fallbackQueue(node.get("fallbackQueue").asText()).build();
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw doc.problem(at, "a valid routing policy", e.getMessage());
      }
    }

    private String pool(JsonNode node, String at) {
      String name = node.asText();
      if (owners.pool(name).isEmpty()) {
        throw doc.problem(at, "the name of a pool in /pools " + owners.pools().keySet(), "'" + name + "'");
      }
      return name;
    }

    private Optional<SlaStage> slaStage() {
      List<JsonNode> slas = ConfigDocument.items(root.path("slas"));
      List<JsonNode> inactivity = ConfigDocument.items(root.path("inactivity"));
      if (slas.isEmpty() && inactivity.isEmpty()) {
        return Optional.empty();
      }
      SlaStage.Builder b = SlaStage.builder();
      if (router.isPresent()) {
        b.router(router.get());
      } else {
        b.directory(owners);
      }
      Set<String> names = new TreeSet<>();
      for (int i = 0; i < slas.size(); i++) {
        SlaPolicy policy = sla(slas.get(i), "/slas/" + i);
        if (!names.add(policy.name())) {
          throw doc.problem("/slas/" + i + "/name", "an SLA name used once", "'" + policy.name() + "' again");
        }
        b.sla(policy);
      }
      Set<String> inactivityNames = new TreeSet<>();
      for (int i = 0; i < inactivity.size(); i++) {
        InactivityPolicy policy = inactivity(inactivity.get(i), "/inactivity/" + i);
        if (!inactivityNames.add(policy.name())) {
          throw doc.problem("/inactivity/" + i + "/name", "an inactivity policy name used once", "'" + policy.name() + "' again");
        }
        b.inactivity(policy);
      }
      return Optional.of(b.build());
    }

    private SlaPolicy sla(JsonNode node, String at) {
      declaredTypes(node.get("satisfiedBy"), at + "/satisfiedBy");
      SlaPolicy.Builder b =
          SlaPolicy.builder(node.get("name").asText())
              .target(duration(node.get("target"), at + "/target"))
              .calendar(calendarRef(node.get("calendar"), at + "/calendar"))
              .satisfiedBy(ConfigDocument.texts(node.get("satisfiedBy")).toArray(new String[0]));
      for (JsonNode reminder : ConfigDocument.items(node.path("reminders"))) {
        b.reminderAt(reminder.asDouble());
      }
      if (node.has("escalationWindow")) {
        b.escalationWindow(duration(node.get("escalationWindow"), at + "/escalationWindow"));
      }
      if (node.has("reassignWith")) {
        String policy = node.get("reassignWith").asText();
        Set<String> known = router.map(Router::policyNames).orElse(Set.of());
        if (!known.contains(policy)) {
          throw doc.problem(at + "/reassignWith", "the name of a routing policy in /routing " + known, "'" + policy + "'");
        }
        b.reassignWith(policy);
      }
      if (node.has("alternateQueue")) {
        b.alternateQueue(node.get("alternateQueue").asText());
      }
      try {
        return b.build();
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw doc.problem(at, "a valid SLA policy", e.getMessage());
      }
    }

    private InactivityPolicy inactivity(JsonNode node, String at) {
      declaredTypes(node.get("qualifying"), at + "/qualifying");
      try {
        return InactivityPolicy.builder(node.get("name").asText())
            .businessDays(node.get("businessDays").asInt())
            .calendar(calendarRef(node.get("calendar"), at + "/calendar"))
            .qualifying(ConfigDocument.texts(node.get("qualifying")).toArray(new String[0]))
            .build();
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw doc.problem(at, "a valid inactivity policy", e.getMessage());
      }
    }

    private String state(String state, String at) {
      if (!model.hasState(state)) {
        throw doc.problem(at, "one of the model's states " + model.states(), "'" + state + "'");
      }
      return state;
    }

    private EntryGuardrail entry(JsonNode node, String at) {
      EntryGuardrail.Builder b = EntryGuardrail.builder(state(node.get("state").asText(), at + "/state"));
      ConfigDocument.fields(node.path("requireAtLeast")).forEach((counter, min) -> b.requireAtLeast(counter, min.asDouble()));
      if (node.has("maxEntries")) {
        b.maxEntries(node.get("maxEntries").asInt());
      }
      if (node.has("reentryCooldown")) {
        b.reentryCooldown(duration(node.get("reentryCooldown"), at + "/reentryCooldown"));
      }
      try {
        return b.build();
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw doc.problem(at, "a valid entry guardrail", e.getMessage());
      }
    }

    private SuppressionGuardrail suppression(JsonNode node, String at) {
      SuppressionGuardrail.Builder b = SuppressionGuardrail.builder();
      for (Map.Entry<String, JsonNode> e : ConfigDocument.fields(node.get("suppressOnEntering")).entrySet()) {
        state(e.getKey(), at + "/suppressOnEntering/" + esc(e.getKey()));
        b.suppressOnEntering(e.getKey(), ConfigDocument.texts(e.getValue()).toArray(new String[0]));
      }
      List<String> resume = ConfigDocument.texts(node.path("resumeOnEntering"));
      for (int i = 0; i < resume.size(); i++) {
        state(resume.get(i), at + "/resumeOnEntering/" + i);
      }
      if (!resume.isEmpty()) {
        b.resumeOnEntering(resume.toArray(new String[0]));
      }
      return b.build();
    }

    private FrequencyCapGuardrail frequencyCap(JsonNode node, String at) {
      FrequencyCapGuardrail.Builder b = FrequencyCapGuardrail.builder(zone(node.get("zone"), at + "/zone"));
      for (Map.Entry<String, JsonNode> e : ConfigDocument.fields(node.get("perDay")).entrySet()) {
        ActionKind kind;
        try {
          kind = ActionKind.valueOf(e.getKey());
        } catch (IllegalArgumentException ex) {
          throw doc.problem(
              at + "/perDay/" + esc(e.getKey()), "an action kind, one of " + Arrays.toString(ActionKind.values()), "'" + e.getKey() + "'");
        }
        b.perDay(kind, e.getValue().asInt());
      }
      return b.build();
    }
  }
}
