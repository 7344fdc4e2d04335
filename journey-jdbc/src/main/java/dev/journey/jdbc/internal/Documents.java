package dev.journey.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journey.core.rollout.JourneyDeployment;
import dev.journey.jackson.DeploymentJson;
import dev.journey.jackson.JourneyJson;
import dev.journey.core.spi.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * JSON documents of the store, each stored with a document version (the {@code doc_version}
 * column) so that a later library can read what an earlier one wrote. Never Java serialization.
 *
 * <p>On SQLite (schema version 11) audit documents are stored {@linkplain #DEFLATED_VERSION
 * deflated}: the JSON's bytes compressed with a preset dictionary of the audit document's
 * field names, about a fifth of its size, so that the audit table, the largest B-tree a commit
 * writes, takes fewer pages per group. Every other document, and every document on H2 and
 * PostgreSQL, is the JSON text of {@link #VERSION}; both versions are read.
 */
public final class Documents {
  /** The version of the JSON documents this library writes. */
  public static final int VERSION = 1;

  /**
   * A {@link #VERSION} document as the raw DEFLATE stream of its UTF-8 bytes, compressed with the
   * preset dictionary {@link #DICTIONARY} (a BLOB): SQLite's audit documents from schema version
   * 11 on. The highest version this library reads.
   */
  public static final int DEFLATED_VERSION = 2;

  /**
   * The preset dictionary of {@link #DEFLATED_VERSION}: the skeleton of an audit document, whose
   * field names and constants the compressor can then refer to from the first byte on. Stored
   * documents need exactly these bytes to be read, so it must never change.
   */
  private static final byte[] DICTIONARY =
      ("{\"signal\":{\"id\":\"\",\"subject\":\"contact:\",\"type\":\"FORM_SUBMITTED\",\"occurredAt\":\"2026-\","
              + "\"source\":\"\",\"attributes\":{}},\"before\":{\"subject\":\"contact:\",\"state\":\"NURTURE\","
              + "\"stateSince\":\"\",\"properties\":{},\"timers\":{},\"suppressions\":{},\"counters\":{},"
              + "\"ruleSet\":\"\",\"version\":0,\"updatedAt\":\"\"},\"decision\":{\"subject\":\"contact:\","
              + "\"signalId\":\"\",\"signalType\":\"\",\"ruleSet\":{\"name\":\"\",\"version\":\"\",\"hash\":\"\"},"
              + "\"evaluatedAt\":\"\",\"stateBefore\":\"\",\"stateAfter\":\"\",\"rulesFired\":[],"
              + "\"actions\":[{\"kind\":\"NOTIFY\",\"id\":\"\",\"subject\":\"contact:\",\"recipientId\":\"\","
              + "\"message\":\"\"}],\"timerCommands\":[{\"type\":\"schedule\",\"name\":\"\",\"dueAt\":\"\","
              + "\"attributes\":{}}],\"requests\":[],\"counterDeltas\":{},\"dropped\":[],\"trace\":[],"
              + "\"annotations\":{}},\"outcome\":\"DECIDED\",\"error\":\"\",\"recordedAt\":\"\","
              + "\"inputs\":{\"shared\":[],\"facts\":{}},\"journey\":\"\"}")
          .getBytes(StandardCharsets.UTF_8);

  private static final TypeReference<Map<String, Long>> LONGS = new TypeReference<>() {};

  private final ObjectMapper mapper = JourneyJson.mapper();
  private final boolean deflateAudit;
  /**
   * Idle compressors, reused (each holds some 256 KB of native tables); as many as threads
   * compress at once. Last in, first out: the one just used is the one in the CPU's cache.
   */
  private final ConcurrentLinkedDeque<Deflater> deflaters = new ConcurrentLinkedDeque<>();

  /** Documents of {@link #VERSION} only. */
  public Documents() {
    this(false);
  }

  private Documents(boolean deflateAudit) {
    this.deflateAudit = deflateAudit;
  }

  /** The documents {@code dialect}'s store writes: audit documents deflated on SQLite. */
  public static Documents of(Dialect dialect) {
    return new Documents(dialect == Dialect.SQLITE);
  }

  /** The document version of the audit documents {@link #writeAudit} returns. */
  public int auditVersion() {
    return deflateAudit ? DEFLATED_VERSION : VERSION;
  }

  /**
   * Writes an audit record as {@link #auditVersion()} stores it: the JSON text, or its deflated
   * bytes. Bind it with {@link #bind}.
   */
  public Object writeAudit(AuditRecord audit) throws SQLDataException {
    if (!deflateAudit) {
      return write(audit);
    }
    byte[] json;
    try {
      json = mapper.writeValueAsBytes(audit);
    } catch (JsonProcessingException e) {
      throw new SQLDataException(
          "cannot write AuditRecord as JSON: " + e.getOriginalMessage(), "22000", e);
    }
    return deflate(json);
  }

  /** Binds a document {@link #writeAudit} returned (text or bytes) at {@code index}. */
  public static void bind(PreparedStatement ps, int index, Object doc) throws SQLException {
    if (doc instanceof byte[] bytes) {
      ps.setBytes(index, bytes);
    } else {
      ps.setString(index, (String) doc);
    }
  }

  /**
   * Reads the document in column {@code docColumn} of {@code rs} whose version is in {@code
   * versionColumn}, of either version.
   *
   * @throws SQLDataException when the version is not one this library reads, the deflated bytes
   *     are damaged or the JSON does not fit the type
   */
  public <T> T read(ResultSet rs, int versionColumn, int docColumn, Class<T> type, String where)
      throws SQLException {
    int version = rs.getInt(versionColumn);
    check(version, DEFLATED_VERSION, where);
    if (version == DEFLATED_VERSION) {
      return read(inflate(rs.getBytes(docColumn), where), VERSION, type, where);
    }
    return read(rs.getString(docColumn), version, type, where);
  }

  private byte[] deflate(byte[] json) {
    Deflater deflater = deflaters.pollFirst();
    if (deflater == null) {
      deflater = new Deflater(Deflater.BEST_SPEED, true);
    }
    try {
      deflater.setDictionary(DICTIONARY);
      deflater.setInput(json);
      deflater.finish();
      byte[] out = new byte[json.length / 2 + 64];
      int n = 0;
      while (!deflater.finished()) {
        if (n == out.length) {
          out = Arrays.copyOf(out, out.length * 2);
        }
        n += deflater.deflate(out, n, out.length - n);
      }
      return Arrays.copyOf(out, n);
    } finally {
      deflater.reset();
      deflaters.offerFirst(deflater);
    }
  }

  private static String inflate(byte[] deflated, String where) throws SQLDataException {
    if (deflated == null) {
      throw new SQLDataException(where + " must hold a deflated document, but was NULL", "22000");
    }
    Inflater inflater = new Inflater(true);
    try {
      inflater.setDictionary(DICTIONARY);
      inflater.setInput(deflated);
      byte[] out = new byte[Math.max(256, deflated.length * 6)];
      int n = 0;
      while (!inflater.finished()) {
        if (n == out.length) {
          out = Arrays.copyOf(out, out.length * 2);
        }
        int k = inflater.inflate(out, n, out.length - n);
        if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new SQLDataException(
              where + " must hold a complete deflated document, but its " + deflated.length
                  + " bytes end early",
              "22000");
        }
        n += k;
      }
      return new String(out, 0, n, StandardCharsets.UTF_8);
    } catch (DataFormatException e) {
      throw new SQLDataException(
          where + " must hold a deflated document, but inflating it failed: " + e.getMessage(),
          "22000",
          e);
    } finally {
      inflater.end();
    }
  }

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
    check(version, VERSION, where);
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
    check(version, VERSION, where);
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
    check(version, VERSION, where);
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

  private static void check(int version, int highest, String where) throws SQLDataException {
    if (version < 1 || version > highest) {
      throw new SQLDataException(
          String.format(
              Locale.ROOT,
              "%s document version must be within [1, %d], but was %d: written by a newer"
                  + " journey-jdbc?",
              where,
              highest,
              version),
          "22000");
    }
  }
}
