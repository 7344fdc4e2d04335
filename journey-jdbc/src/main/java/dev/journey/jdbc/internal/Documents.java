package dev.journey.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journey.core.rollout.JourneyDeployment;
import dev.journey.jackson.DeploymentJson;
import dev.journey.jackson.JourneyJson;
import java.sql.SQLDataException;
import java.util.Locale;
import java.util.Map;

/**
 * JSON documents of the store, each stored with a document version (the {@code doc_version}
 * column) so that a later library can read what an earlier one wrote. Never Java serialization.
 */
public final class Documents {
  /** The document version this library writes and the highest it reads. */
  public static final int VERSION = 1;

  private static final TypeReference<Map<String, Long>> LONGS = new TypeReference<>() {};

  private final ObjectMapper mapper = JourneyJson.mapper();

  /** Writes a journey value as JSON. */
  public String write(Object value) throws SQLDataException {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new SQLDataException(
          "cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getOriginalMessage(),
          "22000",
          e);
    }
  }

  /**
   * Reads a journey value.
   *
   * @throws SQLDataException when the document version is newer than {@link #VERSION} or the
   *     JSON does not fit the type
   */
  public <T> T read(String json, int version, Class<T> type, String where) throws SQLDataException {
    check(version, where);
    try {
      return mapper.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new SQLDataException(
          String.format(
              Locale.ROOT,
              "%s must hold a %s JSON document, but reading it failed: %s",
              where,
              type.getSimpleName(),
              e.getOriginalMessage()),
          "22000",
          e);
    }
  }

  /**
   * Reads a deployment document ({@link DeploymentJson}, the format the deployments topics use too).
   *
   * @throws SQLDataException when the document version is newer than {@link #VERSION} or the
   *     JSON is not a valid deployment
   */
  public JourneyDeployment readDeployment(String json, int version, String where)
      throws SQLDataException {
    check(version, where);
    try {
      return DeploymentJson.read(json);
    } catch (IllegalArgumentException e) {
      throw new SQLDataException(
          where + " must hold a valid deployment: " + e.getMessage(), "22000", e);
    }
  }

  /** Reads a map of counters. */
  public Map<String, Long> readLongs(String json, int version, String where)
      throws SQLDataException {
    check(version, where);
    try {
      return mapper.readValue(json, LONGS);
    } catch (JsonProcessingException e) {
      throw new SQLDataException(
          where + " must hold a JSON object of numbers, but reading it failed: "
              + e.getOriginalMessage(),
          "22000",
          e);
    }
  }

  private static void check(int version, String where) throws SQLDataException {
    if (version < 1 || version > VERSION) {
      throw new SQLDataException(
          String.format(
              Locale.ROOT,
              "%s document version must be within [1, %d], but was %d: written by a newer"
                  + " journey-jdbc?",
              where,
              VERSION,
              version),
          "22000");
    }
  }
}
