package dev.journey.jdbc;

import dev.journey.core.SubjectRef;
import dev.journey.core.spi.QuarantinedInput;
import dev.journey.jdbc.internal.Instants;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Quarantined inputs: kept with their reason, inspected, requeued or discarded. A quarantined
 * timer keeps its row under a lease that never expires, so that no claim fires it meanwhile.
 */
final class Quarantine {
  /** The lease owner written on quarantined timers; their lease never expires. */
  private static final String QUARANTINE_OWNER = "journey:quarantine";
  private static final String COLUMNS =
      "SELECT kind, input_id, subject, reason, content, attempts, quarantined_at FROM journey_quarantine";

  private final Transactions tx;

  Quarantine(Transactions tx) {
    this.tx = tx;
  }

  void quarantine(QuarantinedInput input) {
    Objects.requireNonNull(input, "input");
    tx.write(
        "quarantine",
        c -> {
          quarantineIn(c, input);
          return null;
        });
  }

  /** Quarantines {@code input} in the caller's transaction, replacing an earlier entry. */
  void quarantineIn(Connection c, QuarantinedInput input) throws SQLException {
    deleteQuarantined(c, input.kind(), input.id());
    Sql.execute(
        c,
        "INSERT INTO journey_quarantine (kind, input_id, subject, reason, content,"
            + " attempts, quarantined_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        ps -> {
          ps.setString(1, input.kind().name());
          ps.setString(2, input.id());
          ps.setString(3, input.subject().map(SubjectRef::toString).orElse(null));
          ps.setString(4, input.reason());
          ps.setString(5, input.content());
          ps.setInt(6, input.attempts());
          ps.setLong(7, Instants.key(input.quarantinedAt()));
        });
    if (input.kind() == QuarantinedInput.Kind.TIMER) {
      Optional<TimerRow> timer = TimerRow.of(input.id());
      if (timer.isPresent()) {
        Sql.execute(
            c,
            "UPDATE journey_timer SET lease_until = ?, lease_owner = ?"
                + " WHERE subject = ? AND name = ? AND generation = ?",
            Sql.params(Long.MAX_VALUE, QUARANTINE_OWNER, timer.get().subject(), timer.get().name(),
                timer.get().generation()));
      }
    }
  }

  List<QuarantinedInput> quarantined() {
    return tx.write(
        "quarantined",
        c ->
            Sql.list(
                c, COLUMNS + " ORDER BY quarantined_at, kind, input_id", Sql.NONE, Quarantine::quarantinedRow));
  }

  Optional<QuarantinedInput> inspect(QuarantinedInput.Kind kind, String id) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    return tx.write("inspect", c -> selectQuarantined(c, kind, id));
  }

  Optional<QuarantinedInput> requeue(QuarantinedInput.Kind kind, String id, Instant now) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(now, "now");
    return tx.write(
        "requeue",
        c -> {
          Optional<QuarantinedInput> found = selectQuarantined(c, kind, id);
          if (found.isEmpty()) {
            return found;
          }
          deleteQuarantined(c, kind, id);
          Optional<TimerRow> timer =
              kind == QuarantinedInput.Kind.TIMER ? TimerRow.of(id) : Optional.empty();
          if (timer.isPresent()) {
            Sql.execute(
                c,
                "UPDATE journey_timer SET lease_until = NULL, lease_owner = NULL"
                    + " WHERE subject = ? AND name = ? AND generation = ?",
                timer.get().params());
          }
          return found;
        });
  }

  boolean discard(QuarantinedInput.Kind kind, String id) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    return tx.write(
        "discardQuarantined",
        c -> {
          if (deleteQuarantined(c, kind, id) == 0) {
            return false;
          }
          Optional<TimerRow> timer =
              kind == QuarantinedInput.Kind.TIMER ? TimerRow.of(id) : Optional.empty();
          if (timer.isPresent()) {
            Sql.execute(c, RowWrites.DELETE_TIMER, timer.get().params());
          }
          return true;
        });
  }

  private static int deleteQuarantined(Connection c, QuarantinedInput.Kind kind, String id)
      throws SQLException {
    return Sql.update(
        c, "DELETE FROM journey_quarantine WHERE kind = ? AND input_id = ?", Sql.params(kind.name(), id));
  }

  private static Optional<QuarantinedInput> selectQuarantined(
      Connection c, QuarantinedInput.Kind kind, String id) throws SQLException {
    return Sql.one(
        c, COLUMNS + " WHERE kind = ? AND input_id = ?", Sql.params(kind.name(), id), Quarantine::quarantinedRow);
  }

  private static QuarantinedInput quarantinedRow(ResultSet rs) throws SQLException {
    String subject = rs.getString(3);
    return new QuarantinedInput(
        QuarantinedInput.Kind.valueOf(rs.getString(1)),
        rs.getString(2),
        subject == null ? Optional.empty() : Optional.of(SubjectRef.parse(subject)),
        rs.getString(4),
        rs.getString(5),
        rs.getInt(6),
        Instants.fromKey(rs.getLong(7)));
  }

  /** The row key of the timer a firing signal id ({@code timer:<type>:<id>:<name>:<gen>}) names. */
  private record TimerRow(String subject, String name, long generation) {
    static Optional<TimerRow> of(String signalId) {
      if (!signalId.startsWith("timer:")) {
        return Optional.empty();
      }
      String rest = signalId.substring("timer:".length());
      int typeEnd = rest.indexOf(':');
      int idEnd = typeEnd < 0 ? -1 : rest.indexOf(':', typeEnd + 1);
      int genStart = rest.lastIndexOf(':');
      if (idEnd < 0 || genStart <= idEnd) {
        return Optional.empty();
      }
      try {
        return Optional.of(
            new TimerRow(
                rest.substring(0, idEnd),
                rest.substring(idEnd + 1, genStart),
                Long.parseLong(rest.substring(genStart + 1))));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }

    Sql.Binder params() {
      return Sql.params(subject, name, generation);
    }
  }
}
