package dev.journey.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The demo's output as named sections printed in order, so that a new part of the demo (another
 * journey, a deployment) is one more {@link #section} rather than a longer method. A section that
 * fails stops the demo: its exception propagates.
 */
final class DemoReport {
  /** One part of the output. */
  record Section(String name, Consumer<PrintWriter> body) {
    Section {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(body, "body");
    }
  }

  private final List<Section> sections = new ArrayList<>();

  /** Adds a section after the others. */
  DemoReport section(String name, Consumer<PrintWriter> body) {
    sections.add(new Section(name, body));
    return this;
  }

  /** The section names, in order. */
  List<String> names() {
    return sections.stream().map(Section::name).toList();
  }

  /** Prints every section, in order. */
  void print(PrintWriter out) {
    for (Section s : sections) {
      s.body().accept(out);
      out.flush();
    }
  }
}
