package dev.journey.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source whose connections let a test act before each call reaches the real connection
 * (fail a commit, pause it, ...); everything else goes to the delegate.
 */
abstract class InterceptingDataSource implements DataSource {
  /** What a test does before a call on one connection; one per connection, so it may keep state. */
  @FunctionalInterface
  interface Hook {
    void before(Method method, Object[] args) throws Exception;
  }

  private final DataSource delegate;

  InterceptingDataSource(DataSource delegate) {
    this.delegate = delegate;
  }

  /** The hook of a new connection. */
  abstract Hook newHook();

  @Override
  public final Connection getConnection() throws SQLException {
    Connection raw = delegate.getConnection();
    Hook hook = newHook();
    return (Connection) Proxy.newProxyInstance(
        InterceptingDataSource.class.getClassLoader(),
        new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          hook.before(method, args);
          try {
            return method.invoke(raw, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Override
  public final Connection getConnection(String username, String password) throws SQLException {
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
    return delegate.getParentLogger();
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
