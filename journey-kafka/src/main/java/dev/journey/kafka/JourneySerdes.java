package dev.journey.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journey.core.Signal;
import dev.journey.core.action.Action;
import dev.journey.core.spi.AuditRecord;
import dev.journey.jackson.JourneyJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serdes of the journey topics: UTF-8 JSON as journey-jackson writes it ({@link
 * JourneyJson}). Keys are the canonical subject as a string ({@code contact:1001}).
 *
 * <ul>
 *   <li>signals: a {@link Signal}, one JSON object as in a replay log line:
 *       <pre>{"id":"form-7781","subject":"contact:1001","type":"FORM_SUBMITTED",
 *  "occurredAt":"2026-03-02T09:00:00Z","source":"web","attributes":{"fitScore":80}}</pre>
 *   <li>actions: an {@link Action} with its {@code kind} discriminator and its deterministic
 *       {@code id};
 *   <li>audit: an {@link AuditRecord}, or an {@link AuditDigest} with {@link
 *       JourneyTopology.Builder#compactAudit};
 *   <li>dead letters: a {@link DeadLetterRecord}.
 * </ul>
 *
 * <p>A deserializer throws Kafka's {@link SerializationException} naming the type and what was
 * wrong. Thread-safe.
 */
public final class JourneySerdes {
  private static final ObjectMapper MAPPER = JourneyJson.mapper();

  private JourneySerdes() {}

  /** The key serde: the canonical subject as a UTF-8 string. */
  public static Serde<String> key() {
    return Serdes.String();
  }

  /** Signals as JSON. */
  public static Serde<Signal> signal() {
    return json(Signal.class);
  }

  /** Actions as JSON (with {@code kind} and {@code id}). */
  public static Serde<Action> action() {
    return json(Action.class);
  }

  /** Audit records as JSON. */
  public static Serde<AuditRecord> audit() {
    return json(AuditRecord.class);
  }

  /** Compact audit records ({@link JourneyTopology.Builder#compactAudit}) as JSON. */
  public static Serde<AuditDigest> auditDigest() {
    return json(AuditDigest.class);
  }

  /** Writes whatever the audit sink gets (a full record or a digest) as JSON. */
  static Serde<Object> anyJson() {
    return json(Object.class);
  }

  /** Dead-letter records as JSON. */
  public static Serde<DeadLetterRecord> deadLetter() {
    return Serdes.serdeFrom(JourneySerdes::writeDeadLetter, JourneySerdes::readDeadLetter);
  }

  /**
   * Reads a signal from a record value.
   *
   * @throws SerializationException when the value is not a valid signal
   */
  static Signal readSignal(byte[] value) {
    return read(value, Signal.class);
  }

  private static <T> Serde<T> json(Class<T> type) {
    Serializer<T> serializer = (topic, value) -> write(value);
    Deserializer<T> deserializer = (topic, bytes) -> bytes == null ? null : read(bytes, type);
    return Serdes.serdeFrom(serializer, deserializer);
  }

  private static byte[] write(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new SerializationException(
          "cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static <T> T read(byte[] bytes, Class<T> type) {
    try {
      return MAPPER.readValue(bytes, type);
    } catch (IOException e) {
      String detail = e instanceof JsonProcessingException
          ? ((JsonProcessingException) e).getOriginalMessage()
          : e.getMessage();
      throw new SerializationException(
          "not a valid " + type.getSimpleName() + " (JSON as journey-jackson writes it): " + detail, e);
    } catch (RuntimeException e) {
      // a value record's constructor refused a field
      throw new SerializationException(
          "not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  private static byte[] writeDeadLetter(String topic, DeadLetterRecord record) {
    if (record == null) {
      return null;
    }
    ObjectNode node = MAPPER.createObjectNode();
    node.put("kind", record.kind().name());
    record
        .origin()
        .ifPresent(
            o -> {
              ObjectNode origin = node.putObject("origin");
              origin.put("topic", o.topic());
              origin.put("partition", o.partition());
              origin.put("offset", o.offset());
            });
    record.key().ifPresent(k -> node.put("key", k));
    node.put("value", record.value());
    node.put("reason", record.reason());
    node.put("at", record.at().toString());
    return write(node);
  }

  private static DeadLetterRecord readDeadLetter(String topic, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      JsonNode node = MAPPER.readTree(bytes);
      Optional<DeadLetterRecord.Origin> origin =
          node.hasNonNull("origin")
              ? Optional.of(
                  new DeadLetterRecord.Origin(
                      node.get("origin").get("topic").asText(),
                      node.get("origin").get("partition").asInt(),
                      node.get("origin").get("offset").asLong()))
              : Optional.empty();
      return new DeadLetterRecord(
          DeadLetterRecord.Kind.valueOf(node.get("kind").asText()),
          origin,
          node.hasNonNull("key") ? Optional.of(node.get("key").asText()) : Optional.empty(),
          node.get("value").asText(),
          node.get("reason").asText(),
          Instant.parse(node.get("at").asText()));
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "not a valid DeadLetterRecord: " + new String(bytes, StandardCharsets.UTF_8), e);
    }
  }

  /** An optional text as a JSON string, or {@code null} when empty. */
  static final class OptionalTextSerializer
      extends com.fasterxml.jackson.databind.ser.std.StdSerializer<Optional<String>> {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("unchecked")
    OptionalTextSerializer() {
      super((Class<Optional<String>>) (Class<?>) Optional.class);
    }

    @Override
    public void serialize(
        Optional<String> value,
        com.fasterxml.jackson.core.JsonGenerator gen,
        com.fasterxml.jackson.databind.SerializerProvider provider)
        throws IOException {
      if (value.isPresent()) {
        gen.writeString(value.get());
      } else {
        gen.writeNull();
      }
    }
  }

  /** A JSON string as a present optional; {@code null} or absent as an empty one. */
  static final class OptionalTextDeserializer
      extends com.fasterxml.jackson.databind.deser.std.StdDeserializer<Optional<String>> {
    private static final long serialVersionUID = 1L;

    OptionalTextDeserializer() {
      super(Optional.class);
    }

    @Override
    public Optional<String> deserialize(
        com.fasterxml.jackson.core.JsonParser p,
        com.fasterxml.jackson.databind.DeserializationContext ctxt)
        throws IOException {
      return Optional.of(p.getValueAsString());
    }

    @Override
    public Optional<String> getNullValue(com.fasterxml.jackson.databind.DeserializationContext ctxt) {
      return Optional.empty();
    }

    @Override
    public Optional<String> getAbsentValue(com.fasterxml.jackson.databind.DeserializationContext ctxt) {
      return Optional.empty();
    }
  }
}
