package dev.journey.drools.internal;

import dev.journey.drools.DrlSource;
import dev.journey.drools.JourneyFacts;
import dev.journey.drools.RuleProblem;
import dev.journey.drools.RuleSandbox;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalBranchDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.FunctionImportDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NamedConsequenceDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.PatternSourceDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * Checks the parsed structure of one DRL source before it is compiled: imports, globals,
 * attributes (salience, dialect), what a rule's conditions may contain, and the expressions Drools
 * interprets (conditions, {@code from}, {@code eval}, accumulate arguments) against a restricted
 * dialect: literals, operators, bindings, {@link JourneyFacts} properties and sandbox-allowed
 * members by name; no assignment, no {@code new}, no blocks, no escapes. Consequences and
 * functions are Java and checked on their bytecode ({@link BytecodeCheck}). Not API.
 */
public final class DrlCheck {
  /** The only global a rule set may declare. */
  static final String DECISION = KieCompiler.DECISION_GLOBAL;

  private static final Set<String> DECISION_TYPES =
      Set.of("Decision.Builder", "dev.journey.core.decision.Decision.Builder", "Decision$Builder",
          "dev.journey.core.decision.Decision$Builder");
  private static final Set<String> ATTRIBUTES =
      Set.of("salience", "no-loop", "lock-on-active", "agenda-group", "activation-group", "auto-focus",
          "ruleflow-group", "enabled", "dialect");
  private static final Set<String> BOOLEAN_ATTRIBUTES = Set.of("no-loop", "lock-on-active", "auto-focus", "enabled");
  private static final Set<String> ACCUMULATE_FUNCTIONS =
      Set.of("count", "sum", "min", "max", "average", "collectList", "collectSet");
  /** Words of the condition language that are not names. */
  private static final Set<String> KEYWORDS =
      Set.of("in", "not", "matches", "contains", "memberOf", "soundslike", "str", "excludes", "null", "true",
          "false", "this", "startsWith", "endsWith", "length", "instanceof", "after", "before", "coincides",
          "during", "finishes", "finishedby", "includes", "meets", "metby", "overlaps", "overlappedby",
          "starts", "startedby");
  private static final Set<String> FORBIDDEN_WORDS =
      Set.of("new", "class", "classLoader", "def", "function", "foreach", "for", "while", "do", "if", "else",
          "return", "import", "with", "assert", "isdef", "until", "var", "throw", "try", "catch", "synchronized");
  private static final Pattern INT = Pattern.compile("[+-]?\\d+");

  private static final Map<RuleSandbox, Set<String>> MEMBER_NAMES =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
  private static final Set<String> FACT_NAMES = names(JourneyFacts.class);
  /** JourneyFacts' properties, for messages: {@code signalType}, {@code state}, ... */
  private static final List<String> FACT_PROPERTIES = properties(JourneyFacts.class);

  private final DrlSource source;
  private final PackageDescr pkg;
  private final RuleSandbox sandbox;
  private final Set<String> functions;
  private final Map<String, String> imported = new HashMap<>();
  private final List<RuleProblem> problems = new ArrayList<>();

  private DrlCheck(DrlSource source, PackageDescr pkg, RuleSandbox sandbox, Set<String> functions) {
    this.source = source;
    this.pkg = pkg;
    this.sandbox = sandbox;
    this.functions = functions;
  }

