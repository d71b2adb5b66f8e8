package org.mdmaat.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * PostgreSQL 18 from zonky's embedded binaries, as a native server process on localhost.
 *
 * <p>Binaries are unpacked under {@code target/devstack/postgres}. As root, zonky runs the server
 * through {@code unshare -U}, because PostgreSQL refuses to run as root.
 */
public final class PostgresServer {
  private static final String COMPONENT = "postgres";
  private static final String USER = "postgres";
  private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,62}");
  private static PostgresServer shared;

  /** Non-null in a copy of this class that is not the JVM-wide owner (see {@link JvmWide}). */
  private final Object owner;

  private final EmbeddedPostgres postgres;
  private final Path auditDir;
  private final Set<String> databases = new HashSet<>();
  private boolean stopped;

  private PostgresServer(Object owner, EmbeddedPostgres postgres, Path auditDir) {
    this.owner = owner;
    this.postgres = postgres;
    this.auditDir = auditDir;
  }

  /**
   * The JVM-wide server on a free port with a throw-away data directory under {@code
   * target/devstack/postgres}, started on first use and stopped at JVM exit.
   */
  public static synchronized PostgresServer shared() {
    if (shared == null) {
      var owner = JvmWide.ownersShared(PostgresServer.class);
      if (owner != null) {
        shared = new PostgresServer(owner, null, null);
      } else {
        var dataDir =
            workingDirectory().resolve("data-" + UUID.randomUUID().toString().substring(0, 8));
        shared = launch(dataDir, Workspace.freePort(), true);
      }
    }
    return shared;
  }

  /**
   * A server on {@code port} keeping its data in {@code dataDir} across starts (created on first
   * start), stopped by {@link #stop()} or at JVM exit. Its log is {@code <dataDir>.log}.
   */
  public static PostgresServer start(Path dataDir, int port) {
    var data = dataDir.toAbsolutePath().normalize();
    if (data.startsWith(workingDirectory())) {
      // zonky deletes unlocked directories there that are older than ten minutes.
      throw new IllegalArgumentException("Keep persistent data outside " + workingDirectory());
    }
    stopLeftoverPostmaster(data);
    return launch(data, port, false);
  }

  /** {@code jdbc:postgresql://localhost:PORT/database}; creates the database if it is missing. */
  public String jdbcUrl(String database) {
    if (owner != null) {
      return (String) JvmWide.call(owner, "jdbcUrl", database);
    }
    createDatabase(database);
    return "jdbc:postgresql://localhost:" + port() + "/" + database;
  }

  /**
   * {@code postgresql://localhost:PORT/database} (Vert.x form); creates the database if missing.
   */
  public String reactiveUrl(String database) {
    if (owner != null) {
      return (String) JvmWide.call(owner, "reactiveUrl", database);
    }
    createDatabase(database);
    return "postgresql://localhost:" + port() + "/" + database;
  }

  /**
   * The superuser. Authentication is {@code trust} on localhost; the password is only a formality.
   */
  public String username() {
    return USER;
  }

  public String password() {
    return USER;
  }

  /**
   * The role that owns {@code database} and its schema: Flyway migrates as it ({@code
   * quarkus.flyway.username}). Created with the database; dev-only password {@link
   * #password(String)}.
   */
  public String ownerRole(String database) {
    return database + "_owner";
  }

  /**
   * The role a service runs as ({@code quarkus.datasource.username}): it owns nothing, so it cannot
   * alter tables or disable their triggers; the platform migration V1_0_2 grants it what it may do
   * (DML, but only INSERT and SELECT on the audit tables). Created with the database.
   */
  public String runtimeRole(String database) {
    return database + "_runtime";
  }

  /**
   * A service's connection settings for {@code database} (created if missing): the service runs as
   * the database's runtime role and Flyway migrates as its owner role, as in production
   * (deploy/README.md, "Database roles").
   */
  public Map<String, String> serviceConfig(String database) {
    var owner = ownerRole(database);
    var runtime = runtimeRole(database);
    return Map.of(
        "quarkus.datasource.jdbc.url", jdbcUrl(database),
        "quarkus.datasource.reactive.url", reactiveUrl(database),
        "quarkus.datasource.username", runtime,
        "quarkus.datasource.password", password(runtime),
        "quarkus.flyway.username", owner,
        "quarkus.flyway.password", password(owner));
  }

  /**
   * {@link #serviceConfig} and the service's audit checkpoint key pair and sink (platform {@code
   * platform.audit.checkpoint.*}), made on first use in {@link #auditDir(String)}.
   */
  public Map<String, String> serviceConfigWithAuditKeys(String database) {
    var config = new java.util.HashMap<>(serviceConfig(database));
    config.putAll(AuditKeys.config(auditDir(database)));
    return Map.copyOf(config);
  }

  /**
   * Where the service of {@code database} keeps its checkpoint key pair ({@code
   * checkpoint-key.pem}, {@code checkpoint-key.pub.pem}) and appends its signed checkpoints ({@code
   * checkpoints/}).
   */
  public Path auditDir(String database) {
    if (owner != null) {
      return (Path) JvmWide.call(owner, "auditDir", database);
    }
    if (!DATABASE_NAME.matcher(database).matches()) {
      throw new IllegalArgumentException("Not a plain database name: " + database);
    }
    return auditDir.resolve(database);
  }

  /** The dev-only password of a role devstack made. (Authentication is trust on localhost.) */
  public String password(String role) {
    return "dev-" + role;
  }

  public int port() {
    if (owner != null) {
      return (Integer) JvmWide.call(owner, "port");
    }
    return postgres.getPort();
  }

  /** Stops the server (fast shutdown); a throw-away data directory is deleted. */
  public synchronized void stop() {
    if (owner != null) {
      JvmWide.call(owner, "stop");
      return;
    }
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ProgressLog.step(COMPONENT, "stopped (port " + postgres.getPort() + ")");
  }

  private static PostgresServer launch(Path dataDir, int port, boolean temporary) {
    var started = System.nanoTime();
    var work = workingDirectory();
    var log = dataDir.resolveSibling(dataDir.getFileName() + ".log").toFile();
    ProgressLog.step(COMPONENT, "starting PostgreSQL on port " + port + " (data " + dataDir + ")");
    EmbeddedPostgres postgres;
    try {
      Files.createDirectories(work);
      // zonky's parent directory for data directories defaults to /tmp/embedded-pg.
      System.setProperty("ot.epg.working-dir", work.toString());
      postgres =
          EmbeddedPostgres.builder()
              .setOverrideWorkingDirectory(work.toFile())
              .setDataDirectory(dataDir)
              .setCleanDataDirectory(temporary)
              .setPort(port)
              .setLocaleConfig("locale", "C")
              // TCP only: no socket file in /tmp.
              .setServerConfig("unix_socket_directories", "")
              .setPGStartupWait(Duration.ofSeconds(60))
              .setRegisterShutdownHook(false)
              .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log))
              .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL did not start; see " + log, e);
    } catch (RuntimeException e) {
      throw new IllegalStateException("PostgreSQL did not start; see " + log, e);
    }
    // Audit keys and checkpoints live as long as the data: beside a kept data directory, under
    // devstack's work directory (not zonky's, which it prunes) for a throw-away one.
    var auditDir =
        temporary
            ? Workspace.root().resolve("audit").resolve(dataDir.getFileName().toString())
            : dataDir.resolveSibling("audit");
    var server = new PostgresServer(null, postgres, auditDir);
    Runtime.getRuntime().addShutdownHook(new Thread(server::stopQuietly, "devstack-postgres-stop"));
    ProgressLog.done(COMPONENT, "ready on localhost:" + port, started);
    return server;
  }

  /**
   * A postmaster still running on {@code dataDir} (its JVM was killed) would otherwise answer in
   * place of the new one; it gets a smart shutdown (SIGTERM).
   */
  private static void stopLeftoverPostmaster(Path dataDir) {
    try {
      var lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
      if (!lines.isEmpty()) {
        ChildProcess.stopLeftovers(
            COMPONENT, List.of(Long.parseLong(lines.get(0).trim())), dataDir.toString());
      }
    } catch (IOException | NumberFormatException e) {
      // No server was left running.
    }
  }

  private static Path workingDirectory() {
    return Workspace.root().resolve("postgres");
  }

  private void stopQuietly() {
    try {
      stop();
    } catch (RuntimeException e) {
      System.err.println("[devstack] postgres: stop failed: " + e);
    }
  }

  private synchronized void createDatabase(String database) {
    if (!DATABASE_NAME.matcher(database).matches()) {
      throw new IllegalArgumentException("Not a plain database name: " + database);
    }
    if (databases.contains(database)) {
      return;
    }
    var properties = new Properties();
    properties.setProperty("user", USER);
    // The driver is called directly: DriverManager does not see drivers of other class loaders.
    try (Connection connection =
        new org.postgresql.Driver()
            .connect(
                "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", properties)) {
      try (var exists =
          connection.prepareStatement("select 1 from pg_database where datname = ?")) {
        exists.setString(1, database);
        try (var rows = exists.executeQuery()) {
          if (!rows.next()) {
            try (var create = connection.createStatement()) {
              create.execute("create database \"" + database + "\"");
            }
          }
        }
      }
    } catch (SQLException e) {
      if (!"42P04".equals(e.getSQLState())) { // duplicate_database: another caller won
        throw new IllegalStateException("Cannot create database " + database, e);
      }
    }
    createRoles(database, properties);
    databases.add(database);
  }

  /**
   * The database's two roles (see {@link #ownerRole} and {@link #runtimeRole}); the owner role
   * becomes the database's owner, so it owns the public schema (PostgreSQL 15+), and only the two
   * roles may connect. Neither is a superuser or may create roles or databases.
   */
  private void createRoles(String database, Properties superuser) {
    var owner = ownerRole(database);
    var runtime = runtimeRole(database);
    try (Connection connection =
            new org.postgresql.Driver()
                .connect(
                    "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", superuser);
        var sql = connection.createStatement()) {
      for (var role : List.of(owner, runtime)) {
        try (var exists = connection.prepareStatement("select 1 from pg_roles where rolname = ?")) {
          exists.setString(1, role);
          try (var rows = exists.executeQuery()) {
            if (!rows.next()) {
              try {
                sql.execute(
                    "create role \""
                        + role
                        + "\" login nosuperuser nocreatedb nocreaterole password '"
                        + password(role)
                        + "'");
              } catch (SQLException e) {
                if (!"42710".equals(e.getSQLState())) { // duplicate_object: another caller won
                  throw e;
                }
              }
            }
          }
        }
      }
      sql.execute("alter database \"" + database + "\" owner to \"" + owner + "\"");
      sql.execute("revoke all on database \"" + database + "\" from public");
      sql.execute(
          "grant connect, temporary on database \"" + database + "\" to \"" + runtime + "\"");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create the roles of database " + database, e);
    }
  }
}
