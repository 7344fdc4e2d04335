package dev.journey.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A parsed configuration file and the way its problems are reported. Not API. */
final class ConfigDocument {
  static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private final String file;
  private final JsonNode root;
  private final String text;

  private ConfigDocument(String file, JsonNode root, String text) {
    this.file = file;
    this.root = root;
    this.text = text;
  }

  /** The document's text, as read. */
  String text() {
    return text;
  }

  /** Reads and parses a file; malformed JSON is reported with its line and column. */
  static ConfigDocument read(Path path) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new JourneyConfigException(
          path.toString(), "", "an existing, readable journey configuration file", "missing");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
    return parse(path.toString(), text);
  }

  static ConfigDocument parse(String file, String text) {
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      String at =
          e.getLocation() == null
              ? ""
              : String.format(
                  Locale.ROOT,
                  " at line %d, column %d",
                  e.getLocation().getLineNr(),
                  e.getLocation().getColumnNr());
      throw new JourneyConfigException(
          file, "", "well-formed JSON (RFC 8259)", "malformed JSON" + at + ": " + e.getOriginalMessage());
    }
    if (root == null || root.isMissingNode()) {
      throw new JourneyConfigException(file, "", "a JSON object", "an empty document");
    }
    return new ConfigDocument(file, root, text);
  }

  String file() {
    return file;
  }

  JsonNode root() {
    return root;
  }

  JourneyConfigException problem(String pointer, String allowed, String actual) {
    return new JourneyConfigException(file, pointer, allowed, actual);
  }

  /** The node at a pointer, or a missing node. */
  JsonNode at(String pointer) {
    return root.at(pointer);
  }

  /** A child pointer: {@code parent + "/" + escaped(name)}. */
  static String child(String parent, String name) {
    return parent + "/" + name.replace("~", "~0").replace("/", "~1");
  }

  static String child(String parent, int index) {
    return parent + "/" + index;
  }

  /** How a value looks in a message: strings quoted, containers by kind, missing as missing. */
  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "missing";
    }
    if (node.isNull()) {
      return "null";
    }
    if (node.isTextual()) {
      return "'" + node.asText() + "'";
    }
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "an array";
    }
    return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + node;
  }

  /** The fields of an object node in document order; empty for anything else. */
  static Map<String, JsonNode> fields(JsonNode node) {
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      node.properties().forEach(e -> fields.put(e.getKey(), e.getValue()));
    }
    return fields;
  }

  /** The items of an array node; empty for anything else. */
  static List<JsonNode> items(JsonNode node) {
    List<JsonNode> items = new ArrayList<>();
    if (node != null && node.isArray()) {
      node.forEach(items::add);
    }
    return items;
  }

  /** The texts of an array of strings (the schema has checked the form). */
  static List<String> texts(JsonNode node) {
    List<String> texts = new ArrayList<>();
    for (JsonNode item : items(node)) {
      texts.add(item.asText());
    }
    return texts;
  }
}
