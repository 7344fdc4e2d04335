package dev.journey.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source whose connections' {@code commit()} fails once when armed: the store has executed
 * its statements and the transaction must roll back (crash point DURING_COMMIT).
 */
final class CommitFailingDataSource implements DataSource {
  private final DataSource delegate;
  private final AtomicBoolean armed = new AtomicBoolean();

  CommitFailingDataSource(DataSource delegate) {
    this.delegate = delegate;
  }

  void armNextCommit() {
    armed.set(true);
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection raw = delegate.getConnection();
    return (Connection)
        Proxy.newProxyInstance(
            CommitFailingDataSource.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("commit") && armed.getAndSet(false)) {
                throw new SQLException("simulated failure while committing", "08006");
              }
              try {
                return method.invoke(raw, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("not used");
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("not used");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
