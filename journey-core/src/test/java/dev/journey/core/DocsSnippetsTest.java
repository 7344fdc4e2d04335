package dev.journey.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the code blocks of {@code docs/routing-and-slas.md} identical to the tagged regions of
 * the tests they were copied from ({@code // tag::name[]} ... {@code // end::name[]}).
 */
final class DocsSnippetsTest {
  private static final Pattern SNIPPET =
      Pattern.compile("<!-- snippet: (\\S+)#(\\S+) -->\\n```java\\n(.*?)\\n```", Pattern.DOTALL);

  @Test
  void should_keep_every_doc_snippet_equal_to_its_tagged_test_region() throws IOException {
    // given
    Path root = Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent();
    String doc = Files.readString(root.resolve("docs/routing-and-slas.md"), StandardCharsets.UTF_8);

    // when
    Matcher m = SNIPPET.matcher(doc);
    int count = 0;
    while (m.find()) {
      count++;
      String region = region(root.resolve(m.group(1)), m.group(2));

      // then
      assertThat(m.group(3)).as(m.group(1) + "#" + m.group(2)).isEqualTo(region);
    }
    assertThat(count).as("snippets in the doc").isGreaterThanOrEqualTo(10);
  }

  private static String region(Path file, String tag) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    boolean inside = false;
    boolean found = false;
    for (String line : lines) {
      if (line.strip().equals("// tag::" + tag + "[]")) {
        inside = true;
        found = true;
      } else if (line.strip().equals("// end::" + tag + "[]")) {
        inside = false;
      } else if (inside) {
        out.add(line);
      }
    }
    assertThat(found).as("tag " + tag + " in " + file).isTrue();
    int indent = Integer.MAX_VALUE;
    for (String line : out) {
      if (!line.isBlank()) {
        indent = Math.min(indent, line.length() - line.stripLeading().length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < out.size(); i++) {
      String line = out.get(i);
      sb.append(line.length() >= indent ? line.substring(indent) : line.strip());
      if (i < out.size() - 1) {
        sb.append('\n');
      }
    }
    return sb.toString();
  }
}
