package dev.journey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code journey serve} as a child JVM: the fake HubSpot, a bounded simulation, the admin
 * endpoints, then SIGTERM and a clean exit with code 0. Bounded everywhere, no sleeps: the test
 * waits for the child's output lines (with timeouts) and polls the admin endpoint a bounded number
 * of times.
 */
final class ServeProcessTest {
  private static final Duration LINE_TIMEOUT = Duration.ofSeconds(90);
  private static final Pattern ADMIN = Pattern.compile("^  admin:   (http://127\\.0\\.0\\.1:[0-9]+)/health .*");

  @TempDir Path tmp;

  @Test
  void should_serve_the_simulation_and_exit_0_with_the_stop_report_on_sigterm() throws Exception {
    // given: serve with the fake HubSpot and 400 simulated events at 200/s
    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve",
        "--dir", DemoRun.EXAMPLE.toString(), "--store", "sqlite:" + tmp.resolve("journey.db"),
        "--port", "0", "--admin-port", "0", "--fake-hubspot", "--simulate", "200", "--simulate-events", "400");
    Process child = new ProcessBuilder(command).redirectError(tmp.resolve("stderr.txt").toFile()).start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    List<String> seen = new ArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          lines.add(line);
        }
      } catch (java.io.IOException e) {
        lines.add("(stdout closed: " + e + ")");
      }
    }, "serve-stdout");
    reader.setDaemon(true);
    reader.start();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try {
      // when: it is ready and the simulation has run
      String admin = null;
      for (String line = next(lines, seen, child); !line.startsWith("ready"); line = next(lines, seen, child)) {
        Matcher m = ADMIN.matcher(line);
        if (m.matches()) {
          admin = m.group(1);
        }
      }
      assertThat(admin).as("the admin line in %s", seen).isNotNull();
      String finished = next(lines, seen, child);
      while (!finished.startsWith("simulation finished")) {
        finished = next(lines, seen, child);
      }
      String metrics = "";
      for (int attempt = 0; attempt < 200 && !metrics.contains("journey_hubspot_requests_total{"); attempt++) {
        metrics = get(http, admin + "/metrics").body();
      }
      HttpResponse<String> health = get(http, admin + "/health");

      // then: every acknowledged event decided, actions sent to HubSpot, healthy
      assertThat(finished).isEqualTo("simulation finished: 400 events sent, 400 acknowledged, 0 refused");
      assertThat(metrics)
          .containsPattern("journey_signals_total\\{[^}]*outcome=\"decided\"[^}]*type=\"DEMO_REQUESTED\"[^}]*\\} 200\\.0")
          .containsPattern("journey_signals_total\\{[^}]*outcome=\"decided\"[^}]*type=\"CONTACT_CREATED\"[^}]*\\} 200\\.0")
          .contains("journey_hubspot_requests_total{endpoint=\"/crm/v3/objects/contacts/batch/update\"")
          .contains("journey_relay_attempts_total{");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\" : \"UP\"");

      // when: SIGTERM (through the process handle: Process.destroy() would also close our end of stdout)
      assertThat(child.toHandle().destroy()).isTrue();
      boolean exited = child.waitFor(60, TimeUnit.SECONDS);

      // then: a clean stop, its report printed, exit code 0
      assertThat(exited).as("exited within 60 s").isTrue();
      reader.join(TimeUnit.SECONDS.toMillis(10));
      lines.drainTo(seen);
      assertThat(child.exitValue()).as("exit code; stdout %s; stderr %s", seen, stderr()).isZero();
      assertThat(seen).anyMatch(l -> l.startsWith("stopping: intake closed, draining"))
          .contains("stopped: clean, 0 signals abandoned, 0 lanes busy at the deadline, 0 leases released");
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** The next line of the child's stdout, waiting at most {@link #LINE_TIMEOUT}. */
  private String next(BlockingQueue<String> lines, List<String> seen, Process child) throws Exception {
    String line = lines.poll(LINE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (line == null) {
      throw new AssertionError("no output within " + LINE_TIMEOUT + " (alive: " + child.isAlive() + "); stdout so far "
          + seen + "; stderr " + stderr());
    }
    seen.add(line);
    return line;
  }

  private String stderr() {
    try {
      return Files.readString(tmp.resolve("stderr.txt"));
    } catch (java.io.IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  private static HttpResponse<String> get(HttpClient http, String uri) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
