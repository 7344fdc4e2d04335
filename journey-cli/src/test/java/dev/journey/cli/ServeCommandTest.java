package dev.journey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code journey serve}'s usage errors: each says what is wrong and what is allowed, exit code 2, nothing started. */
final class ServeCommandTest {
  @TempDir Path tmp;

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int serve(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "serve";
    all[1] = "--dir";
    all[2] = DemoRun.EXAMPLE.toString();
    System.arraycopy(args, 0, all, 3, args.length);
    return Main.run(all, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void should_refuse_to_simulate_without_the_fake_hubspot() {
    // when
    int exit = serve("--simulate", "10");

    // then
    assertThat(exit).isEqualTo(ExitCode.USAGE);
    assertThat(err()).contains("--simulate needs --fake-hubspot");
  }

  @Test
  void should_name_the_environment_variable_when_the_app_secret_is_missing() {
    // when: no JOURNEY_HUBSPOT_APP_SECRET in the test's environment, no file, no fake
    int exit = serve("--port", "0", "--admin-port", "0");

    // then
    assertThat(exit).isEqualTo(ExitCode.USAGE);
    assertThat(err()).contains("the HubSpot app secret is missing: set JOURNEY_HUBSPOT_APP_SECRET or pass --app-secret-file");
  }

  @Test
  void should_refuse_a_port_out_of_range_and_an_empty_secret_file() throws Exception {
    // given
    Path empty = java.nio.file.Files.writeString(tmp.resolve("secret"), "  \n");

    // when / then
    assertThat(serve("--fake-hubspot", "--port", "70000")).isEqualTo(ExitCode.USAGE);
    assertThat(err()).contains("--port must be within [0, 65535], but was 70000");
    assertThat(serve("--app-secret-file", empty.toString())).isEqualTo(ExitCode.USAGE);
    assertThat(err()).contains("--app-secret-file names an empty file");
  }

  @Test
  void should_refuse_an_unknown_store_url_and_report_it_as_a_failed_start() {
    // when
    int exit = serve("--fake-hubspot", "--port", "0", "--admin-port", "0", "--store", "mysql://db/journey");

    // then: the store is opened at start: exit 1 with the forms allowed
    assertThat(exit).isEqualTo(ExitCode.PROBLEMS);
    assertThat(err()).contains("--store must be one of sqlite:<file>, jdbc:sqlite:<file>, jdbc:postgresql://<host>:<port>/<db> or memory,"
        + " but was 'mysql://db/journey'");
  }
}
