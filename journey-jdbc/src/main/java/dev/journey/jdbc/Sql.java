package dev.journey.jdbc;

import dev.journey.jdbc.internal.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The store's one way to run a single statement: prepare, bind, execute, map the rows, close. A
 * statement that fails surfaces as a {@link StatementFailure}: an {@link SQLException} with the
 * driver's SQL state, vendor code and message (so the store's unique-key and concurrency checks
 * decide as before) that names the statement; {@link JdbcStoreException} then reports it beside
 * the operation.
 *
 * <p>Beside the single statements: {@link #insertOnce} (an INSERT whose unique key is the guard:
 * the commit, merge and deployment writes), {@link #batch} (one statement executed for many rows:
 * the timer, outbox, audit, lease and merge writes) and {@link #execute} (a statement whose update
 * count nobody reads).
 */
final class Sql {
  private Sql() {}

  /** Binds a statement's parameters. */
  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  /** Maps the current row of a result set. */
  @FunctionalInterface
  interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** No parameters. */
  static final Binder NONE = ps -> {};

  /** Binds {@code values} in order: strings, longs and ints. */
  static Binder params(Object... values) {
    return ps -> {
      for (int i = 0; i < values.length; i++) {
        Object v = values[i];
        if (v instanceof String s) {
          ps.setString(i + 1, s);
        } else if (v instanceof Long l) {
          ps.setLong(i + 1, l);
        } else if (v instanceof Integer n) {
          ps.setInt(i + 1, n);
        } else {
          throw new IllegalArgumentException(
              "parameter " + (i + 1) + " must be a String, Long or Integer, but was "
                  + (v == null ? "null" : v.getClass().getName()));
        }
      }
    };
  }

  /** The first row {@code sql} finds, mapped; empty when it finds none. */
  static <T> Optional<T> one(Connection c, String sql, Binder binder, Row<T> row) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row.map(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw StatementFailure.of(sql, e);
    }
  }

  /** Every row {@code sql} finds, mapped, in the order of the result set. */
  static <T> List<T> list(Connection c, String sql, Binder binder, Row<T> row) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(row.map(rs));
        }
        return rows;
      }
    } catch (SQLException e) {
      throw StatementFailure.of(sql, e);
    }
  }

  /** Runs the INSERT, UPDATE or DELETE {@code sql} and returns its update count. */
  static int update(Connection c, String sql, Binder binder) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw StatementFailure.of(sql, e);
    }
  }

  /** Binds one item's row of a batch statement. */
  @FunctionalInterface
  interface ItemBinder<T> {
    void bind(PreparedStatement ps, T item) throws SQLException;
  }

  /**
   * Runs the INSERT {@code sql} whose row may already exist (a primary or unique key is the
   * guard).
   *
   * @return {@code false} when {@code dialect} reports the key already taken
   */
  static boolean insertOnce(Connection c, Dialect dialect, String sql, Binder binder)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      ps.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (dialect.isUniqueViolation(e)) {
        return false;
      }
      throw StatementFailure.of(sql, e);
    }
  }

  /**
   * Runs {@code sql} once per item of {@code items} as one JDBC batch and returns the update
   * counts, in order; runs nothing (and returns no counts) when {@code items} is empty.
   */
  static <T> int[] batch(Connection c, String sql, List<T> items, ItemBinder<? super T> binder)
      throws SQLException {
    if (items.isEmpty()) {
      return new int[0];
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (T item : items) {
        binder.bind(ps, item);
        ps.addBatch();
      }
      return ps.executeBatch();
    } catch (SQLException e) {
      throw StatementFailure.of(sql, e);
    }
  }

  /** Runs the INSERT, UPDATE or DELETE {@code sql}; for writes whose update count is not needed. */
  static void execute(Connection c, String sql, Binder binder) throws SQLException {
    update(c, sql, binder);
  }

  /** A statement failed: the driver's exception, with the statement it came from. */
  static final class StatementFailure extends SQLException {
    private static final long serialVersionUID = 1L;

    private final String statement;

    private StatementFailure(String statement, SQLException cause) {
      super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
      this.statement = statement;
    }

    static StatementFailure of(String statement, SQLException cause) {
      Objects.requireNonNull(statement, "statement");
      return cause instanceof StatementFailure f ? f : new StatementFailure(statement, cause);
    }

    /** The statement's SQL, with its placeholders (never its parameters). */
    String statement() {
      return statement;
    }
  }
}
