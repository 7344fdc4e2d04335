package dev.journey.drools.internal;

import dev.journey.drools.BuildPath;
import dev.journey.drools.DrlSource;
import dev.journey.drools.RuleInfo;
import dev.journey.drools.RuleProblem;
import dev.journey.drools.RuleSandbox;
import dev.journey.drools.RuleSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.conf.KieBaseMutabilityOption;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Global;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lints and compiles a {@link RuleSet} into an immutable KieBase. Every build gets its own
 * ReleaseId (concurrent builds sharing the default one can mix packages, apache/incubator-kie#6617)
 * and is removed from the global KieRepository once its KieBase exists. Not API.
 */
public final class KieCompiler {
  /** The global through which rules write decisions. */
  public static final String DECISION_GLOBAL = "decision";
  /** The type the {@value #DECISION_GLOBAL} global must have. */
  public static final String DECISION_TYPE = "dev.journey.core.decision.Decision$Builder";

  private static final Logger LOG = LoggerFactory.getLogger(KieCompiler.class);
  private static final String ROOT_PREFIX = "src/main/resources/";
  private static final String ROOT = ROOT_PREFIX;
  private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([A-Za-z_][\\w.]*)");
  private static final AtomicLong BUILDS = new AtomicLong();

  /**
   * A compiled rule set.
   *
   * @param kieBase the immutable KieBase
   * @param rules the rules' metadata, by name
   * @param warnings non-fatal problems
   * @param hasDecisionGlobal whether the DRL declares the {@value #DECISION_GLOBAL} global
   * @param buildTime how long lint and build took
   */
  public record Result(
      KieBase kieBase,
      List<RuleInfo> rules,
      List<RuleProblem> warnings,
      boolean hasDecisionGlobal,
      Duration buildTime) {}

  /** Thrown with every problem found. */
  public static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<RuleProblem> problems;

    Failure(List<RuleProblem> problems) {
      super(problems.size() + " problem(s)", null, false, false);
      this.problems = List.copyOf(problems);
    }

    /** The problems, errors first. */
    public List<RuleProblem> problems() {
      return problems;
    }
  }

  private KieCompiler() {}

  /**
   * Lints, then compiles. Both passes run, so one report lists lint and compile problems.
   *
   * @throws Failure when there is any error
   */
  public static Result compile(RuleSet ruleSet, BuildPath path) throws Failure {
    return compile(ruleSet, path, RuleSandbox.defaults());
  }

  /**
   * Checks the DRL's structure and interpreted expressions, compiles, then checks the compiled
   * classes against {@code sandbox}. The structure check and the compiler both run, so one report
   * lists both kinds of problem; the bytecode check runs on what compiled.
   *
   * @throws Failure when there is any error
   */
  public static Result compile(RuleSet ruleSet, BuildPath path, RuleSandbox sandbox) throws Failure {
    long started = System.nanoTime();
    List<RuleProblem> problems = new ArrayList<>();
    Map<String, PackageDescr> parsed = new HashMap<>();
    Set<String> functions = new HashSet<>();
    for (DrlSource source : ruleSet.sources()) {
      PackageDescr descr = DrlCheck.parse(source);
      if (descr != null) {
        parsed.put(source.name(), descr);
        descr.getFunctions().forEach(f -> functions.add(f.getName()));
      }
    }
    for (DrlSource source : ruleSet.sources()) {
      PackageDescr descr = parsed.get(source.name());
      if (descr != null) {
        problems.addAll(DrlCheck.check(source, descr, sandbox, functions));
      }
    }
    boolean duplicates = duplicateRules(ruleSet, parsed, problems);
    KieServices ks = KieServices.Factory.get();
    ReleaseId releaseId =
        ks.newReleaseId(
            "dev.journey.rules",
            ruleSet.name().replaceAll("[^A-Za-z0-9_.-]", "_"),
            ruleSet.version() + "-" + ruleSet.hash().substring(0, 12) + "-b" + BUILDS.incrementAndGet());
    KieFileSystem kfs = ks.newKieFileSystem();
    kfs.generateAndWritePomXML(releaseId);
    Map<String, String> sourceByPath = new HashMap<>();
    for (DrlSource source : ruleSet.sources()) {
      // folder = package, as Drools advises; the file name keeps the source name unique
      PackageDescr descr = parsed.get(source.name());
      String pkgName = descr != null && descr.getName() != null ? descr.getName() : "";
      if (descr == null) {
        Matcher pkg = PACKAGE.matcher(source.text());
        pkgName = pkg.find() ? pkg.group(1) : "";
      }
      String folder = pkgName.isEmpty() ? "" : pkgName.replace('.', '/') + "/";
      String file = ROOT + folder + "s" + sourceByPath.size() + "_" + source.name().replace('/', '_');
      sourceByPath.put(file, source.name());
      kfs.write(file, source.text());
    }
    KieBuilder builder = ks.newKieBuilder(kfs);
    if (path == BuildPath.EXECUTABLE_MODEL) {
      builder.buildAll(ExecutableModelProject.class);
    } else {
      builder.buildAll();
    }
    Locator locator = new Locator(ruleSet, parsed);
    List<RuleProblem> warnings = new ArrayList<>();
    boolean compileErrors = false;
    // the executable model reports errors in its generated Java, and quotes that Java once per file
    Map<String, String> generated = new HashMap<>();
    Set<String> reportedPaths = new HashSet<>();
    for (Message message : builder.getResults().getMessages()) {
      String text = message.getText() == null ? "" : message.getText();
      if (text.startsWith("Java source of ") && text.indexOf('\n') > 0) {
        generated.put(message.getPath(), text.substring(text.indexOf('\n') + 1));
      } else if (message.getPath() != null) {
        reportedPaths.add(message.getPath());
      }
    }
    for (Message message : builder.getResults().getMessages()) {
      if (message.getText() != null && message.getText().contains("Parser returned a null Package")) {
        continue; // always follows a parser error that says more
      }
      if (duplicates && message.getText() != null
          && (message.getText().contains("Duplicate rule name") || message.getText().contains("is already defined"))) {
        continue; // reported on the right file by duplicateRules
      }
      if (message.getText() != null && message.getText().startsWith("Java source of ")
          && reportedPaths.contains(message.getPath())) {
        continue; // the generated source of an error reported on its own, placed in the DRL below
      }
      RuleProblem problem =
          Translations.translate(
              locator.place(locator.placeGenerated(map(message, ruleSet, sourceByPath), message, generated), message),
              ruleSet.sources());
      if (problem.level() == RuleProblem.Level.ERROR) {
        problems.add(problem);
        compileErrors = true;
      } else {
        warnings.add(problem);
      }
    }
    if (compileErrors || duplicates) {
      // nothing compiled to check: report the structure and compile problems together
      ks.getRepository().removeKieModule(releaseId);
      problems.addAll(warnings);
      problems.sort(ORDER);
      throw new Failure(dedupe(problems));
    }
    KieBase kieBase;
    try {
      KieContainer container = ks.newKieContainer(releaseId);
      KieBaseConfiguration conf = ks.newKieBaseConfiguration();
      conf.setOption(KieBaseMutabilityOption.DISABLED);
      kieBase = container.newKieBase(conf);
      Map<String, byte[]> classes = CompiledClasses.of(kieBase, builder, path);
      locator.lineMappings(CompiledClasses.lineMappings(kieBase));
      for (BytecodeCheck.Violation v : BytecodeCheck.check(classes, sandbox, path)) {
        problems.add(locator.place(v, classes));
      }
    } finally {
      ks.getRepository().removeKieModule(releaseId);
    }
    if (!problems.isEmpty()) {
      problems.addAll(warnings);
      problems.sort(ORDER);
      throw new Failure(dedupe(problems));
    }
    List<RuleInfo> rules = new ArrayList<>();
    boolean hasGlobal = false;
    for (KiePackage pkg : kieBase.getKiePackages()) {
      for (Rule rule : pkg.getRules()) {
        rules.add(info(rule));
      }
      for (Global global : pkg.getGlobalVariables()) {
        if (DECISION_GLOBAL.equals(global.getName())) {
          if (!DECISION_TYPE.equals(global.getType()) && !DECISION_TYPE.replace('$', '.').equals(global.getType())) {
            // DrlCheck rejects this with its position first; kept as a guard
            throw new Failure(
                List.of(
                    new RuleProblem(
                        RuleProblem.Level.ERROR,
                        ruleSet.ref().key(),
                        0,
                        0,
                        "global 'decision' must be of type Decision.Builder, but was "
                            + global.getType())));
          }
          hasGlobal = true;
        }
      }
    }
    rules.sort(Comparator.comparing(RuleInfo::name));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    LOG.debug("compiled {} ({} rules, {}) in {} ms", ruleSet, rules.size(), path, took.toMillis());
    warnings.sort(ORDER);
    return new Result(kieBase, rules, warnings, hasGlobal, took);
  }

  /** A rule name used twice in a package: reported where the second one is, naming the first. */
  private static boolean duplicateRules(
      RuleSet ruleSet, Map<String, PackageDescr> parsed, List<RuleProblem> problems) {
    Map<String, String> seen = new HashMap<>();
    boolean found = false;
    for (DrlSource source : ruleSet.sources()) {
      PackageDescr descr = parsed.get(source.name());
      if (descr == null) {
        continue;
      }
      for (RuleDescr rule : descr.getRules()) {
        String key = descr.getName() + "\u0000" + rule.getName();
        String where = source.name() + ":" + rule.getLine();
        String first = seen.putIfAbsent(key, where);
        if (first != null) {
          found = true;
          problems.add(
              new RuleProblem(
                  RuleProblem.Level.ERROR, source.name(), Math.max(0, rule.getLine()),
                  rule.getLine() > 0 ? rule.getColumn() + 1 : 0,
                  "rule \"" + rule.getName() + "\" is already defined at " + first + " in package "
                      + descr.getName() + ": rule names must be unique in a package"));
        }
      }
    }
    return found;
  }

  private static final Comparator<RuleProblem> ORDER =
      Comparator.comparing(RuleProblem::level)
          .thenComparing(RuleProblem::source)
          .thenComparingInt(RuleProblem::line)
          .thenComparingInt(RuleProblem::column);

  private static List<RuleProblem> dedupe(List<RuleProblem> problems) {
    return new ArrayList<>(new LinkedHashSet<>(problems));
  }

  /** The label of a rule: its {@code @label} metadata, else its name. */
  public static String label(Rule rule) {
    String label = metaText(rule.getMetaData(), "label");
    if (label.isBlank()) {
      // the classic compiler resolves @label to kie-api's Label annotation
      label = metaText(rule.getMetaData(), "org.kie.api.definition.type.Label");
    }
    return label.isBlank() ? rule.getName() : label;
  }

  static RuleInfo info(Rule rule) {
    String writes = metaText(rule.getMetaData(), "writes");
    Set<String> props = new LinkedHashSet<>();
    Arrays.stream(writes.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .forEach(props::add);
    return new RuleInfo(rule.getName(), label(rule), props);
  }

  private static String metaText(Map<String, Object> meta, String key) {
    Object value = meta.get(key);
    if (value == null) {
      return "";
    }
    String text = String.valueOf(value).trim();
    if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
      text = text.substring(1, text.length() - 1);
    }
    return text;
  }

  private static final Pattern PARSER_POSITION = Pattern.compile("Line (\\d+):(\\d+)");

  /** The parser puts the real column only in its text ("Line 5:28"); getColumn() is often 0. */
  private static int column(Message message, String text) {
    Matcher m = PARSER_POSITION.matcher(text);
    if (m.find() && Integer.parseInt(m.group(1)) == message.getLine()) {
      return Integer.parseInt(m.group(2)) + 1;
    }
    return Math.max(0, message.getColumn()) + 1;
  }

  static RuleProblem map(Message message, RuleSet ruleSet, Map<String, String> sourceByPath) {
    RuleProblem.Level level;
    switch (message.getLevel()) {
      case ERROR:
        level = RuleProblem.Level.ERROR;
        break;
      case WARNING:
        level = RuleProblem.Level.WARNING;
        break;
      default:
        level = RuleProblem.Level.INFO;
        break;
    }
    String path = message.getPath() == null ? "" : message.getPath();
    String source = sourceByPath.getOrDefault(path, sourceByPath.getOrDefault(ROOT_PREFIX + path, ""));
    if (source.isEmpty()) {
      source = sourceByPath.entrySet().stream()
          .filter(e -> !path.isEmpty() && (e.getKey().endsWith(path) || path.endsWith(e.getKey())))
          .map(Map.Entry::getValue).findFirst().orElse("");
    }
    if (source.isEmpty()) {
      source = ruleSet.sources().size() == 1 ? ruleSet.sources().get(0).name() : ruleSet.ref().key();
    }
    String text = message.getText() == null ? "" : message.getText().trim();
    boolean inDrl = sourceByPath.containsKey(path) || sourceByPath.containsKey(ROOT_PREFIX + path);
    if (!inDrl) {
      // e.g. generated Java of the executable model: its line and column are not the DRL's
      if (text.startsWith("Java source of")) {
        text = "generated Java for a rule does not compile; see the compiler's message";
      }
      return new RuleProblem(level, source, 0, 0, text.replaceAll("\\s*\\R\\s*", " "));
    }
    return new RuleProblem(
        // Drools columns are 0-based; ours are 1-based with 0 meaning unknown
        level, source, Math.max(0, message.getLine()),
        message.getLine() > 0 ? column(message, text) : 0,
        text.isEmpty() ? "(no message)" : text.replaceAll("\\s*\\R\\s*", " "));
  }
}
