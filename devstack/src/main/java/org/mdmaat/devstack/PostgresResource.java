package org.mdmaat.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The JVM-wide {@link PostgresServer} for a {@code @QuarkusTest}, with a database of its own.
 *
 * <p>Init arg {@code database} names the database (created if missing); by default it is the
 * current directory's name (the Maven module, say {@code safety_service}). Both datasource URLs are
 * set, JDBC for Flyway and reactive for the application; the application runs as the database's
 * runtime role and Flyway as its owner role ({@link PostgresServer#runtimeRole}). {@link #stop()}
 * leaves the server running for the next test class; it stops at JVM exit.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {
  private String database;

  @Override
  public void init(Map<String, String> initArgs) {
    database = initArgs.getOrDefault("database", defaultDatabase());
  }

  @Override
  public Map<String, String> start() {
    var postgres = PostgresServer.shared();
    var name = database != null ? database : defaultDatabase();
    return postgres.serviceConfigWithAuditKeys(name);
  }

  @Override
  public void stop() {
    // The shared server outlives each test class; a shutdown hook stops it.
  }

  static String defaultDatabase() {
    var name = Path.of("").toAbsolutePath().getFileName();
    var database =
        (name == null ? "devstack" : name.toString())
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9_]", "_");
    return Character.isLetter(database.charAt(0)) ? database : "db_" + database;
  }
}
