package dev.journey.jdbc;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * A connection borrowed from {@link JdbcPool}: every call goes to the driver's connection until
 * {@link #close} hands it back to the pool; after that every call but {@code close} and {@code
 * isClosed} fails. A plain delegate instead of a reflective proxy: the store borrows a connection
 * for every read and every group, and the proxy's {@code Method.invoke} on each call and its
 * construction per borrow showed in the profile (about 5 % of the Java samples and 7 % of the
 * bytes allocated on the SQLite commit path).
 */
final class PooledConnection implements Connection {
  private final Connection raw;
  private final JdbcPool pool;
  /** The pool's SQLite writer, which the pool keeps open instead of taking back. */
  private final boolean writer;
  /** The connection's kept prepared statements (SQLite); null when statements are not kept. */
  private final StatementCache statements;
  private boolean returned;

  PooledConnection(Connection raw, JdbcPool pool, boolean writer, StatementCache statements) {
    this.raw = raw;
    this.pool = pool;
    this.writer = writer;
    this.statements = statements;
  }

  private Connection live() throws SQLException {
    if (returned) {
      throw new SQLException("connection already returned to the pool", "08003");
    }
    return raw;
  }

  private Connection clientInfo() throws SQLClientInfoException {
    if (returned) {
      throw new SQLClientInfoException("connection already returned to the pool", "08003", Map.of());
    }
    return raw;
  }

  /** Hands the connection back to the pool (once; later calls do nothing). */
  @Override
  public void close() {
    if (!returned) {
      returned = true;
      if (writer) {
        pool.keepWriter(raw);
      } else {
        pool.giveBack(raw);
      }
    }
  }

  @Override
  public boolean isClosed() throws SQLException {
    return returned || raw.isClosed();
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
  public void abort(Executor a0) throws SQLException {
    live().abort(a0);
  }

  @Override
  public void clearWarnings() throws SQLException {
    live().clearWarnings();
  }

  @Override
  public void commit() throws SQLException {
    live().commit();
  }

  @Override
  public Array createArrayOf(String a0, Object[] a1) throws SQLException {
    return live().createArrayOf(a0, a1);
  }

  @Override
  public Blob createBlob() throws SQLException {
    return live().createBlob();
  }

  @Override
  public Clob createClob() throws SQLException {
    return live().createClob();
  }

  @Override
  public NClob createNClob() throws SQLException {
    return live().createNClob();
  }

  @Override
  public SQLXML createSQLXML() throws SQLException {
    return live().createSQLXML();
  }

  @Override
  public Statement createStatement() throws SQLException {
    return live().createStatement();
  }

  @Override
  public Statement createStatement(int a0, int a1, int a2) throws SQLException {
    return live().createStatement(a0, a1, a2);
  }

  @Override
  public Statement createStatement(int a0, int a1) throws SQLException {
    return live().createStatement(a0, a1);
  }

  @Override
  public Struct createStruct(String a0, Object[] a1) throws SQLException {
    return live().createStruct(a0, a1);
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    return live().getAutoCommit();
  }

  @Override
  public String getCatalog() throws SQLException {
    return live().getCatalog();
  }

  @Override
  public Properties getClientInfo() throws SQLException {
    return live().getClientInfo();
  }

  @Override
  public String getClientInfo(String a0) throws SQLException {
    return live().getClientInfo(a0);
  }

  @Override
  public int getHoldability() throws SQLException {
    return live().getHoldability();
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    return live().getMetaData();
  }

  @Override
  public int getNetworkTimeout() throws SQLException {
    return live().getNetworkTimeout();
  }

  @Override
  public String getSchema() throws SQLException {
    return live().getSchema();
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    return live().getTransactionIsolation();
  }

  @Override
  public Map<String, Class<?>> getTypeMap() throws SQLException {
    return live().getTypeMap();
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    return live().getWarnings();
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    return live().isReadOnly();
  }

  @Override
  public boolean isValid(int a0) throws SQLException {
    return live().isValid(a0);
  }

  @Override
  public String nativeSQL(String a0) throws SQLException {
    return live().nativeSQL(a0);
  }

  @Override
  public CallableStatement prepareCall(String a0, int a1, int a2, int a3) throws SQLException {
    return live().prepareCall(a0, a1, a2, a3);
  }

  @Override
  public CallableStatement prepareCall(String a0, int a1, int a2) throws SQLException {
    return live().prepareCall(a0, a1, a2);
  }

  @Override
  public CallableStatement prepareCall(String a0) throws SQLException {
    return live().prepareCall(a0);
  }

  @Override
  public PreparedStatement prepareStatement(String a0, int[] a1) throws SQLException {
    return live().prepareStatement(a0, a1);
  }

  @Override
  public PreparedStatement prepareStatement(String a0, String[] a1) throws SQLException {
    return live().prepareStatement(a0, a1);
  }

  @Override
  public PreparedStatement prepareStatement(String a0, int a1, int a2, int a3) throws SQLException {
    return live().prepareStatement(a0, a1, a2, a3);
  }

  @Override
  public PreparedStatement prepareStatement(String a0, int a1, int a2) throws SQLException {
    return live().prepareStatement(a0, a1, a2);
  }

  @Override
  public PreparedStatement prepareStatement(String a0, int a1) throws SQLException {
    return live().prepareStatement(a0, a1);
  }

  @Override
  public PreparedStatement prepareStatement(String a0) throws SQLException {
    Connection c = live();
    return statements != null ? statements.prepare(a0, this) : c.prepareStatement(a0);
  }

  @Override
  public void releaseSavepoint(Savepoint a0) throws SQLException {
    live().releaseSavepoint(a0);
  }

  @Override
  public void rollback() throws SQLException {
    live().rollback();
  }

  @Override
  public void rollback(Savepoint a0) throws SQLException {
    live().rollback(a0);
  }

  @Override
  public void setAutoCommit(boolean a0) throws SQLException {
    live().setAutoCommit(a0);
  }

  @Override
  public void setCatalog(String a0) throws SQLException {
    live().setCatalog(a0);
  }

  @Override
  public void setClientInfo(String a0, String a1) throws SQLClientInfoException {
    clientInfo().setClientInfo(a0, a1);
  }

  @Override
  public void setClientInfo(Properties a0) throws SQLClientInfoException {
    clientInfo().setClientInfo(a0);
  }

  @Override
  public void setHoldability(int a0) throws SQLException {
    live().setHoldability(a0);
  }

  @Override
  public void setNetworkTimeout(Executor a0, int a1) throws SQLException {
    live().setNetworkTimeout(a0, a1);
  }

  @Override
  public void setReadOnly(boolean a0) throws SQLException {
    live().setReadOnly(a0);
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    return live().setSavepoint();
  }

  @Override
  public Savepoint setSavepoint(String a0) throws SQLException {
    return live().setSavepoint(a0);
  }

  @Override
  public void setSchema(String a0) throws SQLException {
    live().setSchema(a0);
  }

  @Override
  public void setTransactionIsolation(int a0) throws SQLException {
    live().setTransactionIsolation(a0);
  }

  @Override
  public void setTypeMap(Map<String, Class<?>> a0) throws SQLException {
    live().setTypeMap(a0);
  }
}
