package dev.journey.cli;

import dev.journey.core.rollout.Candidate;
import dev.journey.core.rollout.PilotScope;
import dev.journey.core.rollout.RollbackMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The parsing shared by {@code journey deploy} and the admin port's deployment endpoints. */
final class DeployOps {
  /** The changes, in the order of the docs. */
  static final List<String> CHANGES =
      List.of("register", "shadow", "start", "step", "pause", "resume", "rollback", "promote");

  /** The most files a {@code --source} directory may hold to be hashed. */
  static final int MAX_SOURCE_FILES = 10_000;

  private DeployOps() {}

  /**
   * Rollout steps from {@code 1,10,50,100}; {@link Candidate#DEFAULT_STEPS} when blank.
   *
   * @throws IllegalArgumentException naming the bad part
   */
  static List<Integer> steps(String text) {
    if (text == null || text.isBlank()) {
      return Candidate.DEFAULT_STEPS;
    }
    List<Integer> steps = new ArrayList<>();
    for (String part : text.split(",")) {
      try {
        steps.add(Integer.parseInt(part.strip()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "steps must be comma-separated whole percentages like 1,10,50,100, but '" + part + "' in '"
                + text + "' is not a number");
      }
    }
    return steps;
  }

  /**
   * A pilot scope from conditions like {@code region=EMEA|APAC}; everyone when none.
   *
   * @throws IllegalArgumentException when a condition is not {@code attribute=value[|value...]}
   */
  static PilotScope pilot(List<String> conditions) {
    PilotScope scope = PilotScope.everyone();
    if (conditions == null) {
      return scope;
    }
    for (String condition : conditions) {
      int eq = condition.indexOf('=');
      if (eq <= 0 || eq == condition.length() - 1) {
        throw new IllegalArgumentException(
            "pilot must be attribute=value[|value...] (e.g. region=EMEA|APAC), but was '" + condition + "'");
      }
      scope = scope.and(condition.substring(0, eq).strip(), condition.substring(eq + 1).split("\\|"));
    }
    return scope;
  }

  /**
   * A rollback mode from {@code new-entries} or {@code migrate-pinned}.
   *
   * @throws IllegalArgumentException for anything else
   */
  static RollbackMode mode(String text) {
    if (text == null || text.isBlank() || text.equals("new-entries")) {
      return RollbackMode.NEW_ENTRIES;
    }
    if (text.equals("migrate-pinned")) {
      return RollbackMode.MIGRATE_PINNED;
    }
    throw new IllegalArgumentException(
        "mode must be new-entries or migrate-pinned, but was '" + text + "'");
  }

  /**
   * The SHA-256 of a rule-set source: a file's bytes, or a directory's files (sorted relative
   * paths and contents), as lower-case hex.
   *
   * @throws IllegalArgumentException when it does not exist or has more than {@link
   *     #MAX_SOURCE_FILES} files
   */
  static String hash(Path source) {
    if (!Files.exists(source)) {
      throw new IllegalArgumentException("source " + source + " does not exist");
    }
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      if (Files.isDirectory(source)) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(source)) {
          files = walk.filter(Files::isRegularFile).limit(MAX_SOURCE_FILES + 1L).sorted().toList();
        }
        if (files.size() > MAX_SOURCE_FILES) {
          throw new IllegalArgumentException(
              "source " + source + " must hold at most " + MAX_SOURCE_FILES + " files to be hashed");
        }
        for (Path f : files) {
          digest.update(source.relativize(f).toString().replace('\\', '/').getBytes(java.nio.charset.StandardCharsets.UTF_8));
          digest.update((byte) 0);
          update(digest, f);
        }
      } else {
        update(digest, source);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read source " + source, e);
    }
  }

  private static void update(MessageDigest digest, Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[8192];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
  }

  /** {@code who} for a change: the given one, else the user name, else {@code cli}. */
  static String who(String given, java.util.Map<String, String> env) {
    if (given != null && !given.isBlank()) {
      return given;
    }
    String user = env.getOrDefault("USER", "");
    return user.isBlank() ? "cli" : user.toLowerCase(Locale.ROOT);
  }
}
