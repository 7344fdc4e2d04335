package dev.journey.drools.internal;

import dev.journey.drools.DrlSource;
import dev.journey.drools.RuleProblem;
import dev.journey.drools.RuleSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.kie.api.builder.Message;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Puts a problem at its DRL file and line: a compiled class back to the rule or function it was
 * generated from, a compiler message without a position to the rule it names. Not API.
 */
final class Locator {
  /** Where a rule or function is. */
  record Place(String source, int line, int column, int bodyLine, String what) {}

  private final RuleSet ruleSet;
  private final Map<String, Place> rules = new LinkedHashMap<>();
  private final Map<String, Place> functions = new LinkedHashMap<>();
  private final Map<String, String> ruleClassPrefixes = new HashMap<>();
  private Map<String, int[]> lineMappings = Map.of();

  Locator(RuleSet ruleSet, Map<String, PackageDescr> parsed) {
    this.ruleSet = ruleSet;
    for (DrlSource source : ruleSet.sources()) {
      PackageDescr pkg = parsed.get(source.name());
      if (pkg == null) {
        continue;
      }
      for (RuleDescr rule : pkg.getRules()) {
        rules.putIfAbsent(rule.getName(), new Place(source.name(), Math.max(0, rule.getLine()),
            rule.getLine() > 0 ? rule.getColumn() + 1 : 0, firstCodeLine(source.text(), rule.getConsequenceLine()),
            "rule \"" + rule.getName() + "\""));
        ruleClassPrefixes.put("Rule_" + javaName(rule.getName()), rule.getName());
      }
      for (FunctionDescr fn : pkg.getFunctions()) {
        functions.putIfAbsent(fn.getName(), new Place(source.name(), Math.max(0, fn.getLine()),
            fn.getLine() > 0 ? fn.getColumn() + 1 : 0, fn.getLine(), "function " + fn.getName()));
      }
    }
  }

  /** The line of the first code after {@code then} on {@code thenLine} (Drools trims the consequence). */
  static int firstCodeLine(String text, int thenLine) {
    if (thenLine <= 0) {
      return 0;
    }
    int offset = 0;
    for (int l = 1; l < thenLine; l++) {
      offset = text.indexOf('\n', offset) + 1;
      if (offset <= 0) {
        return thenLine;
      }
    }
    java.util.regex.Matcher then = java.util.regex.Pattern.compile("\\bthen\\b").matcher(text);
    if (!then.find(offset)) {
      return thenLine;
    }
    int line = thenLine;
    for (int i = then.end(); i < text.length() && Character.isWhitespace(text.charAt(i)); i++) {
      line += text.charAt(i) == '\n' ? 1 : 0;
    }
    return line;
  }

  void lineMappings(Map<String, int[]> mappings) {
    this.lineMappings = mappings;
  }

