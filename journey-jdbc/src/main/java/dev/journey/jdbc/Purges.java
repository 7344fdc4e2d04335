package dev.journey.jdbc;

import dev.journey.core.Alias;
import dev.journey.core.SubjectRef;
import dev.journey.core.spi.PurgeReport;
import dev.journey.jdbc.internal.Instants;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Retention (rows older than their table's retention deleted) and erasure of one subject. */
final class Purges {
  /** The tables holding per-subject rows, erased with the subject. */
  private static final List<String> SUBJECT_TABLES =
      List.of(
          "journey_snapshot",
          "journey_inbox",
          "journey_timer",
          "journey_outbox",
          "journey_audit",
          "journey_dead_letter",
          "journey_quarantine");

  private final Transactions tx;
  private final Duration inboxRetention;
  private final Optional<Duration> auditRetention;
  private final Optional<Duration> deadLetterRetention;

  Purges(
      Transactions tx,
      Duration inboxRetention,
      Optional<Duration> auditRetention,
      Optional<Duration> deadLetterRetention) {
    this.tx = tx;
    this.inboxRetention = inboxRetention;
    this.auditRetention = auditRetention;
    this.deadLetterRetention = deadLetterRetention;
  }

  PurgeReport purgeExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    return tx.write(
        "purgeExpired",
        c -> {
          int inbox = deleteOlder(c, "journey_inbox", "received_at", now.minus(inboxRetention));
          int audit =
              auditRetention.isPresent()
                  ? deleteOlder(c, "journey_audit", "recorded_at", now.minus(auditRetention.get()))
                  : 0;
          int dead =
              deadLetterRetention.isPresent()
                  ? deleteOlder(c, "journey_dead_letter", "dead_at", now.minus(deadLetterRetention.get()))
                  : 0;
          int quarantined =
              deadLetterRetention.isPresent()
                  ? deleteOlder(
                      c, "journey_quarantine", "quarantined_at", now.minus(deadLetterRetention.get()))
                  : 0;
          return new PurgeReport(inbox, audit, dead, quarantined);
        });
  }

  private static int deleteOlder(Connection c, String table, String column, Instant cutoff)
      throws SQLException {
    return Sql.update(
        c, "DELETE FROM " + table + " WHERE " + column + " < ?", Sql.params(Instants.key(cutoff)));
  }

  /** Erases {@code subject} and the subjects merged into it; returns how many rows went. */
  int erase(SubjectRef subject) {
    String survivor = Objects.requireNonNull(subject, "subject").toString();
    return tx.write(
        "erase",
        c -> {
          List<String> keys = new ArrayList<>();
          keys.add(survivor);
          keys.addAll(Identity.absorbedInto(c, survivor));
          int deleted = 0;
          for (String key : keys) {
            deleted += eraseOne(c, key);
          }
          return deleted;
        });
  }

  /** Erases one subject's rows and alias rows; in the caller's transaction. */
  private static int eraseOne(Connection c, String key) throws SQLException {
    int deleted =
        Sql.update(
            c,
            "DELETE FROM journey_alias WHERE subject = ? OR (alias_type = ? AND alias_value = ?)",
            Sql.params(key, Alias.ACCOUNT, key));
    for (String table : SUBJECT_TABLES) {
      deleted += Sql.update(c, "DELETE FROM " + table + " WHERE subject = ?", Sql.params(key));
    }
    return deleted;
  }
}
