package dev.journey.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A hostile corpus: rules that try to escape the decision builder through reflection, I/O, NIO,
 * processes, threads, JVM-global state, class loading, the wall clock, unicode escapes, split
 * tokens, MVEL and loops. Every entry must be rejected at load with its file and line; the shipped
 * example rules must still load.
 */
final class HostileRulesTest {
  private static final int HEADER_LINES = 4;
  private static RuleSetRegistry classic;

  @BeforeAll
  static void open() {
    classic = RuleSetRegistry.ofDefaults();
  }

  @AfterAll
  static void close() {
    classic.close();
  }

  /**
   * One hostile rule file.
   *
   * @param name the file name
   * @param drl the text after the usual header
   * @param needle text on the line the problem must be reported at
   * @param message a fragment of the expected message
   */
  record Entry(String name, String drl, String needle, String message) {
    String text() {
      return Fixtures.header("hostile." + name.replace('-', '_')) + drl;
    }

    int line() {
      String[] lines = text().split("\n", -1);
      for (int i = HEADER_LINES; i < lines.length; i++) {
        if (lines[i].contains(needle) && (needle.startsWith("rule ") || !lines[i].startsWith("rule \""))) {
          return i + 1;
        }
      }
      throw new IllegalStateException(name + ": needle '" + needle + "' not in its text");
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static Entry then(String name, String consequence, String needle, String message) {
    return new Entry(
        name,
        "rule \"" + name + "\"\nwhen\n  $f : JourneyFacts(signalType == \"X\")\nthen\n" + consequence + "\nend\n",
        needle,
        message);
  }

  private static Entry when(String name, String condition, String needle, String message) {
    return new Entry(
        name, "rule \"" + name + "\"\nwhen\n" + condition + "\nthen\n  decision.trace(\"x\");\nend\n", needle, message);
  }

  static Stream<Entry> corpus() {
    List<Entry> c = new ArrayList<>();
    // I/O and NIO
    c.add(then("formatter-writes-a-file", "  new java.util.Formatter(\"/tmp/journey-hostile\").close();",
        "Formatter", "java.util.Formatter"));
    c.add(then("nio-files", "  java.nio.file.Files.writeString(java.nio.file.Path.of(\"/tmp/x\"), \"x\");",
        "Files", "java.nio.file"));
    c.add(then("file-output-stream", "  new java.io.FileOutputStream(\"/tmp/x\").close();", "FileOutputStream",
        "java.io.FileOutputStream"));
    c.add(then("system-out", "  System.out.println(\"x\");", "System.out", "java.lang.System.out"));
    c.add(then("socket", "  new java.net.Socket(\"127.0.0.1\", 9).close();", "Socket", "java.net.Socket"));
    c.add(then("http-client", "  java.net.http.HttpClient.newHttpClient();", "HttpClient", "HttpClient"));
    // reflection and class loading
    c.add(then("class-for-name", "  Class.forName(\"java.lang.Runtime\");", "forName", "java.lang.Class.forName"));
    c.add(then("get-class", "  decision.trace(String.valueOf($f.getClass().getClassLoader()));", "getClass",
        "getClass"));
    c.add(then("class-literal-methods", "  decision.trace(String.class.getMethods().toString());", "getMethods",
        "java.lang.Class.getMethods"));
    c.add(then("beans-expression",
        "  Object x = $f;\n  new java.beans.Expression(x, \"toString\", new Object[0]).getValue();",
        "java.beans.Expression", "java.beans.Expression"));
    c.add(then("beans-statement", "  new java.beans.Statement($f, \"toString\", null).execute();", "Statement",
        "java.beans.Statement"));
    c.add(then("system-class-loader", "  ClassLoader.getSystemClassLoader().loadClass(\"x\");", "ClassLoader",
        "java.lang.ClassLoader"));
    c.add(then("method-handles", "  java.lang.invoke.MethodHandles.lookup();", "MethodHandles",
        "java.lang.invoke.MethodHandles"));
    c.add(then("method-reference", "  java.util.function.Supplier<Object> s = Runtime::getRuntime;\n  s.get();",
        "Runtime::getRuntime", "java.lang.Runtime::getRuntime"));
    // processes
    c.add(then("runtime-exec", "  Runtime.getRuntime().exec(\"id\");", "exec", "java.lang.Runtime"));
    c.add(then("process-builder", "  new ProcessBuilder(\"id\").start();", "ProcessBuilder",
        "java.lang.ProcessBuilder"));
    c.add(then("process-handle", "  ProcessHandle.current().destroy();", "ProcessHandle",
        "java.lang.ProcessHandle"));
    // threads
    c.add(then("timer", "  new java.util.Timer(true).cancel();", "Timer", "java.util.Timer"));
    c.add(then("thread-pool-executor",
        "  new java.util.concurrent.ThreadPoolExecutor(1, 1, 1L, java.util.concurrent.TimeUnit.SECONDS,"
            + " new java.util.concurrent.SynchronousQueue()).shutdown();",
        "ThreadPoolExecutor", "java.util.concurrent"));
    c.add(new Entry("static-import-executors",
        "import static java.util.concurrent.Executors.newCachedThreadPool;\n"
            + "rule \"static-import-executors\"\nwhen\n  JourneyFacts()\nthen\n  newCachedThreadPool().shutdown();\nend\n",
        "import static", "import java.util.concurrent.Executors.newCachedThreadPool is not allowed"));
    c.add(then("executors-qualified", "  java.util.concurrent.Executors.newCachedThreadPool().shutdown();",
        "newCachedThreadPool", "java.util.concurrent.Executors.newCachedThreadPool"));
    c.add(then("new-thread", "  new Thread(\"x\").start();", "Thread", "java.lang.Thread"));
    c.add(then("completable-future", "  java.util.concurrent.CompletableFuture.runAsync(null);", "runAsync",
        "java.util.concurrent.CompletableFuture"));
    // JVM-global state and the wall clock
    c.add(then("time-zone-default", "  java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone(\"UTC\"));",
        "TimeZone", "java.util.TimeZone"));
    c.add(then("locale-default", "  java.util.Locale.setDefault(java.util.Locale.ROOT);", "setDefault",
        "java.util.Locale.setDefault"));
    c.add(then("system-property", "  System.setProperty(\"a\", \"b\");", "setProperty", "java.lang.System"));
    c.add(then("system-exit", "  System.exit(3);", "exit", "java.lang.System.exit"));
    c.add(then("wall-clock", "  decision.trace(java.time.Instant.now().toString());", "Instant.now",
        "java.time.Instant.now"));
    c.add(then("math-random", "  decision.increment(\"r\", (long) (Math.random() * 10));", "random",
        "java.lang.Math.random"));
    c.add(then("current-time-millis", "  decision.increment(\"t\", System.currentTimeMillis());", "currentTimeMillis",
        "java.lang.System.currentTimeMillis"));
    c.add(then("integer-get-integer", "  decision.trace(String.valueOf(Integer.getInteger(\"user.home\")));",
        "getInteger", "java.lang.Integer.getInteger"));
    // imports, split tokens and unicode escapes
    c.add(new Entry("split-import",
        "import java.io\n  .File;\nrule \"split-import\"\nwhen\n  JourneyFacts()\nthen\n  decision.trace(\"x\");\nend\n",
        "import java.io", "import java.io.File is not allowed"));
    c.add(then("split-tokens", "  java.lang\n    .Runtime\n    .getRuntime();", ".getRuntime", "java.lang.Runtime"));
    // Drools does not pass a unicode-escaped identifier through to the compiler intact: rejected
    c.add(then("unicode-escape-in-consequence", "  \\u0053ystem.exit(0);", "rule \"unicode", "ystem cannot be resolved"));
    c.add(then("unicode-escape-in-string",
        "  decision.trace(\"\\u0022 + System.getenv(\\u0022HOME\\u0022) + \\u0022\");", "decision.trace",
        "java.lang.System.getenv"));
    c.add(when("unicode-escape-in-condition",
        "  JourneyFacts(attr(\"a\\u0022) || true || (\\u0022\") == \"\")", "JourneyFacts(",
        "unicode escapes are not allowed"));
    // MVEL and interpreted expressions
    c.add(new Entry("mvel-dialect",
        "rule \"mvel-dialect\"\n  dialect \"mvel\"\nwhen\n  $f : JourneyFacts()\nthen\n  decision.trace(\"x\");\nend\n",
        "dialect", "dialect \"mvel\" is not allowed"));
    c.add(new Entry("mvel-package-dialect",
        "dialect \"mvel\"\nrule \"mvel-package-dialect\"\nwhen\n  JourneyFacts()\nthen\n  decision.trace(\"x\");\nend\n",
        "dialect", "dialect \"mvel\" is not allowed"));
    c.add(when("mvel-get-class", "  JourneyFacts(this.getClass().getClassLoader() != null)", "getClass",
        "'getClass' is not allowed"));
    c.add(when("mvel-class-property", "  JourneyFacts(signal.class.classLoader != null)", "signal.class",
        "'class' is not allowed"));
    c.add(when("mvel-new", "  JourneyFacts(new java.beans.Expression(this, \"toString\", null) != null)", "new java",
        "'new' is not allowed"));
    c.add(when("mvel-static-runtime", "  JourneyFacts(java.lang.Runtime.getRuntime() != null)", "java.lang.Runtime",
        "'java' is not a JourneyFacts property"));
    // the DRL parser itself refuses these two
    c.add(when("mvel-assignment", "  JourneyFacts(state = \"WON\")", "state =", "mismatched input '='"));
    c.add(when("mvel-block", "  JourneyFacts(signalType == \"X\" && { System.exit(0) })", "{",
        "no viable alternative at input '{'"));
    c.add(when("mvel-binding-assignment", "  JourneyFacts($s : state, $s = \"WON\")", "$s =", "mismatched input '='"));
    c.add(when("mvel-map-projection", "  JourneyFacts(signal.attributes.values.(getClass()) != null)", "values",
        "mismatched input"));
    c.add(when("mvel-inline-new", "  JourneyFacts(signal.attributes contains new java.util.Timer())", "new java",
        "'new' is not allowed"));
    c.add(when("mvel-system-property", "  JourneyFacts(attr(\"a\") == System.getProperty(\"user.home\"))", "System",
        "'System' is not a JourneyFacts property"));
    c.add(when("eval-runtime", "  eval(Runtime.getRuntime() != null)", "eval(",
        "'Runtime' is not a JourneyFacts property"));
    c.add(when("from-huge-range", "  $n : String() from java.util.Collections.nCopies(2000000000, \"x\")", "nCopies",
        "java.util.Collections.nCopies is not allowed"));
    c.add(when("accumulate-inline-code",
        "  Number() from accumulate(JourneyFacts(), init(int i = 0;) action(i++;) result(i))", "accumulate",
        "inline accumulate code is not allowed"));
    // engine internals
    c.add(then("kie-runtime", "  drools.getKieRuntime().halt();", "getKieRuntime", "org.drools"));
    c.add(then("insert-a-fact", "  insert(new Object());", "insert", "org.drools"));
    c.add(new Entry("other-global",
        "global java.util.List sink;\nrule \"other-global\"\nwhen\n  JourneyFacts()\nthen\n  decision.trace(\"x\");\nend\n",
        "global java.util.List", "global 'sink' is not allowed"));
    c.add(new Entry("declare-type",
        "declare Leak\n  value : String\nend\nrule \"declare-type\"\nwhen\n  JourneyFacts()\nthen\nend\n",
        "declare", "declare blocks are not allowed"));
    c.add(new Entry("timer-attribute",
        "rule \"timer-attribute\"\n  timer (int: 0 1s)\nwhen\n  JourneyFacts()\nthen\nend\n", "timer",
        "attribute 'timer' is not allowed"));
    // unbounded evaluation, decidable at load
    c.add(then("while-true", "  while (true) {\n    decision.trace(\"x\");\n  }", "while",
        "contains a loop"));
    c.add(then("for-loop", "  for (int i = 0; i < 10; i++) {\n    decision.trace(\"x\");\n  }", "for (",
        "contains a loop"));
    c.add(new Entry("recursive-function",
        "function int down(int n) {\n  return n <= 0 ? 0 : down(n - 1);\n}\n"
            + "rule \"recursive-function\"\nwhen\n  JourneyFacts()\nthen\n  decision.increment(\"n\", down(3));\nend\n",
        "return n <= 0", "recursion"));
    c.add(then("synchronized-block", "  synchronized (\"journey\") {\n    decision.trace(\"x\");\n  }", "synchronized",
        "synchroniz"));
    c.add(then("anonymous-class",
        "  decision.trace(new Object() {\n    public String toString() { System.exit(1); return \"\"; }\n  }.toString());",
        "System.exit", "java.lang.System.exit"));
    return c.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void should_reject_every_hostile_rule_at_its_file_and_line(Entry entry) {
    // given
    RuleSet rules = RuleSet.builder("hostile", entry.name()).drl(entry.name() + ".drl", entry.text()).build();
    // when / then
    assertThatThrownBy(() -> classic.compile(rules))
        .isInstanceOfSatisfying(
            RuleCompilationException.class,
            e -> assertThat(e.problems())
                .as(e.getMessage())
                .anySatisfy(
                    p -> {
                      assertThat(p.source()).isEqualTo(entry.name() + ".drl");
                      assertThat(p.line()).isEqualTo(entry.line());
                      assertThat(p.message()).contains(entry.message());
                    }));
  }

  /** Entries that compile on the executable model, so its generated classes are checked. */
  private static final List<String> EXEC_MODEL_SAMPLE =
      List.of("formatter-writes-a-file", "beans-expression", "timer", "executors-qualified", "time-zone-default",
          "system-exit", "wall-clock", "method-reference", "while-true", "recursive-function", "anonymous-class",
          "class-for-name");

  @Test
  void should_reject_compiled_escapes_on_the_executable_model_within_their_rule() {
    // given a sample of the corpus as one rule set, one file per entry: the executable model
    // compiles conditions and consequences to lambdas, checked on their bytecode
    RuleSet.Builder all = RuleSet.builder("hostile", "exec");
    List<Entry> entries = corpus().filter(e -> EXEC_MODEL_SAMPLE.contains(e.name())).toList();
    assertThat(entries).hasSameSizeAs(EXEC_MODEL_SAMPLE);
    entries.forEach(e -> all.drl(e.name() + ".drl", e.text()));
    // when / then: each file is reported, at a line of its rule (or function)
    try (RuleSetRegistry exec = RuleSetRegistry.of(BuildPath.EXECUTABLE_MODEL)) {
      assertThatThrownBy(() -> exec.compile(all.build()))
          .isInstanceOfSatisfying(
              RuleCompilationException.class,
              e -> {
                for (Entry entry : entries) {
                  int lines = (int) entry.text().lines().count();
                  assertThat(e.problems())
                      .as(entry.name() + " in\n" + e.getMessage())
                      .anySatisfy(
                          p -> {
                            assertThat(p.source()).isEqualTo(entry.name() + ".drl");
                            assertThat(p.line()).isBetween(HEADER_LINES + 1, lines);
                          });
                }
              });
    }
  }

  @Test
  void should_still_load_the_shipped_example_rules_on_both_build_paths() {
    for (String version : List.of("v1", "v2")) {
      Path dir = Path.of("..", "docs", "examples", "lead-handoff", "rules", version);
      // when
      CompiledRuleSet rules = classic.compile(RuleSet.builder("lead-handoff", version).directory(dir).build());
      // then
      assertThat(rules.rules()).isNotEmpty();
      try (RuleSetRegistry exec = RuleSetRegistry.of(BuildPath.EXECUTABLE_MODEL)) {
        assertThat(exec.compile(RuleSet.builder("lead-handoff", version).directory(dir).build()).rules())
            .hasSameSizeAs(rules.rules());
      }
    }
  }
}
