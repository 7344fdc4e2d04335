package dev.journey.core.spi;

import dev.journey.core.InvalidValueException;
import dev.journey.core.internal.Checks;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The sources a rule set was built from, as a store archives them under the rule set's content
 * hash ({@link RuleSetArchive}), so that a decision can be recomputed from its audit record alone:
 * the rule files under {@value #RULES}, and, when the evaluator was made from a journey
 * configuration, that file as {@value #CONFIG} (with the features it declares).
 *
 * @param hash the rule set's content hash, as its decisions' {@code RuleSetRef} carries it
 *     (lower-case hex, 12 to 128 characters)
 * @param name the rule set's name
 * @param version the rule set's version
 * @param files the files by relative path ({@code /}-separated, no {@code .} or {@code ..}
 *     segment), sorted by path
 */
public record RuleSetSources(String hash, String name, String version, Map<String, String> files) {
  /** The directory the rule files are kept under: {@code rules/}. */
  public static final String RULES = "rules/";
  /** The path the journey configuration is kept under. */
  public static final String CONFIG = "journey.json";
  /** At most this many files. */
  public static final int MAX_FILES = 4096;
  /** At most this many bytes (UTF-8) of text in all. */
  public static final int MAX_BYTES = 16 * 1024 * 1024;

  private static final Pattern HASH = Pattern.compile("[0-9a-f]{12,128}");
  /** Segments without control characters, backslashes or colons, joined by {@code /}. */
  private static final Pattern PATH = Pattern.compile("[^/\\\\:\\p{Cntrl}]+(/[^/\\\\:\\p{Cntrl}]+)*");

  /**
   * Validates and copies.
   *
   * @throws InvalidValueException when the hash is not lower-case hex, there is no file or too
   *     many, a path is not relative or the text is too long
   */
  public RuleSetSources {
    Objects.requireNonNull(hash, "hash");
    if (!HASH.matcher(hash).matches()) {
      throw new InvalidValueException("rule-set sources hash", "12 to 128 lower-case hex digits", hash);
    }
    Checks.notBlank(name, "name");
    Checks.notBlank(version, "version");
    Objects.requireNonNull(files, "files");
    if (files.isEmpty() || files.size() > MAX_FILES) {
      throw new InvalidValueException(
          "files of rule set " + name + "@" + version, "1 to " + MAX_FILES + " files", files.size() + " files");
    }
    TreeMap<String, String> copy = new TreeMap<>();
    long bytes = 0;
    for (Map.Entry<String, String> file : files.entrySet()) {
      String path = Objects.requireNonNull(file.getKey(), "file path");
      if (!PATH.matcher(path).matches() || ("/" + path + "/").contains("/../") || ("/" + path + "/").contains("/./")) {
        throw new InvalidValueException(
            "file path in rule set " + name + "@" + version,
            "a relative path: segments joined by '/', without '.', '..', '\\', ':' or control characters",
            path);
      }
      String text = Objects.requireNonNull(file.getValue(), "text of " + path);
      bytes += text.getBytes(StandardCharsets.UTF_8).length;
      copy.put(path, text);
    }
    if (bytes > MAX_BYTES) {
      throw new InvalidValueException(
          "sources of rule set " + name + "@" + version, "at most " + MAX_BYTES + " bytes", bytes + " bytes");
    }
    files = Collections.unmodifiableMap(copy);
  }

  /** The rule files, by their path below {@value #RULES}. */
  public Map<String, String> rules() {
    TreeMap<String, String> rules = new TreeMap<>();
    files.forEach((path, text) -> {
      if (path.startsWith(RULES)) {
        rules.put(path.substring(RULES.length()), text);
      }
    });
    return Collections.unmodifiableMap(rules);
  }

  /** These sources with more files (say, the journey configuration); a path given twice keeps the new text. */
  public RuleSetSources with(Map<String, String> more) {
    TreeMap<String, String> all = new TreeMap<>(files);
    all.putAll(more);
    return new RuleSetSources(hash, name, version, all);
  }

  /** Name, version, hash prefix and paths: never the texts. */
  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "RuleSetSources[%s@%s#%s, files=%s]", name, version, hash.substring(0, 12), files.keySet());
  }
}
