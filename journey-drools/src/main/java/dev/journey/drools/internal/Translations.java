package dev.journey.drools.internal;

import dev.journey.core.decision.Decision;
import dev.journey.drools.DrlSource;
import dev.journey.drools.JourneyFacts;
import dev.journey.drools.RuleProblem;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts the common Drools errors in the rule author's words, keeping Drools' text after them:
 * unbalanced parentheses (pointing at the opening one), an unknown method of the decision builder
 * or of {@link JourneyFacts} (listing what there is), an unknown name in a consequence. Not API.
 */
final class Translations {
  private static final Pattern PARSER_ERROR = Pattern.compile("\\[ERR 10\\d\\]");
  private static final Pattern UNDEFINED_METHOD =
      Pattern.compile("The method (\\w+)\\((.*?)\\) is undefined for the type (\\w+(?:\\.\\w+)?)");
  private static final Pattern UNRESOLVED = Pattern.compile("^(?:Rule Compilation error )?(\\$?\\w+) cannot be resolved(?: to a variable)?$");
  private static final Pattern STRICT_MODE =
      Pattern.compile("unable to resolve method using strict-mode: dev\\.journey\\.drools\\.JourneyFacts\\.(\\w+)\\(\\)");

  private Translations() {}

  static RuleProblem translate(RuleProblem problem, List<DrlSource> sources) {
    String text = problem.message();
    DrlSource source = sources.stream().filter(s -> s.name().equals(problem.source())).findFirst().orElse(null);
    if (source != null && PARSER_ERROR.matcher(text).find()) {
      Optional<int[]> open = unclosedParenthesis(source.text(), problem.line());
      if (open.isPresent()) {
        return new RuleProblem(problem.level(), problem.source(), open.get()[0], open.get()[1],
            "this '(' is never closed; Drools noticed at " + problem.line() + ":" + problem.column()
                + ": " + text);
      }
    }
    Matcher m = UNDEFINED_METHOD.matcher(text);
    if (m.find()) {
      String type = m.group(3);
      Class<?> known = type.endsWith("Builder") ? Decision.Builder.class
          : type.equals("JourneyFacts") ? JourneyFacts.class : null;
      if (known != null) {
        return with(problem, type + " has no method " + m.group(1) + "(" + m.group(2) + "); it has "
            + String.join(", ", methods(known)) + ". Drools: " + text);
      }
    }
    m = STRICT_MODE.matcher(text);
    if (m.find()) {
      return with(problem, "JourneyFacts has no property '" + m.group(1) + "'; for a signal attribute write attr(\""
          + m.group(1) + "\"). Drools: " + text);
    }
    m = UNRESOLVED.matcher(text.trim());
    if (m.find()) {
      return with(problem, "'" + m.group(1) + "' is not defined here: a consequence sees the global 'decision' and"
          + " the bindings of its conditions ($f : JourneyFacts(...)). Drools: " + text);
    }
    return problem;
  }

  private static RuleProblem with(RuleProblem p, String message) {
    return new RuleProblem(p.level(), p.source(), p.line(), p.column(), message);
  }

  private static List<String> methods(Class<?> type) {
    TreeSet<String> names = new TreeSet<>();
    for (Method method : type.getMethods()) {
      if (method.getDeclaringClass() == type && Modifier.isPublic(method.getModifiers())
          && !method.getName().equals("build") && !method.getName().equals("fired")) {
        names.add(method.getName());
      }
    }
    return List.copyOf(names);
  }

  /**
   * The (line, column) of the innermost '(' still open where a rule's {@code then}, {@code end} or a new
   * {@code rule} begins, at or before {@code errorLine}; comments and strings are skipped.
   */
  static Optional<int[]> unclosedParenthesis(String text, int errorLine) {
    Deque<int[]> open = new ArrayDeque<>();
    int line = 1;
    int column = 1;
    int n = text.length();
    boolean lineStart = true;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        column = 1;
        lineStart = true;
        continue;
      }
      if (lineStart && !Character.isWhitespace(c)) {
        lineStart = false;
        String rest = text.substring(i, Math.min(n, i + 5));
        if ((rest.startsWith("then") || rest.startsWith("end") || rest.startsWith("rule ")) && !open.isEmpty()) {
          int[] innermost = open.peek();
          return innermost[0] <= errorLine ? Optional.of(innermost) : Optional.empty();
        }
      }
      if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
        while (i + 1 < n && text.charAt(i + 1) != '\n') {
          i++;
        }
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < n && text.charAt(j) != c && text.charAt(j) != '\n') {
          j += text.charAt(j) == '\\' ? 2 : 1;
        }
        column += j - i;
        i = j;
      } else if (c == '(') {
        open.push(new int[] {line, column});
      } else if (c == ')' && !open.isEmpty()) {
        open.pop();
      }
      column++;
    }
    return Optional.empty();
  }
}
