package dev.journey.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Validates a document against the published schema ({@value JourneyConfig#SCHEMA_RESOURCE})
 * with networknt's validator and turns its first error into a {@link JourneyConfigException}
 * that says, in words, what the schema allows there. Not API.
 */
final class SchemaCheck {
  private static final JsonNode SCHEMA_NODE = loadSchemaNode();
  private static final Schema SCHEMA =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(SCHEMA_NODE);

  /** The schema of a features file: the same definitions, {@code format} and {@code features}. */
  private static final Schema FEATURES_SCHEMA =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(featuresSchema());

  private SchemaCheck() {}

  private static JsonNode featuresSchema() {
    com.fasterxml.jackson.databind.node.ObjectNode schema = SCHEMA_NODE.deepCopy();
    schema.put("$id", "https://journey.dev/schema/journey-features-1.json");
    schema.put("title", "Journey features, format 1");
    com.fasterxml.jackson.databind.node.ObjectNode all =
        (com.fasterxml.jackson.databind.node.ObjectNode) schema.get("properties");
    all.retain("$schema", "format", "features");
    com.fasterxml.jackson.databind.node.ArrayNode required = schema.putArray("required");
    required.add("format").add("features");
    return schema;
  }

  static void validateFeatures(ConfigDocument document) {
    List<Error> errors = FEATURES_SCHEMA.validate(document.root());
    if (!errors.isEmpty()) {
      throw explain(document, errors.get(0));
    }
  }

  static JsonNode schemaNode() {
    return SCHEMA_NODE.deepCopy();
  }

  static void validate(ConfigDocument document) {
    List<Error> errors = SCHEMA.validate(document.root());
    if (!errors.isEmpty()) {
      throw explain(document, errors.get(0));
    }
  }

  private static JourneyConfigException explain(ConfigDocument document, Error error) {
    String instance = pointer(error.getInstanceLocation());
    String keywordPointer = fragment(error);
    JsonNode keywordValue = SCHEMA_NODE.at(keywordPointer);
    JsonNode schema = SCHEMA_NODE.at(parentOf(keywordPointer));
    String keyword = error.getKeyword() == null ? "" : error.getKeyword();
    String description = schema.path("description").asText("");
    JsonNode found = document.at(instance);
    switch (keyword) {
      case "additionalProperties":
        {
          String property = error.getProperty();
          List<String> allowed = new ArrayList<>();
          schema.path("properties").fieldNames().forEachRemaining(allowed::add);
          return document.problem(
              property == null ? instance : ConfigDocument.child(instance, property),
              "one of the fields " + allowed,
              "an unknown field");
        }
      case "required":
        {
          String property = error.getProperty();
          return document.problem(
              property == null ? instance : ConfigDocument.child(instance, property),
              "present (a required field of " + (instance.isEmpty() ? "the document" : instance) + ")",
              "missing");
        }
      case "enum":
        return document.problem(instance, "one of " + keywordValue, ConfigDocument.describe(found));
      case "type":
        return document.problem(
            instance,
            description.isEmpty() ? "a JSON " + keywordValue.asText() : description,
            ConfigDocument.describe(found));
      case "minimum":
      case "maximum":
      case "exclusiveMinimum":
      case "exclusiveMaximum":
        return document.problem(instance, range(schema, description), ConfigDocument.describe(found));
      case "propertyNames":
        {
          JsonNode names = keywordValue.has("$ref") ? SCHEMA_NODE.at(keywordValue.get("$ref").asText().substring(1)) : keywordValue;
          String property = error.getProperty();
          String what = names.path("description").asText("");
          return document.problem(
              property == null ? instance : ConfigDocument.child(instance, property),
              what.isEmpty() ? schemaWords(error) : what,
              property == null ? "an invalid name" : "'" + property + "'");
        }
      case "minItems":
        return document.problem(
            instance, "an array of at least " + keywordValue.asInt() + " item(s)", "an array of " + found.size());
      case "minProperties":
        return document.problem(
            instance, "an object with at least " + keywordValue.asInt() + " entry", "an empty object");
      default:
        return document.problem(
            instance,
            description.isEmpty() ? schemaWords(error) : description,
            ConfigDocument.describe(found));
    }
  }

  private static String range(JsonNode schema, String description) {
    if (!description.isEmpty()) {
      return description;
    }
    List<String> bounds = new ArrayList<>();
    if (schema.has("minimum")) {
      bounds.add(">= " + schema.get("minimum"));
    }
    if (schema.has("exclusiveMinimum")) {
      bounds.add("> " + schema.get("exclusiveMinimum"));
    }
    if (schema.has("maximum")) {
      bounds.add("<= " + schema.get("maximum"));
    }
    if (schema.has("exclusiveMaximum")) {
      bounds.add("< " + schema.get("exclusiveMaximum"));
    }
    String kind = "integer".equals(schema.path("type").asText()) ? "a whole number " : "a number ";
    return kind + String.join(" and ", bounds);
  }

  private static String schemaWords(Error error) {
    String message = error.getMessage() == null ? "valid" : error.getMessage();
    return "valid per the schema (" + message.toLowerCase(Locale.ROOT) + ")";
  }

  /** The error's schema location as a JSON pointer into the schema document. */
  private static String fragment(Error error) {
    String location = String.valueOf(error.getSchemaLocation());
    int hash = location.indexOf('#');
    return hash < 0 ? "" : location.substring(hash + 1);
  }

  private static String parentOf(String pointer) {
    int slash = pointer.lastIndexOf('/');
    return slash <= 0 ? "" : pointer.substring(0, slash);
  }

  /** An instance location as an RFC 6901 JSON pointer. */
  static String pointer(NodePath path) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      Object element = path.getElement(i);
      if (element instanceof Integer index) {
        b.append('/').append(index);
      } else {
        b.append('/').append(String.valueOf(element).replace("~", "~0").replace("/", "~1"));
      }
    }
    return b.toString();
  }

  private static JsonNode loadSchemaNode() {
    try (InputStream in = SchemaCheck.class.getResourceAsStream("/" + JourneyConfig.SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the schema " + JourneyConfig.SCHEMA_RESOURCE + " is not on the class path");
      }
      return ConfigDocument.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the schema " + JourneyConfig.SCHEMA_RESOURCE, e);
    }
  }
}
