package org.mdmaat.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

class PostgresServerTest {
  @Test
  void answersOverJdbcWithPostgresql18AndCreatesTheDatabase() throws Exception {
    var postgres = PostgresServer.shared();
    var url = postgres.jdbcUrl("devstack_test");

    try (var connection =
            DriverManager.getConnection(url, postgres.username(), postgres.password());
        var statement = connection.createStatement()) {
      try (var rows = statement.executeQuery("select version(), current_database()")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).startsWith("PostgreSQL 18.");
        assertThat(rows.getString(2)).isEqualTo("devstack_test");
      }
      try (var rows =
          statement.executeQuery(
              "select count(*) from pg_database where datname = 'devstack_test'")) {
        rows.next();
        assertThat(rows.getInt(1)).isEqualTo(1);
      }
    }
  }

  @Test
  void givesTheSameServerAndUrlsOnEveryCall() {
    var postgres = PostgresServer.shared();
    assertThat(PostgresServer.shared()).isSameAs(postgres);
    assertThat(postgres.jdbcUrl("devstack_test"))
        .isEqualTo("jdbc:postgresql://localhost:" + postgres.port() + "/devstack_test");
    assertThat(postgres.reactiveUrl("other-db"))
        .isEqualTo("postgresql://localhost:" + postgres.port() + "/other-db");
  }
}
