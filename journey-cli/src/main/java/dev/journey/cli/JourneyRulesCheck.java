package dev.journey.cli;

import dev.journey.config.JourneyConfig;
import dev.journey.core.SignalTypes;
import dev.journey.core.catalog.SignalCatalog;
import dev.journey.core.catalog.SignalTypeSpec;
import dev.journey.core.guardrail.SingleWriterGuardrail;
import dev.journey.core.metrics.Dispositions;
import dev.journey.core.metrics.MetricsDefinition;
import dev.journey.core.spi.DecisionStage;
import dev.journey.drools.DrlSource;
import dev.journey.drools.RuleProblem;
import dev.journey.drools.RuleSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What {@code journey check} knows beyond Drools: a directory that holds several versions of a
 * rule set, and, when the journey's configuration is found, the states rules move to and the
 * properties they write, checked against the journey's model and its single-writer ownership.
 * States and property names are checked where rules write them as string literals. With a signal
 * catalog, the signal types rules match ({@code signalType == "X"}, {@code signalType in ("X",
 * ..)}) must be declared, and the attributes they read ({@code attr("a")}, {@code longAttr("a")},
 * {@code hasAttr("a")}, as literals) declared by the rule's signal types, or by some type when the
 * rule names none. With declared dispositions, every reason code a rule recycles with as a
 * literal ({@code recycle("LOW_FIT")}) must be declared for the states the rule leaves from. Not checked: Java rules, attribute names computed at run time, reads through
 * {@code getSignal()}, rules that match timer firings (their attributes are the engine's).
 */
final class JourneyRulesCheck {
  /** A version directory: {@code v1}, {@code v2-fast}, {@code 1.2}. */
  private static final Pattern VERSION_DIR = Pattern.compile("v?\\d+([._-][A-Za-z0-9]+)*");

  private static final Pattern TRANSITION = Pattern.compile("transitionTo\\(\\s*\"([^\"]*)\"\\s*\\)");
  private static final Pattern SET_PROPERTY = Pattern.compile("setProperty\\(\\s*\"([^\"]*)\"");
  private static final Pattern RULE = Pattern.compile("(?ms)^\\s*rule\\s+\"[^\"]*\".*?^\\s*end\\b");
  private static final Pattern SIGNAL_TYPE = Pattern.compile("signalType\\s*==\\s*\"([^\"]*)\"");
  private static final Pattern SIGNAL_TYPE_IN = Pattern.compile("signalType\\s+in\\s*\\(([^)]*)\\)");
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
  private static final Pattern ATTRIBUTE = Pattern.compile("\\b(attr|longAttr|hasAttr)\\(\\s*\"([^\"]*)\"\\s*\\)");
  private static final Pattern FEATURE = Pattern.compile("\\bfeature\\(\\s*\"([^\"]*)\"\\s*\\)");
  private static final Pattern RECYCLE = Pattern.compile("\\brecycle\\(\\s*\"([^\"]*)\"\\s*\\)");
  private static final Pattern STATE_EQ = Pattern.compile("\\bstate\\s*==\\s*\"([^\"]*)\"");
  private static final Pattern STATE_IN = Pattern.compile("\\bstate\\s+in\\s*\\(([^)]*)\\)");

  private JourneyRulesCheck() {}

  /**
   * The version directories under {@code dir} that hold {@code .drl} files, when there are two or
   * more of them: such a directory is a rule set's history, not one rule set.
   */
  static List<Path> versionDirectories(Path dir) {
    List<Path> versions = new ArrayList<>();
    try (Stream<Path> children = Files.list(dir)) {
      for (Path child : (Iterable<Path>) children.sorted()::iterator) {
        if (Files.isDirectory(child)
            && VERSION_DIR.matcher(child.getFileName().toString()).matches()
            && hasDrl(child)) {
          versions.add(child);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    return versions.size() >= 2 ? versions : List.of();
  }

  /**
   * The directory holding version directories, when {@code dir} is a journey directory whose
   * {@code rules/} holds them (as {@code docs/examples/lead-handoff} does).
   */
  static List<Path> versionDirectoriesBelow(Path dir) {
    List<Path> direct = versionDirectories(dir);
    if (!direct.isEmpty()) {
      return direct;
    }
    Path rules = dir.resolve("rules");
    return Files.isDirectory(rules) ? versionDirectories(rules) : List.of();
  }

  private static boolean hasDrl(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.anyMatch(p -> p.toString().endsWith(".drl"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /**
   * Checks the rule set's sources against the journey: every {@code transitionTo("X")} names a
   * state of the model, every {@code setProperty("p", ..)} of a property with declared
   * single writers is by this journey's rule set, and every {@code feature("f")} reads a feature
   * the journey declares.
   */
  static List<RuleProblem> check(RuleSet ruleSet, JourneyConfig journey) {
    Set<String> states = journey.model().states();
    Map<String, Set<String>> writers = new java.util.TreeMap<>();
    for (DecisionStage stage : journey.stages()) {
      if (stage instanceof SingleWriterGuardrail singleWriter) {
        writers.putAll(singleWriter.writers());
      }
    }
    String writer = journey.ruleSetName();
    List<RuleProblem> problems = new ArrayList<>();
    for (DrlSource source : ruleSet.sources()) {
      String text = source.text();
      Matcher t = TRANSITION.matcher(text);
      while (t.find()) {
        String state = t.group(1);
        if (!states.contains(state)) {
          problems.add(
              problem(
                  source, text, t.start(1) - 1,
                  "transitionTo(\"" + state + "\"): journey '" + journey.name() + "' has no state "
                      + state + "; its states are " + new TreeSet<>(states)
                      + suggestion(state, states)));
        }
      }
      Matcher f = FEATURE.matcher(text);
      while (f.find()) {
        String feature = f.group(1);
        if (!journey.features().declares(feature)) {
          List<String> declared = journey.features().names();
          problems.add(
              problem(
                  source, text, f.start(1) - 1,
                  "feature(\"" + feature + "\"): journey '" + journey.name() + "' declares no feature "
                      + feature + "; its features are "
                      + (declared.isEmpty() ? "none (declare them under \"features\" in the journey file)"
                          : declared.toString())));
        }
      }
      Matcher p = SET_PROPERTY.matcher(text);
      while (p.find()) {
        String property = p.group(1);
        Set<String> owners = writers.get(property);
        if (owners != null && !owners.contains(writer)) {
          problems.add(
              problem(
                  source, text, p.start(1) - 1,
                  "setProperty(\"" + property + "\"): journey '" + journey.name() + "' gives "
                      + property + " to " + new TreeSet<>(owners) + " only (single writer), not to"
                      + " rule set " + writer + "; the guardrail would drop this write"));
        }
      }
      journey.signalCatalog().ifPresent(catalog -> problems.addAll(checkSignals(source, text, journey.name(), catalog)));
      journey.metrics()
          .flatMap(MetricsDefinition::dispositions)
          .ifPresent(d -> problems.addAll(checkReasonCodes(source, text, journey.name(), d)));
    }
    return problems;
  }

  /**
   * The reason codes each rule of one source recycles with as literals ({@code
   * recycle("LOW_FIT")}), against the journey's declared dispositions: the code must be declared
   * for a state the rule's conditions name ({@code state == "X"}, {@code state in (..)}), or for
   * any state when they name none. A code computed at run time ({@code recycle($f.attr("r"))}) is
   * the dispositions stage's to check.
   */
  private static List<RuleProblem> checkReasonCodes(
      DrlSource source, String text, String journey, Dispositions dispositions) {
    List<RuleProblem> problems = new ArrayList<>();
    Matcher rule = RULE.matcher(text);
    while (rule.find()) {
      int base = rule.start();
      String body = rule.group();
      Set<String> states = new java.util.LinkedHashSet<>();
      int then = body.indexOf("then");
      String when = then < 0 ? body : body.substring(0, then);
      Matcher eq = STATE_EQ.matcher(when);
      while (eq.find()) {
        states.add(eq.group(1));
      }
      Matcher in = STATE_IN.matcher(when);
      while (in.find()) {
        Matcher q = QUOTED.matcher(in.group(1));
        while (q.find()) {
          states.add(q.group(1));
        }
      }
      Set<String> allowed = new java.util.LinkedHashSet<>();
      if (states.isEmpty()) {
        for (Dispositions.Exit exit : Dispositions.Exit.values()) {
          allowed.addAll(dispositions.codes(exit));
        }
      } else {
        states.forEach(state -> allowed.addAll(dispositions.codesFrom(state)));
      }
      Matcher r = RECYCLE.matcher(body);
      while (r.find()) {
        String code = r.group(1);
        if (allowed.contains(code)) {
          continue;
        }
        String from = states.isEmpty() ? "" : " leaving " + String.join(" or ", states);
        problems.add(
            problem(
                source, text, base + r.start(1) - 1,
                "recycle(\"" + code + "\"): journey '" + journey + "' declares no reason code " + code + from
                    + "; allowed: " + (allowed.isEmpty() ? "none" : String.join(", ", allowed))
                    + suggestion(code, allowed)));
      }
    }
    return problems;
  }

  /** The signal types and attributes each rule of one source reads, against the catalog. */
  private static List<RuleProblem> checkSignals(DrlSource source, String text, String journey, SignalCatalog catalog) {
    List<RuleProblem> problems = new ArrayList<>();
    Matcher rule = RULE.matcher(text);
    while (rule.find()) {
      int base = rule.start();
      String body = rule.group();
      List<String> types = new ArrayList<>();
      List<Integer> typeOffsets = new ArrayList<>();
      Matcher eq = SIGNAL_TYPE.matcher(body);
      while (eq.find()) {
        types.add(eq.group(1));
        typeOffsets.add(base + eq.start(1) - 1);
      }
      Matcher in = SIGNAL_TYPE_IN.matcher(body);
      while (in.find()) {
        Matcher q = QUOTED.matcher(in.group(1));
        while (q.find()) {
          types.add(q.group(1));
          typeOffsets.add(base + in.start(1) + q.start(1) - 1);
        }
      }
      boolean timer = false;
      List<SignalTypeSpec> declared = new ArrayList<>();
      for (int i = 0; i < types.size(); i++) {
        String type = types.get(i);
        if (SignalTypes.TIMER_FIRED.equals(type)) {
          timer = true;
        } else if (catalog.type(type).isPresent()) {
          declared.add(catalog.type(type).get());
        } else {
          problems.add(
              problem(
                  source, text, typeOffsets.get(i),
                  "signalType \"" + type + "\": journey '" + journey + "' declares no signal type " + type
                      + "; its signal types are " + catalog.types().keySet()
                      + suggestion(type, catalog.types().keySet())));
        }
      }
      if (timer || (!types.isEmpty() && declared.isEmpty())) {
        continue; // timer attributes are the engine's; an undeclared type is reported already
      }
      List<SignalTypeSpec> candidates = declared.isEmpty() ? List.copyOf(catalog.types().values()) : declared;
      if (candidates.stream().anyMatch(SignalTypeSpec::openAttributes)) {
        continue;
      }
      Matcher a = ATTRIBUTE.matcher(body);
      while (a.find()) {
        String name = a.group(2);
        if (candidates.stream().anyMatch(t -> t.attributes().containsKey(name))) {
          continue;
        }
        Set<String> known = new TreeSet<>();
        candidates.forEach(t -> known.addAll(t.attributes().keySet()));
        String where =
            declared.isEmpty()
                ? "no signal type of journey '" + journey + "' declares attribute " + name
                : "signal type " + String.join(" or ", declared.stream().map(SignalTypeSpec::type).toList())
                    + " of journey '" + journey + "' declares no attribute " + name;
        problems.add(
            problem(
                source, text, base + a.start(2) - 1,
                a.group(1) + "(\"" + name + "\"): " + where + "; declared: " + known + suggestion(name, known)));
      }
    }
    return problems;
  }

  private static String suggestion(String state, Set<String> states) {
    for (String known : states) {
      if (known.equalsIgnoreCase(state) || near(known, state)) {
        return " (did you mean " + known + "?)";
      }
    }
    return "";
  }

  /** One letter changed, added, dropped or two neighbours swapped (a typo). */
  private static boolean near(String a, String b) {
    if (a.equals(b) || Math.abs(a.length() - b.length()) > 1) {
      return false;
    }
    int i = 0;
    while (i < Math.min(a.length(), b.length()) && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    String ra = a.substring(i);
    String rb = b.substring(i);
    if (ra.length() == rb.length()) {
      return ra.substring(1).equals(rb.substring(1))
          || (ra.length() >= 2 && ra.charAt(0) == rb.charAt(1) && ra.charAt(1) == rb.charAt(0)
              && ra.substring(2).equals(rb.substring(2)));
    }
    return ra.length() > rb.length() ? ra.substring(1).equals(rb) : rb.substring(1).equals(ra);
  }

  private static RuleProblem problem(DrlSource source, String text, int offset, String message) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new RuleProblem(RuleProblem.Level.ERROR, source.name(), line, offset - lineStart + 1, message);
  }
}
