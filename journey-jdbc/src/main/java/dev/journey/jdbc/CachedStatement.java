package dev.journey.jdbc;

import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;

/**
 * A prepared statement of {@link StatementCache}: every call goes to the driver's statement until
 * {@link #close}, which hands the statement back to the cache (parameters and batch cleared) for
 * the next borrower of the same SQL on the same connection, instead of finalizing it. A statement
 * whose settings were changed ({@code setMaxRows} and the like) is closed for real instead, so a
 * cached statement always starts from the driver's defaults.
 */
@SuppressWarnings("deprecation") // the interface has deprecated methods; they delegate like the others
final class CachedStatement implements PreparedStatement {
  private final PreparedStatement raw;
  private final StatementCache cache;
  private final String sql;
  private final Connection connection;
  private boolean closed;
  /** A setting changed: the statement is not cached again. */
  private boolean changed;

  CachedStatement(PreparedStatement raw, StatementCache cache, String sql, Connection connection) {
    this.raw = raw;
    this.cache = cache;
    this.sql = sql;
    this.connection = connection;
  }

  private PreparedStatement live() throws SQLException {
    if (closed) {
      throw new SQLException("statement already closed", "HY010");
    }
    return raw;
  }

  /** Hands the statement back to the cache (once; later calls do nothing). */
  @Override
  public void close() throws SQLException {
    if (!closed) {
      closed = true;
      cache.giveBack(sql, raw, changed);
    }
  }

  @Override
  public boolean isClosed() throws SQLException {
    return closed || raw.isClosed();
  }

  /** The pooled connection that prepared it. */
  @Override
  public Connection getConnection() throws SQLException {
    live();
    return connection;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return live().unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return live().isWrapperFor(iface);
  }

  @Override
  public void addBatch() throws SQLException {
    live().addBatch();
  }

  @Override
  public void addBatch(String a0) throws SQLException {
    live().addBatch(a0);
  }

  @Override
  public void cancel() throws SQLException {
    live().cancel();
  }

  @Override
  public void clearBatch() throws SQLException {
    live().clearBatch();
  }

  @Override
  public void clearParameters() throws SQLException {
    live().clearParameters();
  }

  @Override
  public void clearWarnings() throws SQLException {
    live().clearWarnings();
  }

  @Override
  public void closeOnCompletion() throws SQLException {
    changed = true;
    live().closeOnCompletion();
  }

  @Override
  public String enquoteIdentifier(String a0, boolean a1) throws SQLException {
    return live().enquoteIdentifier(a0, a1);
  }

  @Override
  public String enquoteLiteral(String a0) throws SQLException {
    return live().enquoteLiteral(a0);
  }

  @Override
  public String enquoteNCharLiteral(String a0) throws SQLException {
    return live().enquoteNCharLiteral(a0);
  }

  @Override
  public boolean execute() throws SQLException {
    return live().execute();
  }

  @Override
  public boolean execute(String a0, int[] a1) throws SQLException {
    return live().execute(a0, a1);
  }

  @Override
  public boolean execute(String a0, String[] a1) throws SQLException {
    return live().execute(a0, a1);
  }

  @Override
  public boolean execute(String a0, int a1) throws SQLException {
    return live().execute(a0, a1);
  }

  @Override
  public boolean execute(String a0) throws SQLException {
    return live().execute(a0);
  }

  @Override
  public int[] executeBatch() throws SQLException {
    return live().executeBatch();
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    return live().executeLargeBatch();
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    return live().executeLargeUpdate();
  }

  @Override
  public long executeLargeUpdate(String a0, int[] a1) throws SQLException {
    return live().executeLargeUpdate(a0, a1);
  }

  @Override
  public long executeLargeUpdate(String a0, String[] a1) throws SQLException {
    return live().executeLargeUpdate(a0, a1);
  }

  @Override
  public long executeLargeUpdate(String a0, int a1) throws SQLException {
    return live().executeLargeUpdate(a0, a1);
  }

  @Override
  public long executeLargeUpdate(String a0) throws SQLException {
    return live().executeLargeUpdate(a0);
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    return live().executeQuery();
  }

  @Override
  public ResultSet executeQuery(String a0) throws SQLException {
    return live().executeQuery(a0);
  }

  @Override
  public int executeUpdate() throws SQLException {
    return live().executeUpdate();
  }

  @Override
  public int executeUpdate(String a0, int[] a1) throws SQLException {
    return live().executeUpdate(a0, a1);
  }

  @Override
  public int executeUpdate(String a0, String[] a1) throws SQLException {
    return live().executeUpdate(a0, a1);
  }

  @Override
  public int executeUpdate(String a0, int a1) throws SQLException {
    return live().executeUpdate(a0, a1);
  }

  @Override
  public int executeUpdate(String a0) throws SQLException {
    return live().executeUpdate(a0);
  }

  @Override
  public int getFetchDirection() throws SQLException {
    return live().getFetchDirection();
  }

  @Override
  public int getFetchSize() throws SQLException {
    return live().getFetchSize();
  }

