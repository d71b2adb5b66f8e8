package org.mdmaat.session.dosing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.mdmaat.devstack.PostgresServer;

/**
 * A PostgreSQL server of the test class's own (not devstack's shared one, which the other test
 * classes of this JVM use), on a fixed port and a kept data directory, so a test can stop it and
 * start it again in place, as a database failover looks to the service. The test and the resource
 * may be loaded by different class loaders: what the test needs (data directory, port) passes
 * through system properties.
 */
public class RestartablePostgres implements QuarkusTestResourceLifecycleManager {
  static final String DATABASE = "session_restart";
  private static final String DATA = "mdmaat.test.restartable-postgres.data";
  private static final String PORT = "mdmaat.test.restartable-postgres.port";

  @Override
  public Map<String, String> start() {
    // Outside devstack's postgres work directory, whose unlocked data zonky prunes.
    var data =
        Path.of(
                "target",
                "restartable-postgres",
                "data-" + UUID.randomUUID().toString().substring(0, 8))
            .toAbsolutePath();
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var server = PostgresServer.start(data, port);
    System.setProperty(DATA, data.toString());
    System.setProperty(PORT, Integer.toString(port));
    return server.serviceConfigWithAuditKeys(DATABASE);
  }

  @Override
  public void stop() {
    // Stopped at JVM exit (devstack's shutdown hook), like the shared server.
  }

  /** The postmaster's command line, kept by {@link #stopServer()} for {@link #startServer()}. */
  private static List<String> postmaster;

  /**
   * Stops the server with a fast shutdown (SIGINT to the postmaster: open connections are cut, as
   * in a failover) and waits until it is gone.
   */
  static void stopServer() throws Exception {
    var pidFile = data().resolve("postmaster.pid");
    long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    var process =
        ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no postmaster " + pid));
    var command = new ArrayList<String>();
    if ("root".equals(System.getProperty("user.name"))) {
      // PostgreSQL refuses to run as root: as zonky does, in a user namespace of its own.
      command.addAll(List.of("unshare", "-U"));
    }
    command.add(process.info().command().orElseThrow());
    command.addAll(List.of(process.info().arguments().orElseThrow()));
    postmaster = command;
    var kill = new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start();
    if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IllegalStateException("kill -INT " + pid + " failed");
    }
    process.onExit().get(60, TimeUnit.SECONDS);
  }

  /**
   * Starts the postmaster again with the same command line: same binaries, port and data directory.
   * (Not through devstack again: the first server's handle still holds the data directory's lock,
   * which it releases when it stops the server at JVM exit, this one included.)
   */
  static void startServer() throws Exception {
    var log = data().resolveSibling(data().getFileName() + "-restarted.log").toFile();
    new ProcessBuilder(postmaster)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
        .start();
  }

  /** A count from the test's database, as its superuser. */
  static long count(String sql, Object... parameters) throws Exception {
    try (var connection =
            DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + port() + "/" + DATABASE, "postgres", "postgres");
        var statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (var rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /** Whether the server accepts connections. */
  static boolean isUp() {
    try (var connection =
        DriverManager.getConnection(
            "jdbc:postgresql://localhost:" + port() + "/" + DATABASE, "postgres", "postgres")) {
      return connection.isValid((int) Duration.ofSeconds(5).toSeconds());
    } catch (Exception e) {
      return false;
    }
  }

  private static Path data() {
    return Path.of(System.getProperty(DATA));
  }

  private static int port() {
    return Integer.parseInt(System.getProperty(PORT));
  }
}
