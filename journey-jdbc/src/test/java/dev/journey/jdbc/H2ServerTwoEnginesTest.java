package dev.journey.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.SQLException;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Two engines on one H2 database in server mode (TCP on loopback): the two-engine test every
 * machine runs, without PostgreSQL.
 */
final class H2ServerTwoEnginesTest extends TwoEnginesScenario {
  private static final String NAME = "two-engines";
  private Server server;

  @BeforeEach
  void start() throws SQLException {
    System.setProperty("h2.bindAddress", "127.0.0.1");
    TestDatabases.deleteFiles(NAME);
    server =
        Server.createTcpServer(
                "-tcpPort", String.valueOf(freePort()), "-ifNotExists",
                "-baseDir", TestDatabases.dir().toAbsolutePath().toString())
            .start();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  void reset() {
    // a fresh file per test: deleted before the server started
  }

  @Override
  javax.sql.DataSource open(int size) {
    return JdbcPool.of(
        "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/" + NAME
            + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0",
        "sa",
        "",
        size);
  }
}
