package org.mdmaat.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.mdmaat.platform.Services.as;
import static org.mdmaat.platform.Services.database;
import static org.mdmaat.platform.Services.unique;
import static org.mdmaat.platform.audit.AuditTrailTest.API;
import static org.mdmaat.platform.audit.AuditTrailTest.create;
import static org.mdmaat.platform.audit.AuditTrailTest.verify;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.devstack.PostgresServer;
import org.mdmaat.platform.Services;

/**
 * Reads of the audit trail, its checkpoints and the access log itself are written to the access log
 * (who, what, when, why) before they happen, and refused when they cannot be; the access log is a
 * chain of its own, covered by the signed checkpoints and by verify. Superuser changes are
 * restored.
 */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "platform"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
class AccessLogTest {
  private static final String TRIGGERS = "alter table access_log_entry %s trigger user";

  @Inject AuditCheckpoints checkpoints;

  @ConfigProperty(name = "platform.audit.checkpoint.public-key-file")
  java.nio.file.Path publicKeyFile;

  /** The access log rows written for requests with {@code correlationId}, as the superuser sees. */
  private static Map<String, String> loggedFor(String correlationId) throws SQLException {
    try (var db = database();
        var select =
            db.prepareStatement(
                "select seq, occurred_at, actor, actor_id, actor_roles, resource_kind, resource,"
                    + " reason from access_log_entry where correlation_id = ?")) {
      select.setString(1, correlationId);
      try (var rows = select.executeQuery()) {
        if (!rows.next()) {
          return null;
        }
        var row = new HashMap<String, String>();
        for (var column :
            new String[] {
              "seq", "actor", "actor_id", "actor_roles", "resource_kind", "resource", "reason"
            }) {
          row.put(column, rows.getString(column));
        }
        row.put("occurred_at", rows.getTimestamp("occurred_at").toInstant().toString());
        assertThat(rows.next()).as("one entry per read").isFalse();
        return row;
      }
    }
  }

