package dev.journey.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The harness runs and accounts the accepting threads' CPU (a smoke, like the JMH benchmarks'). */
final class ThreadCpuHarnessTest {
  @Test
  void should_print_the_rate_and_the_accepting_threads_cpu_when_run_for_a_second() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "reads /proc: Linux only");
    // given the harness's output captured
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream before = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      // when it runs one accepting thread, no warm-up, a one-second window
      ThreadCpuHarness.main(new String[] {"small", "steady", "1", "0", "1"});
    } finally {
      System.setOut(before);
    }
    // then it printed a rate and the accepting thread's CPU per signal
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed).containsPattern("small, steady store, 1 accepting thread\\(s\\), housekeeping thread.*: [0-9,]+ signals/s");
    assertThat(printed).containsPattern("accepting threads +[0-9.]+ s CPU");
  }
}
