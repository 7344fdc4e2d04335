package dev.journey.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journey.core.state.JourneyModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A model written in the file format loads as the model built in code (the reference). */
final class ModelRoundTripProperties {

  record Table(List<String> states, Map<String, List<String>> transitions) {}

  @Property(tries = 60)
  void should_load_the_same_model_as_the_builder_when_any_model_is_written_as_a_file(@ForAll("tables") Table table)
      throws IOException {
    // given
    ObjectNode root = ConfigDocument.MAPPER.createObjectNode();
    root.put("format", 1).put("name", "generated");
    ObjectNode model = root.putObject("model");
    model.put("initialState", table.states().get(0));
    ObjectNode transitions = model.putObject("transitions");
    for (String state : table.states()) {
      ArrayNode targets = transitions.putArray(state);
      table.transitions().get(state).forEach(targets::add);
    }
    Path file = Files.createTempFile("journey-", ".json");
    try {
      Files.writeString(file, ConfigDocument.MAPPER.writeValueAsString(root));

      // when
      JourneyModel loaded = JourneyConfig.load(file).model();

      // then
      JourneyModel.Builder reference = JourneyModel.builder("generated").states(table.states().toArray(new String[0]));
      reference.initialState(table.states().get(0));
      table.transitions().forEach((from, to) -> {
        if (!to.isEmpty()) {
          reference.allow(from, to.toArray(new String[0]));
        }
      });
      assertThat(loaded).isEqualTo(reference.build());
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Provide
  Arbitrary<Table> tables() {
    return Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(8)
        .set().ofMinSize(1).ofMaxSize(6)
        .map(ArrayList::new)
        .flatMap(states -> {
          List<Arbitrary<List<String>>> rows = new ArrayList<>();
          for (String s : states) {
            List<String> others = new ArrayList<>(states);
            others.remove(s);
            rows.add(others.isEmpty() ? Arbitraries.just(List.of()) : Arbitraries.subsetOf(others).map(ArrayList::new));
          }
          return Combinators.combine(rows).as(lists -> {
            Map<String, List<String>> t = new java.util.LinkedHashMap<>();
            for (int i = 0; i < states.size(); i++) {
              t.put(states.get(i), lists.get(i));
            }
            return new Table(states, t);
          });
        });
  }
}
