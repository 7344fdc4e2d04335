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

  JdbcStoreException(String operation, SQLException cause) {
    super(
        "journey store operation '" + operation + "' failed (SQL state " + cause.getSQLState()
            + "): " + cause.getMessage(),
        cause);
    this.operation = operation;
    this.sqlState = cause.getSQLState() == null ? "" : cause.getSQLState();
  }

  /** The store operation that failed, e.g. {@code commit} or {@code claimDueTimers}. */
  public String operation() {
    return operation;
  }

  /** The SQL state the driver reported, empty when none. */
  public String sqlState() {
    return sqlState;
  }
}
