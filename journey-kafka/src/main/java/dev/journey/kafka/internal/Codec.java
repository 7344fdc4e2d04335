package dev.journey.kafka.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journey.jackson.JourneyJson;
import java.io.UncheckedIOException;

/** JSON of the values the state stores keep; the mapper is journey-jackson's. */
final class Codec {
  private final ObjectMapper mapper = JourneyJson.mapper();

  String write(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  <T> T read(String json, Class<T> type) {
    try {
      return mapper.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a journey state store holds an unreadable " + type.getSimpleName(), e);
    }
  }
}
