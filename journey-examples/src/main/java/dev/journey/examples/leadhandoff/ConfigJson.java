package dev.journey.examples.leadhandoff;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.journey.core.InvalidConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Strict reading of the example's JSON documents: every problem names the document, the JSON path,
 * what is allowed and what was found ({@link InvalidConfigurationException}).
 */
final class ConfigJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  private final String source;
  private final JsonNode root;

  private ConfigJson(String source, JsonNode root) {
    this.source = source;
    this.root = root;
  }

  static ConfigJson read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidConfigurationException(
          file.toString(), "$", "an existing, readable file", "missing");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return parse(file.getFileName().toString(), text);
  }

  static ConfigJson parse(String source, String text) {
    try {
      JsonNode root = MAPPER.readTree(text);
      if (root == null || !root.isObject()) {
        throw new InvalidConfigurationException(source, "$", "a JSON object", kind(root));
      }
      return new ConfigJson(source, root);
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? "$"
              : String.format(
                  Locale.ROOT, "line %d, column %d", e.getLocation().getLineNr(), e.getLocation().getColumnNr());
      throw new InvalidConfigurationException(source, where, "valid JSON", e.getOriginalMessage());
    }
  }

  String source() {
    return source;
  }

  JsonNode root() {
    return root;
  }

  InvalidConfigurationException problem(String path, String allowed, String actual) {
    return new InvalidConfigurationException(source, path, allowed, actual);
  }

  static String kind(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "missing";
    }
    if (node.isNull()) {
      return "null";
    }
    if (node.isTextual()) {
      return "'" + node.asText() + "'";
    }
    return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + node;
  }

  void onlyFields(JsonNode node, String path, Set<String> allowed) {
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String name = field.getKey();
      if (!allowed.contains(name)) {
        throw problem(path + "." + name, "one of the fields " + new java.util.TreeSet<>(allowed), "an unknown field");
      }
    }
  }

  JsonNode object(JsonNode parent, String path, String field, boolean required) {
    JsonNode node = parent.get(field);
    if (node == null && !required) {
      return null;
    }
    if (node == null || !node.isObject()) {
      throw problem(path + "." + field, "a JSON object", kind(node));
    }
    return node;
  }

  List<JsonNode> array(JsonNode parent, String path, String field, boolean required) {
    JsonNode node = parent.get(field);
    if (node == null && !required) {
      return List.of();
    }
    if (node == null || !node.isArray()) {
      throw problem(path + "." + field, "a JSON array", kind(node));
    }
    List<JsonNode> items = new ArrayList<>();
    node.forEach(items::add);
    return items;
  }

  String text(JsonNode parent, String path, String field) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw problem(path + "." + field, "a non-blank string", kind(node));
    }
    return node.asText();
  }

  List<String> texts(JsonNode parent, String path, String field, boolean required) {
    List<String> values = new ArrayList<>();
    List<JsonNode> items = array(parent, path, field, required);
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      if (!item.isTextual() || item.asText().isBlank()) {
        throw problem(path + "." + field + "[" + i + "]", "a non-blank string", kind(item));
      }
      values.add(item.asText());
    }
    return values;
  }

  int positiveInt(JsonNode parent, String path, String field) {
    JsonNode node = parent.get(field);
    if (node == null || !node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 1) {
      throw problem(path + "." + field, "a whole number >= 1", kind(node));
    }
    return node.asInt();
  }

  double number(JsonNode node, String path) {
    if (node == null || !node.isNumber()) {
      throw problem(path, "a number", kind(node));
    }
    return node.asDouble();
  }

  Duration duration(JsonNode parent, String path, String field) {
    String text = text(parent, path, field);
    try {
      Duration d = Duration.parse(text);
      if (d.isNegative() || d.isZero()) {
        throw problem(path + "." + field, "a positive ISO-8601 duration such as PT4H", "'" + text + "'");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw problem(path + "." + field, "an ISO-8601 duration such as PT4H", "'" + text + "'");
    }
  }

  /** The fields of an object, in document order. */
  static Map<String, JsonNode> fields(JsonNode node) {
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    node.properties().forEach(e -> fields.put(e.getKey(), e.getValue()));
    return fields;
  }
}
