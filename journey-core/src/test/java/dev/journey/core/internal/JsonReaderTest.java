package dev.journey.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.InvalidConfigurationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class JsonReaderTest {

  @Test
  void should_read_objects_arrays_strings_numbers_and_booleans() {
    // given
    String json = "{\"a\": [1, -2.5e1, true, false], \"b\": {\"c\": \"x\\u00e9\\n\"}, \"d\": 0}";

    // when
    Object value = JsonReader.parse("t.json", json);

    // then
    assertThat(value)
        .isEqualTo(
            Map.of("a", List.of(1L, -25.0, true, false), "b", Map.of("c", "x\u00e9\n"), "d", 0L));
  }

  @Test
  void should_name_line_and_column_of_a_syntax_error() {
    // given
    String json = "{\n  \"a\": 1,\n  \"b\" 2\n}";

    // when / then
    assertThatThrownBy(() -> JsonReader.parse("owners.json", json))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("owners.json at line 3, column 7 must be ':', but was '2'");
  }

  @Test
  void should_reject_trailing_commas_duplicate_keys_null_and_trailing_content() {
    assertThatThrownBy(() -> JsonReader.parse("t", "[1, 2,]"))
        .hasMessage("t at line 1, column 7 must be a JSON value, but was ']'");
    assertThatThrownBy(() -> JsonReader.parse("t", "{\"a\": 1, \"a\": 2}"))
        .hasMessage("t at line 1, column 10 must be a key used once per object, but was 'a' again");
    assertThatThrownBy(() -> JsonReader.parse("t", "{\"a\": null}"))
        .hasMessage(
            "t at line 1, column 7 must be a JSON value other than null (omit the key instead), but was null");
    assertThatThrownBy(() -> JsonReader.parse("t", "{} x"))
        .hasMessage("t at line 1, column 4 must be the end of the document, but was 'x'");
    assertThatThrownBy(() -> JsonReader.parse("t", "[01]"))
        .hasMessage("t at line 1, column 3 must be ',' or ']', but was '1'");
  }

  @Test
  void should_name_the_path_of_a_wrongly_typed_field() {
    // given
    ConfigNode root = ConfigNode.parse("t.json", "{\"owners\": [{\"dailyCap\": \"ten\"}]}");

    // when / then
    assertThatThrownBy(() -> root.get("owners").elements().get(0).get("dailyCap").asInt(1, 100))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("t.json at $.owners[0].dailyCap must be an integer, but was a string");
    assertThatThrownBy(() -> root.get("owners").elements().get(0).get("weight"))
        .hasMessage("t.json at $.owners[0].weight must be present, but was missing");
  }
}
