package dev.journey.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium for tests: renders a local file with networking features off and a
 * fresh profile, bounded by a timeout. {@code .ci/run} installs it ({@code apt-get install chromium}).
 */
final class Chromium {
  private static final long TIMEOUT_SECONDS = 120;

  private final Path binary;

  private Chromium(Path binary) {
    this.binary = binary;
  }

  /** The browser on the PATH ({@code chromium}, {@code chromium-browser}), if any. */
  static Optional<Chromium> find() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(new Chromium(candidate));
        }
      }
    }
    return Optional.empty();
  }

  /** The DOM after loading the file. */
  String dumpDom(Path page, Path profile) {
    return run(page, profile, List.of("--dump-dom"), null);
  }

  /** Saves a PNG screenshot of the page at the window size. */
  void screenshot(Path page, Path profile, Path png, int width, int height) {
    run(page, profile, List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
        "--hide-scrollbars"), png);
    if (!Files.isRegularFile(png)) {
      throw new IllegalStateException("chromium wrote no screenshot to " + png);
    }
  }

  private String run(Path page, Path profile, List<String> extra, Path expectedFile) {
    List<String> command = new ArrayList<>(List.of(
        binary.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
        "--user-data-dir=" + profile.toAbsolutePath()));
    command.addAll(extra);
    command.add(page.toAbsolutePath().toUri().toString());
    try {
      Path stdout = Files.createTempFile(profile.getParent(), "chromium", ".out");
      Path stderr = Files.createTempFile(profile.getParent(), "chromium", ".err");
      Process process = new ProcessBuilder(command)
          .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("chromium exited with " + process.exitValue() + ": "
            + Files.readString(stderr, StandardCharsets.UTF_8));
      }
      return Files.readString(stdout, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + binary, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for chromium", e);
    }
  }
}