  private static long accessLogSize() throws SQLException {
    try (var db = database();
        var rows = db.createStatement().executeQuery("select count(*) from access_log_entry")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  @Test
  void readingTheAuditTrailWritesWhoWhatWhenAndWhy() throws Exception {
    create(unique("A"));
    var trace = unique("trace");
    var before = Instant.now().truncatedTo(ChronoUnit.MICROS);
    as("regulator.fda")
        .header("X-Correlation-Id", trace)
        .header(AccessLog.REASON_HEADER, "FDA inspection of study 001")
        .queryParam("entityType", "Specimen")
        .queryParam("limit", 5)
        .when()
        .get(API + "/audit")
        .then()
        .statusCode(200);
    var after = Instant.now();

    var entry = loggedFor(trace);
    assertThat(entry).isNotNull();
    assertThat(entry.get("actor")).isEqualTo("regulator.fda");
    // The stable id from the token's sub claim, beside the readable username.
    assertThat(entry.get("actor_id")).isNotBlank().isNotEqualTo("regulator.fda");
    assertThat(entry.get("actor_roles").split(",")).contains("regulator");
    assertThat(entry.get("resource_kind")).isEqualTo("audit-trail");
    assertThat(entry.get("resource")).isEqualTo("limit=5&entityType=Specimen");
    assertThat(entry.get("reason")).isEqualTo("FDA inspection of study 001");
    assertThat(Instant.parse(entry.get("occurred_at"))).isBetween(before, after);
  }

  @Test
  void aReadWithoutAReasonIsLoggedWithNone() throws Exception {
    var trace = unique("trace");
    as("regulator.fda")
        .header("X-Correlation-Id", trace)
        .when()
        .get(API + "/audit/checkpoints")
        .then()
        .statusCode(200);
    var entry = loggedFor(trace);
    assertThat(entry).isNotNull();
    assertThat(entry.get("resource_kind")).isEqualTo("audit-checkpoints");
    assertThat(entry.get("resource")).isEqualTo("chain=audit");
    assertThat(entry.get("reason")).isNull();
  }

  @Test
  void aReadRefusedForTheRoleOrTheQueryIsNotLogged() throws Exception {
    var refused = unique("trace");
    as("coordinator.sf")
        .header("X-Correlation-Id", refused)
        .when()
        .get(API + "/audit")
        .then()
        .statusCode(403);
    assertThat(loggedFor(refused)).isNull();
    var invalid = unique("trace");
    as("regulator.fda")
        .header("X-Correlation-Id", invalid)
        .queryParam("limit", 0)
        .when()
        .get(API + "/audit")
        .then()
        .statusCode(400);
    assertThat(loggedFor(invalid)).isNull();
  }

  @Test
  void theAccessLogIsReadByTheRegulatorAndThatReadIsLoggedToo() throws Exception {
    var first =
        as("regulator.fda")
            .queryParam("size", 1)
            .when()
            .get(API + "/audit/access-log")
            .then()
            .statusCode(200)
            .body("paging", equalTo("page"))
            .extract()
            .jsonPath();
    long total = first.getLong("total");
    // This read is the entry after the first: it was logged before its page was read.
    var trace = unique("trace");
    JsonPath own =
        as("regulator.fda")
            .header("X-Correlation-Id", trace)
            .header(AccessLog.REASON_HEADER, "completeness check")
            .queryParam("page", total)
            .queryParam("size", 1)
            .when()
            .get(API + "/audit/access-log")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(own.getLong("total")).isEqualTo(total + 1);
    assertThat(own.getList("items")).hasSize(1);
    assertThat(own.getString("items[0].actor")).isEqualTo("regulator.fda");
    assertThat(own.getString("items[0].resourceKind")).isEqualTo("access-log");
    assertThat(own.getString("items[0].resource")).isEqualTo("page=" + total + "&size=1");
    assertThat(own.getString("items[0].reason")).isEqualTo("completeness check");
    assertThat(own.getString("items[0].correlationId")).isEqualTo(trace);
    assertThat(own.getString("items[0].hash")).matches("[0-9a-f]{64}");

    as("coordinator.sf").when().get(API + "/audit/access-log").then().statusCode(403);
  }

  @Test
  void whenTheEntryCannotBeWrittenTheReadIsRefused() throws Exception {
    var runtime = PostgresServer.shared().runtimeRole(Services.DATABASE);
    long size = accessLogSize();
    try (var db = database()) {
      db.createStatement().execute("revoke insert on access_log_entry from \"" + runtime + "\"");
      try {
        as("regulator.fda")
            .when()
            .get(API + "/audit")
            .then()
            .statusCode(503)
            .contentType("application/problem+json")
            .body("code", equalTo("PLATFORM-0503"))
            .body("items", org.hamcrest.Matchers.nullValue());
      } finally {
        db.createStatement().execute("grant insert on access_log_entry to \"" + runtime + "\"");
      }
    }
    assertThat(accessLogSize()).isEqualTo(size);
    as("regulator.fda").when().get(API + "/audit").then().statusCode(200);
    assertThat(accessLogSize()).isEqualTo(size + 1);
  }

  @Test
  void theTableRefusesUpdateDeleteAndTruncateWhileItsTriggersAreOn() throws Exception {
    as("regulator.fda").when().get(API + "/audit/checkpoints").then().statusCode(200);
    try (var db = database()) {
      for (var statement :
          new String[] {
            "update access_log_entry set reason = 'rewritten'",
            "delete from access_log_entry",
            "truncate access_log_entry"
          }) {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> db.createStatement().execute(statement))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("access_log_entry is append-only");
      }
    }
  }

  @Test
  void anAccessEntryAlteredBySuperuserMakesVerifyBroken() throws Exception {
    var trace = unique("trace");
    as("regulator.fda")
        .header("X-Correlation-Id", trace)
        .header(AccessLog.REASON_HEADER, "routine")
        .when()
        .get(API + "/audit/checkpoints")
        .then()
        .statusCode(200);
    long seq = Long.parseLong(loggedFor(trace).get("seq"));
    var intact = verify();
    assertThat(intact.getBoolean("intact")).as(intact.prettify()).isTrue();
    assertThat(intact.getBoolean("accessLog.intact")).isTrue();
    AuditCheckpointsTest.offlineAgreesWithTheApi(publicKeyFile);
    try (var db = database()) {
      var sql = db.createStatement();
      sql.execute(TRIGGERS.formatted("disable"));
      try {
        sql.executeUpdate("update access_log_entry set reason = null where seq = " + seq);
        var broken = verify();
        assertThat(broken.getBoolean("intact")).isFalse();
        assertThat(broken.getBoolean("accessLog.intact")).isFalse();
        assertThat(broken.getLong("accessLog.firstBrokenSeq")).isEqualTo(seq);
        // The audit chain itself is intact: its own first broken entry stays null.
        assertThat(broken.getString("firstBrokenSeq")).isNull();
        assertThat(broken.getString("problem"))
            .startsWith("the access log is broken at its entry " + seq)
            .contains("altered");
        AuditCheckpointsTest.offlineAgreesWithTheApi(publicKeyFile);
      } finally {
        sql.executeUpdate("update access_log_entry set reason = 'routine' where seq = " + seq);
        sql.execute(TRIGGERS.formatted("enable"));
      }
    }
    assertThat(verify().getBoolean("intact")).isTrue();
  }

  @Test
  void theAccessLogsHeadIsSignedAndItsNewestEntriesCannotBeRemoved() throws Exception {
    var trace = unique("trace");
    as("regulator.fda")
        .header("X-Correlation-Id", trace)
        .when()
        .get(API + "/audit/checkpoints")
        .then()
        .statusCode(200);
    long from = Long.parseLong(loggedFor(trace).get("seq"));
    checkpoints.checkpoint().await().atMost(Duration.ofSeconds(30));
    var signed =
        as("regulator.fda")
            .when()
            .get(API + "/audit/access-log/checkpoints")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    // The checkpoint signs the access head as it was, before the read of the checkpoints above.
    assertThat(signed.getList("findAll { it.chain == 'access' }.headSeq", Long.class))
        .contains(from);
    var verified = verify();
    assertThat(verified.getBoolean("intact")).as(verified.prettify()).isTrue();
    assertThat(verified.getLong("accessLog.newestCheckpointSeq")).isGreaterThanOrEqualTo(from);
    try (var db = database()) {
      var sql = db.createStatement();
      sql.execute(
          "create temporary table cut as select * from access_log_entry where seq >= " + from);
      sql.execute(TRIGGERS.formatted("disable"));
      try {
        sql.executeUpdate("delete from access_log_entry where seq >= " + from);
        var broken = verify();
        assertThat(broken.getBoolean("intact")).isFalse();
        assertThat(broken.getLong("accessLog.firstBrokenSeq")).isEqualTo(from);
        assertThat(broken.getString("accessLog.problem"))
            .contains("entry " + from)
            .contains("is gone");
        AuditCheckpointsTest.offlineAgreesWithTheApi(publicKeyFile);
      } finally {
        sql.executeUpdate("delete from access_log_entry where seq >= " + from);
        sql.executeUpdate("insert into access_log_entry overriding system value select * from cut");
        sql.execute(TRIGGERS.formatted("enable"));
      }
    }
    assertThat(verify().getBoolean("intact")).isTrue();
  }
}