  /** Drools' way of turning a rule name into part of a class name. */
  static String javaName(String name) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == ' ') {
        b.append('_');
      } else if (Character.isJavaIdentifierPart(c) && c != '$') {
        b.append(c);
      } else {
        b.append("$u").append((int) c).append('$');
      }
    }
    return b.toString();
  }

  /**
   * An error in generated Java (the executable model): the generated line is looked up in the DRL,
   * where consequences appear verbatim, and the problem is placed there.
   */
  RuleProblem placeGenerated(RuleProblem problem, Message message, Map<String, String> generated) {
    if (problem.line() > 0 || message.getLine() <= 0 || !generated.containsKey(message.getPath())) {
      return problem;
    }
    String[] javaLines = generated.get(message.getPath()).split("\n", -1);
    if (message.getLine() > javaLines.length) {
      return problem;
    }
    String code = javaLines[message.getLine() - 1].trim();
    if (code.length() < 3) {
      return problem;
    }
    for (DrlSource source : ruleSet.sources()) {
      int at = source.text().indexOf(code);
      if (at >= 0) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
          if (source.text().charAt(i) == '\n') {
            line++;
            lineStart = i + 1;
          }
        }
        return new RuleProblem(problem.level(), source.name(), line, at - lineStart + 1, problem.message());
      }
    }
    return problem;
  }

  /** A compiler message at line 0: placed at the rule its text names, when it names one. */
  RuleProblem place(RuleProblem problem, Message message) {
    if (problem.line() > 0) {
      return problem;
    }
    String text = message.getText() == null ? "" : message.getText();
    Place best = null;
    for (Map.Entry<String, Place> e : rules.entrySet()) {
      if (text.contains("\"" + e.getKey() + "\"") || text.contains("'" + e.getKey() + "'")
          || text.contains("Rule name: " + e.getKey()) || text.contains("rule " + e.getKey())) {
        if (best == null || e.getKey().length() > best.what().length() - 7) {
          best = e.getValue();
        }
      }
    }
    if (best == null) {
      for (Map.Entry<String, String> e : ruleClassPrefixes.entrySet()) {
        if (text.contains(e.getKey())) {
          best = rules.get(e.getValue());
        }
      }
    }
    if (best == null) {
      return problem;
    }
    return new RuleProblem(problem.level(), best.source(), best.line(), best.column(),
        problem.message() + " (in " + best.what() + ")");
  }

  /** A sandbox violation in a compiled class, at the DRL line it came from. */
  RuleProblem place(BytecodeCheck.Violation v, Map<String, byte[]> classes) {
    String top = v.className().replaceAll("(\\$\\d+)+$", "");
    String simple = top.substring(top.lastIndexOf('/') + 1);
    Place place = null;
    int line = 0;
    for (Map.Entry<String, String> e : ruleClassPrefixes.entrySet()) {
      if (simple.startsWith(e.getKey()) && simple.substring(e.getKey().length()).matches("-?\\d*")) {
        place = rules.get(e.getValue());
        int[] mapping = lineMappings.get(top.replace('/', '.'));
        if (mapping != null && v.javaLine() > 0 && place != null) {
          // measured on Drools 10: the consequence's first line of code is Java line offset + 4
          line = place.bodyLine() + v.javaLine() - (mapping[1] + 4);
        }
      }
    }
    if (place == null) {
      for (Map.Entry<String, Place> e : functions.entrySet()) {
        String cls = Character.toUpperCase(e.getKey().charAt(0)) + e.getKey().substring(1);
        if (simple.equals(cls) || v.method().equals(e.getKey()) && simple.startsWith("Rules")) {
          place = e.getValue();
          int[] mapping = lineMappings.get(top.replace('/', '.'));
          if (mapping != null && v.javaLine() > 0) {
            line = place.line() + v.javaLine() - mapping[1];
          }
        }
      }
    }
    if (place == null) {
      String rule = execModelRule(top, classes);
      if (rule != null) {
        place = rules.get(rule);
        line = v.className().contains("LambdaConsequence") && place != null ? place.bodyLine() : 0;
      }
    }
    String where = v.method().isEmpty() ? "" : "";
    if (place == null) {
      return new RuleProblem(RuleProblem.Level.ERROR, ruleSet.sources().size() == 1
          ? ruleSet.sources().get(0).name() : ruleSet.ref().key(), 0, 0, v.message() + " (in generated class "
          + v.className().replace('/', '.') + where + ")");
    }
    boolean precise = line > 0;
    int column = precise ? column(place.source(), line, v.token()) : place.column();
    return new RuleProblem(RuleProblem.Level.ERROR, place.source(), precise ? line : place.line(),
        column, place.what() + " " + v.message());
  }

  /** The 1-based column of {@code token} on {@code line} of {@code source}, 0 when not found. */
  private int column(String sourceName, int line, String token) {
    if (token.isEmpty()) {
      return 0;
    }
    for (DrlSource source : ruleSet.sources()) {
      if (source.name().equals(sourceName)) {
        String[] lines = source.text().split("\n", -1);
        if (line <= lines.length) {
          java.util.regex.Matcher m =
              java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(token) + "\\b")
                  .matcher(withoutStrings(lines[line - 1]));
          return m.find() ? m.start() + 1 : 0;
        }
      }
    }
    return 0;
  }

  /** The line with string and char literals blanked out, offsets kept. */
  private static String withoutStrings(String line) {
    char[] out = line.toCharArray();
    char quote = 0;
    for (int i = 0; i < out.length; i++) {
      char c = out[i];
      if (quote != 0) {
        if (c == '\\' && i + 1 < out.length) {
          out[i++] = ' ';
        } else if (c == quote) {
          quote = 0;
          continue;
        }
        out[i] = ' ';
      } else if (c == '"' || c == '\'') {
        quote = c;
      }
    }
    return new String(out);
  }

  private Map<String, String> execOwners;

  /** Executable model: which rule's definition method refers to the lambda class. */
  private String execModelRule(String className, Map<String, byte[]> classes) {
    if (execOwners == null) {
      execOwners = new HashMap<>();
      for (Map.Entry<String, byte[]> e : classes.entrySet()) {
        new ClassReader(e.getValue()).accept(new ClassVisitor(Opcodes.ASM9) {
          @Override
          public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
            if (!name.startsWith("rule_")) {
              return null;
            }
            List<String> strings = new ArrayList<>();
            List<String> owners = new ArrayList<>();
            return new MethodVisitor(Opcodes.ASM9) {
              @Override
              public void visitLdcInsn(Object value) {
                if (value instanceof String s) {
                  strings.add(s);
                }
              }

              @Override
              public void visitFieldInsn(int opcode, String owner, String fName, String fDesc) {
                owners.add(owner);
              }

              @Override
              public void visitMethodInsn(int opcode, String owner, String mName, String mDesc, boolean itf) {
                owners.add(owner);
              }

              @Override
              public void visitEnd() {
                String rule = strings.stream().filter(rules::containsKey).findFirst().orElse(null);
                if (rule != null) {
                  owners.forEach(o -> execOwners.putIfAbsent(o, rule));
                }
              }
            };
          }
        }, ClassReader.SKIP_FRAMES);
      }
    }
    return execOwners.get(className);
  }
}
