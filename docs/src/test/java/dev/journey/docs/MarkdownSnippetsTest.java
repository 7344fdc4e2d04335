package dev.journey.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java sample in README.md and docs/*.md is a tagged region of a compiled test: the line
 * before the fence says {@code <!-- include: path/to/Test.java#tag -->} and the fence must equal
 * the region between {@code // tag::tag[]} and {@code // end::tag[]} (indentation removed). A
 * fence of any language after {@code <!-- file: path -->} must equal that whole file (the guide's
 * pom, journey file and rules, which tests load).
 */
final class MarkdownSnippetsTest {
  private static final Pattern FILE = Pattern.compile("<!--\\s*file:\\s*(\\S+)\\s*-->");
  private static final Pattern INCLUDE = Pattern.compile("<!--\\s*(?:include|snippet):\\s*(\\S+)#(\\S+)\\s*-->");

  private static Path root() {
    Path here = Path.of("").toAbsolutePath();
    return Files.exists(here.resolve("README.md")) ? here : here.getParent();
  }

  private static List<Path> markdownFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(root().resolve("README.md"));
    try (Stream<Path> docs = Files.walk(root().resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md"))
          .filter(p -> !p.toString().contains("/target/"))
          .sorted()
          .forEach(files::add);
    }
    return files;
  }

  static String region(Path file, String tag) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<String> region = new ArrayList<>();
    boolean inside = false;
    boolean found = false;
    for (String line : lines) {
      if (line.trim().equals("// tag::" + tag + "[]")) {
        inside = true;
        found = true;
      } else if (line.trim().equals("// end::" + tag + "[]")) {
        inside = false;
      } else if (inside) {
        region.add(line);
      }
    }
    if (!found) {
      throw new AssertionError("no region '" + tag + "' in " + file);
    }
    int indent =
        region.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    return region.stream()
        .map(l -> l.isBlank() ? "" : l.substring(indent))
        .collect(Collectors.joining("\n"));
  }

  @Test
  void every_java_sample_in_the_markdown_is_a_region_of_a_compiled_test() throws IOException {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Path md : markdownFiles()) {
      List<String> lines = Files.readAllLines(md, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        if (!lines.get(i).trim().equals("```java")) {
          continue;
        }
        String where = root().relativize(md) + ":" + (i + 1);
        Matcher include = i > 0 ? INCLUDE.matcher(lines.get(i - 1).trim()) : null;
        if (include == null || !include.matches()) {
          problems.add(where + ": java sample without an <!-- include: File.java#tag --> line above it");
          continue;
        }
        StringBuilder fence = new StringBuilder();
        int j = i + 1;
        for (; j < lines.size() && !lines.get(j).trim().equals("```"); j++) {
          fence.append(fence.length() == 0 ? "" : "\n").append(lines.get(j));
        }
        Path source = root().resolve(include.group(1));
        if (!Files.exists(source)) {
          problems.add(where + ": included file does not exist: " + include.group(1));
          continue;
        }
        String expected = region(source, include.group(2));
        if (!expected.equals(fence.toString())) {
          problems.add(
              where + ": sample differs from " + include.group(1) + "#" + include.group(2)
                  + "\n--- test region:\n" + expected + "\n--- markdown:\n" + fence);
        }
        checked++;
        i = j;
      }
    }
    assertThat(problems).as("markdown samples out of step with their tests").isEmpty();
    assertThat(checked).as("java samples checked").isPositive();
  }

  @Test
  void every_whole_file_sample_in_the_markdown_equals_its_file() throws IOException {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Path md : markdownFiles()) {
      List<String> lines = Files.readAllLines(md, StandardCharsets.UTF_8);
      for (int i = 1; i < lines.size(); i++) {
        Matcher file = FILE.matcher(lines.get(i - 1).trim());
        if (!lines.get(i).trim().startsWith("```") || !file.matches()) {
          continue;
        }
        String where = root().relativize(md) + ":" + (i + 1);
        List<String> fence = new ArrayList<>();
        int j = i + 1;
        for (; j < lines.size() && !lines.get(j).trim().equals("```"); j++) {
          fence.add(lines.get(j));
        }
        Path source = root().resolve(file.group(1));
        if (!Files.exists(source)) {
          problems.add(where + ": file does not exist: " + file.group(1));
        } else if (!Files.readAllLines(source, StandardCharsets.UTF_8).equals(fence)) {
          problems.add(where + ": sample differs from the file " + file.group(1));
        }
        checked++;
        i = j;
      }
    }
    assertThat(problems).as("whole-file samples out of step with their files").isEmpty();
    assertThat(checked).as("whole-file samples checked").isPositive();
  }

  /** Pages whose Java samples a reader copies as files: each must be a whole compilation unit. */
  private static final List<String> WHOLE_FILE_PAGES = List.of("README.md", "docs/first-journey.md");

  @Test
  void every_java_sample_of_the_readme_and_the_first_journey_guide_is_a_whole_file() throws IOException {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (String page : WHOLE_FILE_PAGES) {
      List<String> lines = Files.readAllLines(root().resolve(page), StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        if (!lines.get(i).trim().equals("```java")) {
          continue;
        }
        List<String> fence = new ArrayList<>();
        int j = i + 1;
        for (; j < lines.size() && !lines.get(j).trim().equals("```"); j++) {
          fence.add(lines.get(j));
        }
        String where = page + ":" + (i + 1);
        if (fence.isEmpty() || !fence.get(0).startsWith("package ")) {
          problems.add(where + ": a Java sample must start with its package declaration");
        } else if (fence.stream().noneMatch(l -> l.startsWith("import "))) {
          problems.add(where + ": a Java sample must show its imports");
        } else if (!fence.get(fence.size() - 1).equals("}")) {
          problems.add(where + ": a Java sample must end with its type's closing brace");
        }
        checked++;
        i = j;
      }
    }
    assertThat(problems).as("samples a reader cannot copy as files").isEmpty();
    assertThat(checked).as("whole-file java samples checked").isGreaterThanOrEqualTo(4);
  }
}
