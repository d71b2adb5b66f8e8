package org.mdmaat.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.Platform;

/**
 * Someone with direct access to a service's database edits an audit entry, past the append-only
 * trigger. The regulator's verification through the gateway names that entry; putting the original
 * text back makes the chain whole again (so this test leaves nothing broken behind). The service's
 * own role cannot even try (it may not update the table, nor switch its trigger off); the
 * superuser's rewrites that the chain alone cannot show are in AuditCheckpointTamperingTest.
 */
class AuditTamperingTest {
  private static Platform platform;

  @BeforeAll
  static void platform() {
    platform = RunningPlatform.get();
  }

  private Connection safetyDatabase() throws SQLException {
    var postgres = platform.postgres();
    return DriverManager.getConnection(
        postgres.jdbcUrl("safety"), postgres.username(), postgres.password());
  }

  @Test
  void anEntryChangedInTheDatabaseIsNamedByVerification() throws SQLException {
    // A change of its own, so the chain has an entry whatever ran before.
    Scenario.placeHold(
        platform, "investigator.sf", Scenario.realParticipant(platform, Scenario.SF), Scenario.SF);

    try (var db = safetyDatabase()) {
      long seq;
      String reason;
      try (var rs =
          db.createStatement()
              .executeQuery("select seq, reason from audit_entry order by seq desc limit 1")) {
        assertThat(rs.next()).isTrue();
        seq = rs.getLong(1);
        reason = rs.getString(2);
      }

      rewriteReason(db, seq, "nothing to see here");
      try {
        Scenario.as(platform, "regulator.fda")
            .when()
            .get("/api/safety/audit/verify")
            .then()
            .statusCode(200)
            .body("intact", equalTo(false))
            .body("firstBrokenSeq", equalTo((int) seq));
        // The gateway's verification across services names the service and the entry.
        Scenario.as(platform, "regulator.fda")
            .when()
            .get("/api/audit/verify")
            .then()
            .statusCode(200)
            .body("intact", equalTo(false))
            .body("services.find { it.service == 'safety' }.status", equalTo("BROKEN"))
            .body("services.find { it.service == 'safety' }.firstBrokenSeq", equalTo((int) seq))
            .body("services.find { it.service == 'recruitment' }.status", equalTo("INTACT"));
      } finally {
        rewriteReason(db, seq, reason);
      }
    }
    Scenario.as(platform, "regulator.fda")
        .when()
        .get("/api/audit/verify")
        .then()
        .statusCode(200)
        .body("intact", equalTo(true));
  }

  @Test
  void aRegulatorWhoKeptTheHeadSeesTheNewestEntriesRemoved() throws SQLException {
    Scenario.placeHold(
        platform, "investigator.sf", Scenario.realParticipant(platform, Scenario.SF), Scenario.SF);
    var head =
        Scenario.as(platform, "regulator.fda")
            .when()
            .get("/api/safety/audit/head")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    long seq = head.getLong("seq");
    String hash = head.getString("hash");

    try (var db = safetyDatabase()) {
      db.setAutoCommit(false);
      try (var st = db.createStatement()) {
        st.execute("alter table audit_entry disable trigger audit_entry_no_update_or_delete");
        st.execute("create temporary table cut as select * from audit_entry where seq >= " + seq);
        st.executeUpdate("delete from audit_entry where seq >= " + seq);
        st.execute("alter table audit_entry enable trigger audit_entry_no_update_or_delete");
        db.commit();
        try {
          // What is left still links up; the kept head shows the loss (and so does a checkpoint
          // once one covered it: AuditCheckpointTamperingTest).
          Scenario.as(platform, "regulator.fda")
              .queryParam("anchorSeq", seq)
              .queryParam("anchorHash", hash)
              .when()
              .get("/api/safety/audit/verify")
              .then()
              .statusCode(200)
              .body("intact", equalTo(false))
              .body("firstBrokenSeq", equalTo((int) seq));
        } finally {
          st.execute("alter table audit_entry disable trigger audit_entry_no_update_or_delete");
          st.executeUpdate("insert into audit_entry overriding system value select * from cut");
          st.execute("alter table audit_entry enable trigger audit_entry_no_update_or_delete");
          db.commit();
        }
      } finally {
        db.setAutoCommit(true);
      }
    }
    Scenario.as(platform, "regulator.fda")
        .queryParam("anchorSeq", seq)
        .queryParam("anchorHash", hash)
        .when()
        .get("/api/safety/audit/verify")
        .then()
        .body("intact", equalTo(true));
  }

  @Test
  void theServicesOwnRoleCannotRewriteTheTrailNorSwitchTheTriggerOff() throws SQLException {
    var postgres = platform.postgres();
    var role = postgres.runtimeRole("safety");
    try (var db =
        DriverManager.getConnection(postgres.jdbcUrl("safety"), role, postgres.password(role))) {
      for (var statement :
          java.util.List.of(
              "update audit_entry set reason = 'x'",
              "delete from audit_entry",
              "truncate audit_entry",
              "alter table audit_entry disable trigger audit_entry_no_update_or_delete")) {
        Throwable refused =
            org.assertj.core.api.Assertions.catchThrowableOfType(
                SQLException.class, () -> db.createStatement().execute(statement));
        assertThat(refused).as(statement).isNotNull();
        assertThat(((SQLException) refused).getSQLState()).as(statement).isEqualTo("42501");
      }
    }
  }

  @Test
  void theTriggerRefusesAnOrdinaryUpdate() throws SQLException {
    Scenario.placeHold(
        platform, "investigator.sf", Scenario.realParticipant(platform, Scenario.SF), Scenario.SF);
    try (var db = safetyDatabase()) {
      // SQLException is Iterable<Throwable>: keep the static type a Throwable for AssertJ.
      Throwable refused =
          org.assertj.core.api.Assertions.catchThrowableOfType(
              SQLException.class,
              () -> db.createStatement().executeUpdate("update audit_entry set reason = 'x'"));
      assertThat(refused).hasMessageContaining("append-only");
    }
    given()
        .baseUri(platform.gatewayUrl())
        .when()
        .get("/api/safety/audit/verify")
        .then()
        .statusCode(401);
  }

  // The attack this guards against: the table's owner switching the trigger off for one edit.
  private static void rewriteReason(Connection db, long seq, String reason) throws SQLException {
    db.setAutoCommit(false);
    try (var st = db.createStatement()) {
      st.execute("alter table audit_entry disable trigger audit_entry_no_update_or_delete");
      try (var update = db.prepareStatement("update audit_entry set reason = ? where seq = ?")) {
        update.setString(1, reason);
        update.setLong(2, seq);
        assertThat(update.executeUpdate()).isEqualTo(1);
      }
      st.execute("alter table audit_entry enable trigger audit_entry_no_update_or_delete");
      db.commit();
    } finally {
      db.setAutoCommit(true);
    }
  }
}
