package dev.journey.jdbc;

import dev.journey.core.SubjectRef;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.RuleSetArchive;
import dev.journey.core.spi.RuleSetSources;
import dev.journey.jdbc.internal.Documents;
import dev.journey.jdbc.internal.Instants;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** The audit records the commits wrote, read back; and the archive of rule-set sources. */
final class AuditLog {
  private final Transactions tx;
  private final Documents docs;
  private final Clock clock;

  AuditLog(Transactions tx, Documents docs, Clock clock) {
    this.tx = tx;
    this.docs = docs;
    this.clock = clock;
  }

  List<AuditRecord> audit(SubjectRef subject) {
    String key = Objects.requireNonNull(subject, "subject").toString();
    return tx.write(
        "audit",
        c ->
            Sql.list(
                c,
                "SELECT doc_version, doc FROM journey_audit WHERE subject = ? ORDER BY id",
                Sql.params(key),
                rs -> docs.read(rs.getString(2), rs.getInt(1), AuditRecord.class, "audit of " + key)));
  }

  List<AuditRecord> auditAll(int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive, but was " + limit);
    }
    return tx.read(
        "auditAll",
        c -> {
          List<AuditRecord> records = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement("SELECT doc_version, doc FROM journey_audit ORDER BY id")) {
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next() && records.size() < limit) {
                records.add(docs.read(rs.getString(2), rs.getInt(1), AuditRecord.class, "audit"));
              }
            }
          }
          return records;
        });
  }

  List<AuditRecord> auditOf(String signalId) {
    Objects.requireNonNull(signalId, "signalId");
    return tx.write(
        "auditOf",
        c ->
            Sql.list(
                c,
                "SELECT doc_version, doc FROM journey_audit WHERE signal_id = ? ORDER BY id",
                Sql.params(signalId),
                rs -> docs.read(rs.getString(2), rs.getInt(1), AuditRecord.class, "audit of signal " + signalId)));
  }

  boolean archive(RuleSetSources sources) {
    Objects.requireNonNull(sources, "sources");
    return tx.write(
        "archive",
        c -> {
          if (Sql.one(c, "SELECT 1 FROM journey_rule_set_source WHERE hash = ?", Sql.params(sources.hash()),
                  rs -> true)
              .isPresent()) {
            return false;
          }
          try {
            Sql.execute(
                c,
                "INSERT INTO journey_rule_set_source (hash, name, version, archived_at, doc_version, doc)"
                    + " VALUES (?, ?, ?, ?, ?, ?)",
                Sql.params(
                    sources.hash(),
                    sources.name(),
                    sources.version(),
                    Instants.key(clock.instant()),
                    Documents.VERSION,
                    docs.write(sources)));
            return true;
          } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
              return false; // another instance archived the same hash meanwhile
            }
            throw e;
          }
        });
  }

  Optional<RuleSetSources> archived(String hash) {
    Objects.requireNonNull(hash, "hash");
    if (!hash.matches("[0-9a-f]{1,128}")) {
      return Optional.empty();
    }
    boolean prefix = hash.length() >= RuleSetArchive.MIN_PREFIX;
    return tx.read(
        "archived",
        c -> {
          TreeMap<String, RuleSetSources> found = new TreeMap<>();
          String sql =
              prefix
                  ? "SELECT hash, doc_version, doc FROM journey_rule_set_source WHERE hash LIKE ?"
                  : "SELECT hash, doc_version, doc FROM journey_rule_set_source WHERE hash = ?";
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, prefix ? hash + "%" : hash);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next() && found.size() < 2) {
                found.put(
                    rs.getString(1),
                    docs.read(rs.getString(3), rs.getInt(2), RuleSetSources.class, "sources of " + rs.getString(1)));
              }
            }
          }
          return RuleSetArchive.lookup(found, hash);
        });
  }
}