  @Override
  public ResultSet getGeneratedKeys() throws SQLException {
    return live().getGeneratedKeys();
  }

  @Override
  public long getLargeMaxRows() throws SQLException {
    return live().getLargeMaxRows();
  }

  @Override
  public long getLargeUpdateCount() throws SQLException {
    return live().getLargeUpdateCount();
  }

  @Override
  public int getMaxFieldSize() throws SQLException {
    return live().getMaxFieldSize();
  }

  @Override
  public int getMaxRows() throws SQLException {
    return live().getMaxRows();
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    return live().getMetaData();
  }

  @Override
  public boolean getMoreResults() throws SQLException {
    return live().getMoreResults();
  }

  @Override
  public boolean getMoreResults(int a0) throws SQLException {
    return live().getMoreResults(a0);
  }

  @Override
  public ParameterMetaData getParameterMetaData() throws SQLException {
    return live().getParameterMetaData();
  }

  @Override
  public int getQueryTimeout() throws SQLException {
    return live().getQueryTimeout();
  }

  @Override
  public ResultSet getResultSet() throws SQLException {
    return live().getResultSet();
  }

  @Override
  public int getResultSetConcurrency() throws SQLException {
    return live().getResultSetConcurrency();
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    return live().getResultSetHoldability();
  }

  @Override
  public int getResultSetType() throws SQLException {
    return live().getResultSetType();
  }

  @Override
  public int getUpdateCount() throws SQLException {
    return live().getUpdateCount();
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    return live().getWarnings();
  }

  @Override
  public boolean isCloseOnCompletion() throws SQLException {
    return live().isCloseOnCompletion();
  }

  @Override
  public boolean isPoolable() throws SQLException {
    return live().isPoolable();
  }

  @Override
  public boolean isSimpleIdentifier(String a0) throws SQLException {
    return live().isSimpleIdentifier(a0);
  }

  @Override
  public void setArray(int a0, Array a1) throws SQLException {
    live().setArray(a0, a1);
  }

  @Override
  public void setAsciiStream(int a0, java.io.InputStream a1, int a2) throws SQLException {
    live().setAsciiStream(a0, a1, a2);
  }

  @Override
  public void setAsciiStream(int a0, java.io.InputStream a1, long a2) throws SQLException {
    live().setAsciiStream(a0, a1, a2);
  }

  @Override
  public void setAsciiStream(int a0, java.io.InputStream a1) throws SQLException {
    live().setAsciiStream(a0, a1);
  }

  @Override
  public void setBigDecimal(int a0, java.math.BigDecimal a1) throws SQLException {
    live().setBigDecimal(a0, a1);
  }

  @Override
  public void setBinaryStream(int a0, java.io.InputStream a1, int a2) throws SQLException {
    live().setBinaryStream(a0, a1, a2);
  }

  @Override
  public void setBinaryStream(int a0, java.io.InputStream a1, long a2) throws SQLException {
    live().setBinaryStream(a0, a1, a2);
  }

  @Override
  public void setBinaryStream(int a0, java.io.InputStream a1) throws SQLException {
    live().setBinaryStream(a0, a1);
  }

  @Override
  public void setBlob(int a0, java.io.InputStream a1, long a2) throws SQLException {
    live().setBlob(a0, a1, a2);
  }

  @Override
  public void setBlob(int a0, java.io.InputStream a1) throws SQLException {
    live().setBlob(a0, a1);
  }

  @Override
  public void setBlob(int a0, Blob a1) throws SQLException {
    live().setBlob(a0, a1);
  }

  @Override
  public void setBoolean(int a0, boolean a1) throws SQLException {
    live().setBoolean(a0, a1);
  }

  @Override
  public void setByte(int a0, byte a1) throws SQLException {
    live().setByte(a0, a1);
  }

  @Override
  public void setBytes(int a0, byte[] a1) throws SQLException {
    live().setBytes(a0, a1);
  }

  @Override
  public void setCharacterStream(int a0, java.io.Reader a1, int a2) throws SQLException {
    live().setCharacterStream(a0, a1, a2);
  }

  @Override
  public void setCharacterStream(int a0, java.io.Reader a1, long a2) throws SQLException {
    live().setCharacterStream(a0, a1, a2);
  }

  @Override
  public void setCharacterStream(int a0, java.io.Reader a1) throws SQLException {
    live().setCharacterStream(a0, a1);
  }

  @Override
  public void setClob(int a0, java.io.Reader a1, long a2) throws SQLException {
    live().setClob(a0, a1, a2);
  }

  @Override
  public void setClob(int a0, java.io.Reader a1) throws SQLException {
    live().setClob(a0, a1);
  }

  @Override
  public void setClob(int a0, Clob a1) throws SQLException {
    live().setClob(a0, a1);
  }

  @Override
  public void setCursorName(String a0) throws SQLException {
    changed = true;
    live().setCursorName(a0);
  }

  @Override
  public void setDate(int a0, Date a1, java.util.Calendar a2) throws SQLException {
    live().setDate(a0, a1, a2);
  }

