package dev.journey.drools;

import dev.journey.core.decision.RuleSetRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A versioned rule set: a name, a version and one or more DRL sources, identified by the SHA-256
 * hash of its content. Two rule sets with equal sources have equal {@link #hash() hashes} and are
 * compiled once by a {@link RuleSetRegistry}, whatever their names and versions.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * RuleSet v2 = RuleSet.builder("lead-handoff", "2")
 *     .classpath("rules/lead-handoff.drl")
 *     .build();
 * RuleSet fromDisk = RuleSet.builder("lead-handoff", "3").directory(Path.of("rules")).build();
 * }</pre>
 */
public final class RuleSet {
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  private final String name;
  private final String version;
  private final List<DrlSource> sources;
  private final String hash;

  private RuleSet(String name, String version, List<DrlSource> sources) {
    this.name = name;
    this.version = version;
    List<DrlSource> sorted = new ArrayList<>(sources);
    sorted.sort(Comparator.comparing(DrlSource::name));
    this.sources = List.copyOf(sorted);
    this.hash = contentHash(this.sources);
  }

  /**
   * Starts a rule set.
   *
   * @param name the name: a letter, then up to 63 letters, digits, {@code _ . -}; also the writer
   *     name the single-writer guardrail sees
   * @param version the version: the same characters, e.g. {@code 2} or {@code 2026-03-01}
   * @throws IllegalArgumentException when the name or version is malformed
   */
  public static Builder builder(String name, String version) {
    return new Builder(check(name, NAME, "name", "a letter"), check(version, VERSION, "version", "a letter or digit"));
  }

  private static String check(String value, Pattern pattern, String what, String first) {
    Objects.requireNonNull(value, what);
    if (!pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what + " must be " + first + " followed by up to 63 letters, digits, '_', '.', '-',"
              + " but was '" + value + "'");
    }
    return value;
  }

  /** The name. */
  public String name() {
    return name;
  }

  /** The version. */
  public String version() {
    return version;
  }

  /** The sources, sorted by name. */
  public List<DrlSource> sources() {
    return sources;
  }

  /** The lower-case hex SHA-256 of the sources' names and texts; independent of name and version. */
  public String hash() {
    return hash;
  }

  /** The reference decisions made by this rule set carry. */
  public RuleSetRef ref() {
    return new RuleSetRef(name, version, hash);
  }

  /** Returns {@code name@version#hash-prefix}. */
  @Override
  public String toString() {
    return ref().toString();
  }

  private static String contentHash(List<DrlSource> sources) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK must provide SHA-256", e);
    }
    for (DrlSource source : sources) {
      digest.update(source.name().getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(source.text().getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Collects the sources of a {@link RuleSet}. Not thread-safe; {@link #build()} copies. */
  public static final class Builder {
    private final String name;
    private final String version;
    private final Map<String, DrlSource> sources = new LinkedHashMap<>();

    Builder(String name, String version) {
      this.name = name;
      this.version = version;
    }

    /**
     * Adds a DRL source given as a string.
     *
     * @throws IllegalArgumentException when the name is malformed or already used
     */
    public Builder drl(String sourceName, String text) {
      DrlSource source = new DrlSource(sourceName, text);
      if (sources.putIfAbsent(source.name(), source) != null) {
        throw new IllegalArgumentException(
            "DRL source names must be unique in a rule set, but '" + sourceName + "' was added twice");
      }
      return this;
    }

    /**
     * Adds a DRL source from the class path of this class's class loader (or the context class
     * loader); its source name is the resource's file name.
     *
     * @param resource e.g. {@code rules/lead-handoff.drl} (no leading slash)
     * @throws IllegalArgumentException when the resource does not exist
     * @throws UncheckedIOException when it cannot be read
     */
    public Builder classpath(String resource) {
      Objects.requireNonNull(resource, "resource");
      String path = resource.startsWith("/") ? resource.substring(1) : resource;
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      InputStream in = loader == null ? null : loader.getResourceAsStream(path);
      if (in == null) {
        in = RuleSet.class.getClassLoader().getResourceAsStream(path);
      }
      if (in == null) {
        throw new IllegalArgumentException(
            "classpath resource must exist, but '" + resource + "' was not found");
      }
      try (InputStream stream = in) {
        String text = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        return drl(path.substring(path.lastIndexOf('/') + 1), text);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read classpath resource '" + resource + "'", e);
      }
    }

    /**
     * Adds every {@code .drl} file under {@code dir} (recursively); source names are paths
     * relative to {@code dir} with {@code /} separators.
     *
     * @throws IllegalArgumentException when {@code dir} is not a directory
     * @throws UncheckedIOException when a file cannot be read
     */
    public Builder directory(Path dir) {
      Objects.requireNonNull(dir, "dir");
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException("dir must be a directory, but was '" + dir + "'");
      }
      try (Stream<Path> files = Files.walk(dir)) {
        List<Path> drls =
            files
                .filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".drl"))
                .sorted()
                .toList();
        for (Path file : drls) {
          String relative = dir.relativize(file).toString().replace('\\', '/');
          drl(relative, Files.readString(file, StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read DRL files under '" + dir + "'", e);
      }
      return this;
    }

    /**
     * Builds the rule set.
     *
     * @throws IllegalStateException when no source was added
     */
    public RuleSet build() {
      if (sources.isEmpty()) {
        throw new IllegalStateException(
            "a rule set needs at least one DRL source: call drl(...), classpath(...) or directory(...)");
      }
      return new RuleSet(name, version, new ArrayList<>(sources.values()));
    }
  }
}