  /** Parses a source; empty on a syntax error (the compiler reports it with its position). */
  public static PackageDescr parse(DrlSource source) {
    DrlParser parser = new DrlParser();
    try {
      PackageDescr descr = parser.parse(false, source.text());
      return parser.hasErrors() ? null : descr;
    } catch (DroolsParserException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Checks one parsed source.
   *
   * @param functions the names of every function the rule set declares (any source)
   */
  public static List<RuleProblem> check(
      DrlSource source, PackageDescr pkg, RuleSandbox sandbox, Set<String> functions) {
    DrlCheck check = new DrlCheck(source, pkg, sandbox, functions);
    check.run();
    return check.problems;
  }

  private void run() {
    for (ImportDescr imp : pkg.getImports()) {
      checkImport(imp, false);
    }
    for (FunctionImportDescr imp : pkg.getFunctionImports()) {
      checkImport(imp, true);
    }
    if (!pkg.getAccumulateImports().isEmpty()) {
      error(pkg.getAccumulateImports().get(0), "import accumulate is not allowed: use count, sum, min, max,"
          + " average, collectList or collectSet");
    }
    for (GlobalDescr global : pkg.getGlobals()) {
      if (!DECISION.equals(global.getIdentifier())) {
        error(global, "global '" + global.getIdentifier() + "' is not allowed: rules get no service objects and"
            + " write only through 'global Decision.Builder decision'");
      } else if (!DECISION_TYPES.contains(global.getType().replaceAll("\\s+", ""))) {
        error(global, "global 'decision' must be of type Decision.Builder"
            + " (dev.journey.core.decision.Decision.Builder), but was " + global.getType());
      }
    }
    for (AttributeDescr attr : pkg.getAttributes()) {
      checkAttribute(attr);
    }
    for (BaseDescr declared : pkg.getClassAndEnumDeclarationDescrs()) {
      error(declared, "declare blocks are not allowed: rules see only JourneyFacts and write through decision");
    }
    for (BaseDescr ep : pkg.getEntryPointDeclarations()) {
      error(ep, "entry-point declarations are not allowed");
    }
    for (BaseDescr w : pkg.getWindowDeclarations()) {
      error(w, "window declarations are not allowed");
    }
    for (FunctionDescr fn : pkg.getFunctions()) {
      if (fn.getDialect() != null && !"java".equals(fn.getDialect())) {
        error(fn, "function " + fn.getName() + " must be Java (dialect \"java\"), but is " + fn.getDialect());
      }
    }
    for (RuleDescr rule : pkg.getRules()) {
      checkRule(rule);
    }
  }

  private void checkImport(ImportDescr imp, boolean function) {
    String target = imp.getTarget().replaceAll("\\s+", "");
    boolean ok;
    if (target.endsWith(".*")) {
      String p = target.substring(0, target.length() - 2);
      ok = !function && sandbox.entries().keySet().stream().anyMatch(c -> packageOf(c).equals(p));
      if (!ok && sandbox.allowsType(p)) {
        ok = true; // static import of an allowed class's members: members are checked where used
      }
    } else if (!function && sandbox.allowsType(target)) {
      ok = true;
      imported.put(target.substring(target.lastIndexOf('.') + 1), target);
    } else if (!function && sandbox.entries().keySet().stream().anyMatch(c -> c.startsWith(target + "$"))) {
      ok = true; // the outer class of allowed nested types, e.g. Decision for Decision.Builder
      imported.put(target.substring(target.lastIndexOf('.') + 1), target);
    } else {
      int dot = target.lastIndexOf('.');
      ok = dot > 0 && sandbox.allowsMember(target.substring(0, dot), target.substring(dot + 1));
    }
    if (!ok) {
      errorAt(imp, imp.getTarget(), "import " + target
          + " is not allowed by the rule sandbox (docs/rules.md lists what rules may use)");
    }
  }

  private static String packageOf(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? "" : className.substring(0, dot);
  }

  private void checkAttribute(AttributeDescr attr) {
    String name = attr.getName();
    String value = attr.getValue() == null ? "" : attr.getValue().trim();
    if (!ATTRIBUTES.contains(name)) {
      error(attr, "attribute '" + name + "' is not allowed: use " + String.join(", ", new java.util.TreeSet<>(ATTRIBUTES)));
    } else if (name.equals("salience")) {
      boolean ok = INT.matcher(value).matches() && attr.getType() != AttributeDescr.Type.STRING;
      if (ok) {
        try {
          Integer.parseInt(value.startsWith("+") ? value.substring(1) : value);
        } catch (NumberFormatException e) {
          ok = false;
        }
      }
      if (!ok) {
        error(attr, "salience must be an integer literal from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE
            + ", but was " + (attr.getType() == AttributeDescr.Type.STRING ? "\"" + value + "\"" : value));
      }
    } else if (name.equals("dialect")) {
      if (!value.equals("java")) {
        error(attr, "dialect \"" + value + "\" is not allowed: only \"java\" (the default) is compiled, so only"
            + " it can be checked against the rule sandbox");
      }
    } else if (BOOLEAN_ATTRIBUTES.contains(name) && !value.isEmpty() && !value.equals("true") && !value.equals("false")) {
      error(attr, "attribute '" + name + "' must be true or false, but was " + value);
    }
  }

  private void checkRule(RuleDescr rule) {
    if (rule.isQuery()) {
      error(rule, "queries are not allowed: rules decide through 'decision'");
      return;
    }
    for (AttributeDescr attr : rule.getAttributes().values()) {
      checkAttribute(attr);
    }
    Set<String> bound = new HashSet<>();
    collectBindings(rule.getLhs(), bound);
    checkElement(rule.getLhs(), rule, bound);
  }

  private static void collectBindings(BaseDescr descr, Set<String> bound) {
    if (descr instanceof PatternDescr p) {
      bound.addAll(p.getAllBoundIdentifiers());
      if (p.getIdentifier() != null) {
        bound.add(p.getIdentifier());
      }
      if (p.getSource() instanceof AccumulateDescr acc) {
        for (AccumulateDescr.AccumulateFunctionCallDescr f : acc.getFunctions()) {
          if (f.getBind() != null) {
            bound.add(f.getBind());
          }
        }
        acc.getDescrs().forEach(d -> collectBindings(d, bound));
      } else if (p.getSource() instanceof CollectDescr c) {
        c.getDescrs().forEach(d -> collectBindings(d, bound));
      }
      if (p.getConstraint() != null) {
        collectBindings((BaseDescr) p.getConstraint(), bound);
      }
    } else if (descr instanceof BindingDescr b) {
      bound.add(b.getVariable());
    } else if (descr instanceof ConditionalElementDescr ce) {
      ce.getDescrs().forEach(d -> collectBindings(d, bound));
    }
  }

  private void checkElement(BaseDescr descr, BaseDescr at, Set<String> bound) {
    BaseDescr here = descr.getLine() > 0 ? descr : at;
    if (descr instanceof PatternDescr p) {
      checkPattern(p, bound);
    } else if (descr instanceof EvalDescr e) {
      expression(String.valueOf(e.getContent()), e, bound);
    } else if (descr instanceof NamedConsequenceDescr || descr instanceof ConditionalBranchDescr) {
      if (descr instanceof ConditionalBranchDescr b && b.getCondition() != null) {
        expression(String.valueOf(b.getCondition().getContent()), here, bound);
      }
    } else if (descr instanceof ConditionalElementDescr ce) {
      for (BaseDescr child : ce.getDescrs()) {
        checkElement(child, here, bound);
      }
    } else {
      error(here, descr.getClass().getSimpleName().replace("Descr", "") + " is not allowed in a condition");
    }
  }

  private void checkPattern(PatternDescr p, Set<String> bound) {
    String type = p.getObjectType() == null ? "" : p.getObjectType();
    if (!type.equals("JourneyFacts") && !type.equals(JourneyFacts.class.getName()) && resolve(type) == null
        && !type.equals("Object") && !type.equals("Number")) {
      error(p, "pattern type " + type + " is not allowed: match JourneyFacts, or a type the rule sandbox allows"
          + " with 'from'");
    }
    if (p.getBehaviors() != null && !p.getBehaviors().isEmpty()) {
      error(p, "sliding windows ('over window:...') are not allowed");
    }
    if (p.getConstraint() != null) {
      for (BaseDescr c : p.getConstraint().getDescrs()) {
        constraint(c, p, bound);
      }
    }
    PatternSourceDescr src = p.getSource();
    if (src == null) {
      return;
    }
    if (src instanceof FromDescr from) {
      expression(from.getDataSource().getText(), from.getLine() > 0 ? from : p, bound);
    } else if (src instanceof AccumulateDescr acc) {
      if (acc.getInitCode() != null || acc.getActionCode() != null || acc.getResultCode() != null
          || acc.getReverseCode() != null || acc.isExternalFunction()) {
        error(p, "inline accumulate code is not allowed: use count, sum, min, max, average, collectList or"
            + " collectSet");
      }
      for (AccumulateDescr.AccumulateFunctionCallDescr f : acc.getFunctions()) {
        if (!ACCUMULATE_FUNCTIONS.contains(f.getFunction())) {
          error(p, "accumulate function " + f.getFunction() + " is not allowed: use " + ACCUMULATE_FUNCTIONS);
        }
        for (String param : f.getParams()) {
          expression(param, p, bound);
        }
      }
      for (BaseDescr input : acc.getDescrs()) {
        checkElement(input, p, bound);
      }
    } else if (src instanceof CollectDescr collect) {
      for (BaseDescr input : collect.getDescrs()) {
        checkElement(input, p, bound);
      }
    } else {
      error(p, src.getClass().getSimpleName().replace("Descr", "") + " is not allowed as a pattern source");
    }
  }

  private void constraint(BaseDescr c, PatternDescr p, Set<String> bound) {
    if (c instanceof ExprConstraintDescr e) {
      expression(e.getExpression(), c.getLine() > 0 ? c : p, bound);
    } else if (c instanceof BindingDescr b) {
      expression(b.getExpression(), c.getLine() > 0 ? c : p, bound);
    } else if (c instanceof ConditionalElementDescr ce) {
      for (BaseDescr child : ce.getDescrs()) {
        constraint(child, p, bound);
      }
    } else {
      error(p, c.getClass().getSimpleName().replace("Descr", "") + " is not allowed in a constraint");
    }
  }

  private String resolve(String type) {
    String t = type.trim();
    if (sandbox.allowsType(t)) {
      return t;
    }
    if (imported.containsKey(t)) {
      return imported.get(t);
    }
    int dot = t.indexOf('.');
    if (dot > 0 && imported.containsKey(t.substring(0, dot))) {
      String nested = imported.get(t.substring(0, dot)) + t.substring(dot).replace('.', '$');
      if (sandbox.allowsType(nested)) {
        return nested;
      }
    }
    if (sandbox.allowsType("java.lang." + t)) {
      return "java.lang." + t;
    }
    return null;
  }

  /** Checks an interpreted expression against the restricted dialect. */
  private void expression(String text, BaseDescr at, Set<String> bound) {
    if (text == null) {
      return;
    }
    int base = offsetOf(text, at);
    int i = 0;
    int n = text.length();
    String previous = "";
    String resolvedClass = null;
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < n && text.charAt(j) != c) {
          if (text.charAt(j) == '\\') {
            if (j + 1 < n && text.charAt(j + 1) == 'u') {
              report(base, i, at, "unicode escapes are not allowed in conditions: write the character itself");
              return;
            }
            j++;
          }
          j++;
        }
        i = j + 1;
        previous = "literal";
        resolvedClass = null;
        continue;
      }
      if (Character.isDigit(c)) {
        int j = i;
        while (j < n && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '.'
            || text.charAt(j) == '_')) {
          j++;
        }
        i = j;
        previous = "literal";
        resolvedClass = null;
        continue;
      }
      if (c == '$' || c == '_' || (c < 128 && Character.isLetter(c))) {
        int j = i;
        while (j < n && isIdentChar(text.charAt(j))) {
          j++;
        }
        String word = text.substring(i, j);
        boolean member = previous.equals(".");
        String problem = null;
        if (FORBIDDEN_WORDS.contains(word) || RuleSandbox.NEVER_ALLOWED.contains(word)) {
          problem = "'" + word + "' is not allowed in a condition";
        } else if (member && resolvedClass != null) {
          String nested = resolvedClass + "$" + word;
          if (sandbox.allowsType(resolvedClass + "." + word) || sandbox.allowsType(nested)) {
            resolvedClass = sandbox.allowsType(nested) ? nested : resolvedClass + "." + word;
            i = j;
            previous = "class";
            continue;
          }
          if (!sandbox.allowsMember(resolvedClass, word)) {
            problem = resolvedClass + "." + word + " is not allowed by the rule sandbox";
          }
          resolvedClass = null;
        } else if (member) {
          if (!memberNames(sandbox).contains(word) && !FACT_NAMES.contains(word)) {
            problem = "member '" + word + "' is not allowed by the rule sandbox";
          }
          resolvedClass = null;
        } else if (word.startsWith("$") || bound.contains(word) || KEYWORDS.contains(word)
            || FACT_NAMES.contains(word) || functions.contains(word)) {
          resolvedClass = null;
        } else if (resolve(word) != null) {
          resolvedClass = resolve(word);
          i = j;
          previous = "class";
          continue;
        } else {
          // a qualified class name, e.g. java.time.Duration
          String qualified = qualifiedClass(text, i);
          if (qualified != null) {
            resolvedClass = qualified;
            i += qualified.length();
            previous = "class";
            continue;
          }
          problem = "'" + word + "' is not a JourneyFacts property, a binding, a function or a class the"
              + " rule sandbox allows; JourneyFacts has " + String.join(", ", FACT_PROPERTIES)
              + (Character.isLowerCase(word.charAt(0)) ? "; for a signal attribute write attr(\"" + word + "\")" : "");
        }
        if (problem != null) {
          report(base, i, at, problem);
          return;
        }
        i = j;
        previous = "name";
        continue;
      }
      if (c >= 128) {
        report(base, i, at, "non-ASCII characters are allowed only inside string literals in conditions");
        return;
      }
      String two = i + 1 < n ? text.substring(i, i + 2) : "";
      if (two.equals("==") || two.equals("!=") || two.equals("<=") || two.equals(">=") || two.equals("&&")
          || two.equals("||") || two.equals("!.")) {
        previous = two.equals("!.") ? "." : two;
        i += 2;
        continue;
      }
      if (two.equals("++") || two.equals("--")) {
        report(base, i, at, "'" + two + "' is not allowed in a condition: conditions must not change anything");
        return;
      }
      if ("()[],.:?!<>+-*/%&|".indexOf(c) >= 0) {
        if (c != '.') {
          resolvedClass = c == '(' || c == ')' ? resolvedClass : null;
        }
        previous = String.valueOf(c);
        i++;
        continue;
      }
      String what = c == '=' ? "assignment ('=') is not allowed in a condition: compare with '=='"
          : "'" + c + "' is not allowed in a condition";
      report(base, i, at, what);
      return;
    }
  }

  private String qualifiedClass(String text, int start) {
    String longest = null;
    StringBuilder name = new StringBuilder();
    int i = start;
    while (i < text.length()) {
      int j = i;
      while (j < text.length() && isIdentChar(text.charAt(j))) {
        j++;
      }
      if (j == i) {
        break;
      }
      name.append(text, i, j);
      if (sandbox.allowsType(name.toString())) {
        longest = name.toString();
      }
      if (j < text.length() && text.charAt(j) == '.') {
        name.append('.');
        i = j + 1;
      } else {
        break;
      }
    }
    return longest;
  }

  private static boolean isIdentChar(char c) {
    return c == '$' || c == '_' || (c < 128 && Character.isLetterOrDigit(c));
  }

  private int offsetOf(String text, BaseDescr at) {
    String src = source.text();
    int from = Math.max(0, at.getStartCharacter());
    int found = src.indexOf(text, from);
    if (found < 0 && at.getLine() > 0) {
      found = src.indexOf(text, lineStart(at.getLine()));
    }
    return found;
  }

  private int lineStart(int line) {
    String src = source.text();
    int offset = 0;
    for (int l = 1; l < line && offset >= 0; l++) {
      offset = src.indexOf('\n', offset) + 1;
      if (offset == 0) {
        return 0;
      }
    }
    return offset;
  }

  private void report(int base, int index, BaseDescr at, String message) {
    if (base >= 0) {
      int offset = base + index;
      String src = source.text();
      int line = 1;
      int lineStart = 0;
      for (int k = 0; k < offset && k < src.length(); k++) {
        if (src.charAt(k) == '\n') {
          line++;
          lineStart = k + 1;
        }
      }
      problems.add(new RuleProblem(RuleProblem.Level.ERROR, source.name(), line, offset - lineStart + 1, message));
    } else {
      error(at, message);
    }
  }

  /** An error at the first occurrence of {@code text} from the descr's start, else at the descr. */
  private void errorAt(BaseDescr at, String text, String message) {
    int start = at.getStartCharacter();
    String src = source.text();
    String first = text.trim().split("[\\s.]", 2)[0];
    int found = start >= 0 ? src.indexOf(first, start) : -1;
    if (found >= 0 && !first.isEmpty()) {
      report(found, 0, at, message);
    } else {
      error(at, message);
    }
  }

  private void error(BaseDescr at, String message) {
    int line = Math.max(0, at.getLine());
    int column = line > 0 ? Math.max(0, at.getColumn()) + 1 : 0;
    problems.add(new RuleProblem(RuleProblem.Level.ERROR, source.name(), line, column, message));
  }

  /** Names usable after a dot: members of allowed classes, with bean-property forms. */
  static Set<String> memberNames(RuleSandbox sandbox) {
    return MEMBER_NAMES.computeIfAbsent(sandbox, s -> {
      Set<String> names = new HashSet<>();
      s.entries().forEach((className, members) -> {
        if (members.contains("*")) {
          try {
            names.addAll(names(Class.forName(className, false, DrlCheck.class.getClassLoader())));
          } catch (ClassNotFoundException | LinkageError e) {
            // an entry for a class this class loader cannot see: its members stay unknown here
          }
        }
        for (String m : members) {
          if (!m.equals("*") && !m.equals("<init>") && !m.startsWith("-")) {
            names.add(m);
            names.add(property(m));
          }
        }
      });
      names.removeAll(RuleSandbox.NEVER_ALLOWED);
      names.removeAll(FORBIDDEN_WORDS);
      return Set.copyOf(names);
    });
  }

  private static Set<String> names(Class<?> type) {
    Set<String> names = new HashSet<>();
    for (Method m : type.getMethods()) {
      if (m.getDeclaringClass() != Object.class || Set.of("equals", "hashCode", "toString").contains(m.getName())) {
        names.add(m.getName());
        names.add(property(m.getName()));
      }
    }
    for (Field f : type.getFields()) {
      if (Modifier.isPublic(f.getModifiers())) {
        names.add(f.getName());
      }
    }
    names.removeAll(RuleSandbox.NEVER_ALLOWED);
    names.remove("class");
    return names;
  }

  private static List<String> properties(Class<?> type) {
    java.util.TreeSet<String> props = new java.util.TreeSet<>();
    for (Method m : type.getMethods()) {
      if (m.getDeclaringClass() == type && m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers())
          && !m.getName().equals(property(m.getName()))) {
        props.add(property(m.getName()));
      }
    }
    return List.copyOf(props);
  }

  private static String property(String method) {
    String rest;
    if (method.startsWith("get") && method.length() > 3) {
      rest = method.substring(3);
    } else if (method.startsWith("is") && method.length() > 2) {
      rest = method.substring(2);
    } else {
      return method;
    }
    return rest.substring(0, 1).toLowerCase(Locale.ROOT) + rest.substring(1);
  }
}