  @Override
  public void setDate(int a0, Date a1) throws SQLException {
    live().setDate(a0, a1);
  }

  @Override
  public void setDouble(int a0, double a1) throws SQLException {
    live().setDouble(a0, a1);
  }

  @Override
  public void setEscapeProcessing(boolean a0) throws SQLException {
    changed = true;
    live().setEscapeProcessing(a0);
  }

  @Override
  public void setFetchDirection(int a0) throws SQLException {
    changed = true;
    live().setFetchDirection(a0);
  }

  @Override
  public void setFetchSize(int a0) throws SQLException {
    changed = true;
    live().setFetchSize(a0);
  }

  @Override
  public void setFloat(int a0, float a1) throws SQLException {
    live().setFloat(a0, a1);
  }

  @Override
  public void setInt(int a0, int a1) throws SQLException {
    live().setInt(a0, a1);
  }

  @Override
  public void setLargeMaxRows(long a0) throws SQLException {
    changed = true;
    live().setLargeMaxRows(a0);
  }

  @Override
  public void setLong(int a0, long a1) throws SQLException {
    live().setLong(a0, a1);
  }

  @Override
  public void setMaxFieldSize(int a0) throws SQLException {
    changed = true;
    live().setMaxFieldSize(a0);
  }

  @Override
  public void setMaxRows(int a0) throws SQLException {
    changed = true;
    live().setMaxRows(a0);
  }

  @Override
  public void setNCharacterStream(int a0, java.io.Reader a1, long a2) throws SQLException {
    live().setNCharacterStream(a0, a1, a2);
  }

  @Override
  public void setNCharacterStream(int a0, java.io.Reader a1) throws SQLException {
    live().setNCharacterStream(a0, a1);
  }

  @Override
  public void setNClob(int a0, java.io.Reader a1, long a2) throws SQLException {
    live().setNClob(a0, a1, a2);
  }

  @Override
  public void setNClob(int a0, java.io.Reader a1) throws SQLException {
    live().setNClob(a0, a1);
  }

  @Override
  public void setNClob(int a0, NClob a1) throws SQLException {
    live().setNClob(a0, a1);
  }

  @Override
  public void setNString(int a0, String a1) throws SQLException {
    live().setNString(a0, a1);
  }

  @Override
  public void setNull(int a0, int a1, String a2) throws SQLException {
    live().setNull(a0, a1, a2);
  }

  @Override
  public void setNull(int a0, int a1) throws SQLException {
    live().setNull(a0, a1);
  }

  @Override
  public void setObject(int a0, Object a1, int a2, int a3) throws SQLException {
    live().setObject(a0, a1, a2, a3);
  }

  @Override
  public void setObject(int a0, Object a1, int a2) throws SQLException {
    live().setObject(a0, a1, a2);
  }

  @Override
  public void setObject(int a0, Object a1, SQLType a2, int a3) throws SQLException {
    live().setObject(a0, a1, a2, a3);
  }

  @Override
  public void setObject(int a0, Object a1, SQLType a2) throws SQLException {
    live().setObject(a0, a1, a2);
  }

  @Override
  public void setObject(int a0, Object a1) throws SQLException {
    live().setObject(a0, a1);
  }

  @Override
  public void setPoolable(boolean a0) throws SQLException {
    changed = true;
    live().setPoolable(a0);
  }

  @Override
  public void setQueryTimeout(int a0) throws SQLException {
    changed = true;
    live().setQueryTimeout(a0);
  }

  @Override
  public void setRef(int a0, Ref a1) throws SQLException {
    live().setRef(a0, a1);
  }

  @Override
  public void setRowId(int a0, RowId a1) throws SQLException {
    live().setRowId(a0, a1);
  }

  @Override
  public void setSQLXML(int a0, SQLXML a1) throws SQLException {
    live().setSQLXML(a0, a1);
  }

  @Override
  public void setShort(int a0, short a1) throws SQLException {
    live().setShort(a0, a1);
  }

  @Override
  public void setString(int a0, String a1) throws SQLException {
    live().setString(a0, a1);
  }

  @Override
  public void setTime(int a0, Time a1, java.util.Calendar a2) throws SQLException {
    live().setTime(a0, a1, a2);
  }

  @Override
  public void setTime(int a0, Time a1) throws SQLException {
    live().setTime(a0, a1);
  }

  @Override
  public void setTimestamp(int a0, Timestamp a1, java.util.Calendar a2) throws SQLException {
    live().setTimestamp(a0, a1, a2);
  }

  @Override
  public void setTimestamp(int a0, Timestamp a1) throws SQLException {
    live().setTimestamp(a0, a1);
  }

  @Override
  public void setURL(int a0, java.net.URL a1) throws SQLException {
    live().setURL(a0, a1);
  }

  @Override
  public void setUnicodeStream(int a0, java.io.InputStream a1, int a2) throws SQLException {
    live().setUnicodeStream(a0, a1, a2);
  }
}
