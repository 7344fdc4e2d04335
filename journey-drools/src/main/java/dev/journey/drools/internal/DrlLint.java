package dev.journey.drools.internal;

import dev.journey.drools.DrlSource;
import dev.journey.drools.RuleProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load-time lint: rejects DRL that could escape the decision builder by accident. It checks
 * imports against an allowlist and looks for references to the JVM, processes, threads,
 * reflection, I/O and networking, {@code eval(...)} and {@code function} blocks, ignoring comments
 * and string literals. It is a guard against accidents, not a sandbox. Not API.
 */
public final class DrlLint {
  /** Import prefixes rules may use. */
  public static final List<String> ALLOWED_IMPORTS = List.of("dev.journey.", "java.time.", "java.util.");

  private static final Pattern IMPORT =
      Pattern.compile("(?m)^[ \\t]*import[ \\t]+(?:static[ \\t]+)?([A-Za-z_$][\\w$.*]*)");

  private record Check(Pattern pattern, String what) {}

  private static final List<Check> CHECKS =
      List.of(
          new Check(
              Pattern.compile(
                  "\\b(?:java\\.lang\\.)?(System|Runtime|Thread|ThreadGroup|ThreadLocal|ProcessBuilder|"
                      + "ProcessHandle|ClassLoader|SecurityManager|Executors|ExecutorService|ForkJoinPool|"
                      + "CompletableFuture)\\b"),
              "references %s: rules must not touch the JVM, processes or threads"),
          new Check(
              Pattern.compile(
                  "(java\\.lang\\.reflect|java\\.lang\\.invoke|\\bClass\\s*\\.\\s*forName|\\bgetClass\\s*\\(|"
                      + "\\bgetDeclared\\w*\\s*\\(|\\bgetMethods?\\s*\\(|\\bgetFields?\\s*\\(|\\bsetAccessible\\s*\\(|"
                      + "\\bnewInstance\\s*\\(|\\bMethodHandles?\\b)"),
              "uses reflection (%s): rules must not use reflection"),
          new Check(
              Pattern.compile(
                  "(\\bjava\\.io\\b|\\bjava\\.nio\\b|\\bjava\\.net\\b|\\bjavax\\.net\\b|\\bjava\\.sql\\b|"
                      + "\\b(?:File|Files|Paths|FileInputStream|FileOutputStream|FileReader|FileWriter|"
                      + "RandomAccessFile|PrintStream|Socket|ServerSocket|DatagramSocket|URL|URI|URLConnection|"
                      + "HttpURLConnection|HttpClient|InetAddress|DriverManager)\\b)"),
              "references %s: rules must not do I/O or networking"),
          new Check(
              Pattern.compile("\\beval\\s*\\("),
              "uses %s...): eval conditions are not allowed; constrain JourneyFacts properties instead"),
          new Check(
              Pattern.compile("\\bfunction\\b"),
              "declares a %s block: functions are not allowed; use JourneyFacts helpers or"
                  + " dev.journey classes"));

  private DrlLint() {}

  /** Lints one source; returns its problems in source order (empty when clean). */
  public static List<RuleProblem> lint(DrlSource source) {
    String masked = mask(source.text());
    int[] lineStarts = lineStarts(masked);
    List<RuleProblem> problems = new ArrayList<>();
    List<int[]> importSpans = new ArrayList<>();
    Matcher imports = IMPORT.matcher(masked);
    while (imports.find()) {
      int end = masked.indexOf('\n', imports.start());
      importSpans.add(new int[] {imports.start(), end < 0 ? masked.length() : end});
      String name = imports.group(1);
      if (ALLOWED_IMPORTS.stream().noneMatch(name::startsWith)) {
        problems.add(
            problem(
                source,
                lineStarts,
                imports.start(1),
                "import "
                    + name
                    + " is not allowed: rules may import only from "
                    + String.join("*, ", ALLOWED_IMPORTS)
                    + "*"));
      }
    }
    for (Check check : CHECKS) {
      Matcher m = check.pattern.matcher(masked);
      while (m.find()) {
        if (inside(importSpans, m.start())) {
          continue;
        }
        String found = m.group().replaceAll("\\s+", "");
        problems.add(problem(source, lineStarts, m.start(), String.format(check.what, found)));
      }
    }
    problems.sort(
        (a, b) -> a.line() != b.line() ? Integer.compare(a.line(), b.line()) : Integer.compare(a.column(), b.column()));
    return problems;
  }

  private static boolean inside(List<int[]> spans, int offset) {
    for (int[] span : spans) {
      if (offset >= span[0] && offset < span[1]) {
        return true;
      }
    }
    return false;
  }

  private static RuleProblem problem(DrlSource source, int[] lineStarts, int offset, String message) {
    int line = lineOf(lineStarts, offset);
    int column = offset - lineStarts[line - 1] + 1;
    return new RuleProblem(RuleProblem.Level.ERROR, source.name(), line, column, message);
  }

  private static int lineOf(int[] lineStarts, int offset) {
    int lo = 0;
    int hi = lineStarts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (lineStarts[mid] <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo + 1;
  }

  private static int[] lineStarts(String text) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Replaces comments and string literal contents with spaces, keeping offsets and newlines. */
  public static String mask(String text) {
    char[] out = text.toCharArray();
    int i = 0;
    int n = out.length;
    while (i < n) {
      char c = out[i];
      if (c == '/' && i + 1 < n && out[i + 1] == '/') {
        while (i < n && out[i] != '\n') {
          out[i++] = ' ';
        }
      } else if (c == '/' && i + 1 < n && out[i + 1] == '*') {
        while (i < n && !(out[i] == '*' && i + 1 < n && out[i + 1] == '/')) {
          if (out[i] != '\n') {
            out[i] = ' ';
          }
          i++;
        }
        if (i < n) {
          out[i++] = ' ';
          out[i++] = ' ';
        }
      } else if (c == '"' || c == '\'') {
        i++;
        while (i < n && out[i] != c && out[i] != '\n') {
          if (out[i] == '\\' && i + 1 < n) {
            out[i++] = ' ';
          }
          out[i++] = ' ';
        }
        i++;
      } else {
        i++;
      }
    }
    return new String(out);
  }
}
