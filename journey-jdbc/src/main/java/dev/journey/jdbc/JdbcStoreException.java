package dev.journey.jdbc;

import dev.journey.core.JourneyException;
import java.sql.SQLException;

/**
 * The database failed or refused an operation of {@link JdbcJourneyStore}: unreachable, a
 * statement failed, a schema or document written by a newer library. Nothing of the failed
 * operation was written (its transaction was rolled back), so the caller may retry; a signal whose
 * commit failed must not be acknowledged to its sender.
 */
public final class JdbcStoreException extends JourneyException {
  private static final long serialVersionUID = 1L;

  private final String operation;
  private final String sqlState;
  private final String statement;

  JdbcStoreException(String operation, SQLException cause) {
    super(
        "journey store operation '" + operation + "' failed"
            + (cause instanceof Sql.StatementFailure f ? " in statement '" + f.statement() + "'" : "")
            + " (SQL state " + cause.getSQLState() + "): " + cause.getMessage(),
        cause);
    this.operation = operation;
    this.sqlState = cause.getSQLState() == null ? "" : cause.getSQLState();
    this.statement = cause instanceof Sql.StatementFailure f ? f.statement() : "";
  }

  /** The store operation that failed, e.g. {@code commit} or {@code claimDueTimers}. */
  public String operation() {
    return operation;
  }

  /**
   * The statement that failed, with its placeholders (never the values bound to them); empty when
   * the failure was not one statement's (a connection or a commit that failed).
   */
  public String statement() {
    return statement;
  }

  /** The SQL state the driver reported, empty when none. */
  public String sqlState() {
    return sqlState;
  }
}
