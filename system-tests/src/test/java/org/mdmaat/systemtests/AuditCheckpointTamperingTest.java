package org.mdmaat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.Platform;

/**
 * The database superuser against safety-service's signed checkpoints (issue 17, item 6): with the
 * triggers off, (1) an entry rewritten and every later hash recomputed, (2) the newest entries
 * removed below the newest checkpoint, (3) a checkpoint replaced in the table. The service's own
 * verify and the gateway's cross-service verify each report BROKEN naming the entry, with no head
 * kept by anyone; every test restores what it changed.
 *
 * <p>Each test first waits for a checkpoint covering its entries (the services sign once a minute)
 * and tampers right after it, so the next scheduled checkpoint does not sign the forgery.
 */
class AuditCheckpointTamperingTest {
  private static Platform platform;

  @BeforeAll
  static void platform() {
    platform = RunningPlatform.get();
  }

  private Connection safetyAsSuperuser() throws SQLException {
    var postgres = platform.postgres();
    return DriverManager.getConnection(
        postgres.jdbcUrl("safety"), postgres.username(), postgres.password());
  }

  private static JsonPath verify() {
    return Scenario.as(platform, "regulator.fda")
        .when()
        .get("/api/safety/audit/verify")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** Two new safety entries, and a fresh checkpoint covering both: returns {first, signed}. */
  private long[] entriesUnderAFreshCheckpoint() throws SQLException {
    Scenario.placeHold(
        platform, "investigator.sf", Scenario.realParticipant(platform, Scenario.SF), Scenario.SF);
    long first = newest();
    Scenario.placeHold(
        platform, "investigator.sf", Scenario.realParticipant(platform, Scenario.SF), Scenario.SF);
    long last = newest();
    var signed = new long[1];
    Awaitility.await()
        .pollInterval(Duration.ofMillis(500))
        .atMost(Duration.ofMinutes(3))
        .until(
            () -> {
              var v = verify();
              Long seq =
                  v.get("newestCheckpointSeq") == null ? null : v.getLong("newestCheckpointSeq");
              if (v.getBoolean("intact") && seq != null && seq >= last) {
                signed[0] = seq;
                return true;
              }
              return false;
            });
    return new long[] {first, signed[0]};
  }

  private long newest() throws SQLException {
    try (var db = safetyAsSuperuser();
        var rows = db.createStatement().executeQuery("select max(seq) from audit_entry")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /**
   * Broken, naming an entry from {@code from} to {@code to}: the first checkpointed entry of the
   * tampered range (a scheduled checkpoint may have signed one before the newest did).
   */
  private static void assertBroken(long from, long to, String problem) {
    var named =
        org.hamcrest.Matchers.both(org.hamcrest.Matchers.greaterThanOrEqualTo((int) from))
            .and(org.hamcrest.Matchers.lessThanOrEqualTo((int) to));
    Scenario.as(platform, "regulator.fda")
        .when()
        .get("/api/safety/audit/verify")
        .then()
        .statusCode(200)
        .body("intact", equalTo(false))
        .body("firstBrokenSeq", named)
        .body("problem", org.hamcrest.Matchers.containsString(problem));
    Scenario.as(platform, "regulator.fda")
        .when()
        .get("/api/audit/verify")
        .then()
        .statusCode(200)
        .body("intact", equalTo(false))
        .body("services.find { it.service == 'safety' }.status", equalTo("BROKEN"))
        .body("services.find { it.service == 'safety' }.firstBrokenSeq", named);
  }

  private static void assertIntactAgain() {
    Scenario.as(platform, "regulator.fda")
        .when()
        .get("/api/audit/verify")
        .then()
        .statusCode(200)
        .body("intact", equalTo(true));
  }

  @Test
  void anEntryRewrittenWithEveryLaterHashRecomputedIsBroken() throws SQLException {
    var seqs = entriesUnderAFreshCheckpoint();
    long from = seqs[0];
    try (var db = safetyAsSuperuser()) {
      var sql = db.createStatement();
      sql.execute("create temporary table saved as select * from audit_entry where seq >= " + from);
      sql.execute("alter table audit_entry disable trigger user");
      try {
        rewriteForward(db, from);
        assertBroken(from, seqs[1], "rewritten");
      } finally {
        sql.executeUpdate("delete from audit_entry where seq >= " + from);
        sql.executeUpdate("insert into audit_entry overriding system value select * from saved");
        sql.execute("alter table audit_entry enable trigger user");
      }
    }
    assertIntactAgain();
  }

  @Test
  void theNewestEntriesRemovedBelowTheLatestCheckpointAreBroken() throws SQLException {
    var seqs = entriesUnderAFreshCheckpoint();
    long from = seqs[0];
    try (var db = safetyAsSuperuser()) {
      var sql = db.createStatement();
      sql.execute("create temporary table cut as select * from audit_entry where seq >= " + from);
      sql.execute("alter table audit_entry disable trigger user");
      try {
        sql.executeUpdate("delete from audit_entry where seq >= " + from);
        assertBroken(from, seqs[1], "gone");
      } finally {
        sql.executeUpdate("insert into audit_entry overriding system value select * from cut");
        sql.execute("alter table audit_entry enable trigger user");
      }
    }
    assertIntactAgain();
  }

  @Test
  void aCheckpointReplacedInTheDatabaseIsBroken() throws SQLException {
    var seqs = entriesUnderAFreshCheckpoint();
    try (var db = safetyAsSuperuser()) {
      var sql = db.createStatement();
      String id;
      String hash;
      try (var rows =
          sql.executeQuery(
              // chain 'audit': the access log's checkpoints share the table and may sign the
              // same seq of their own chain
              "select id, head_hash from audit_checkpoint where chain = 'audit' and head_seq = "
                  + seqs[1]
                  + " order by signed_at limit 1")) {
        assertThat(rows.next()).isTrue();
        id = rows.getString(1);
        hash = rows.getString(2);
      }
      sql.execute("alter table audit_checkpoint disable trigger user");
      try {
        sql.executeUpdate(
            "update audit_checkpoint set head_hash = '"
                + "b".repeat(64)
                + "' where id = '"
                + id
                + "'");
        assertBroken(seqs[1], seqs[1], "not validly signed");
      } finally {
        sql.executeUpdate(
            "update audit_checkpoint set head_hash = '" + hash + "' where id = '" + id + "'");
        sql.execute("alter table audit_checkpoint enable trigger user");
      }
    }
    assertIntactAgain();
  }

  /** Changes entry {@code from}'s reason and recomputes its hash and every later one. */
  private static void rewriteForward(Connection db, long from) throws SQLException {
    String previous;
    try (var rows =
        db.createStatement()
            .executeQuery(
                "select hash from audit_entry where seq < "
                    + from
                    + " order by seq desc limit 1")) {
      previous = rows.next() ? rows.getString(1) : "0".repeat(64);
    }
    try (var rows =
            db.createStatement()
                .executeQuery(
                    "select seq, id, occurred_at, actor, actor_roles, entity_type, entity_id,"
                        + " action, before_state, after_state, reason, trial_id,"
                        + " participant_code, correlation_id from audit_entry where seq >= "
                        + from
                        + " order by seq");
        var update =
            db.prepareStatement(
                "update audit_entry set reason = ?, prev_hash = ?, hash = ? where seq = ?")) {
      boolean first = true;
      while (rows.next()) {
        var reason = first ? "nothing to see here" : rows.getString(11);
        var seq = rows.getLong(1);
        var hash =
            hash(
                rows.getString(2),
                rows.getObject(3, java.time.OffsetDateTime.class),
                rows.getString(4),
                rows.getString(5),
                rows.getString(6),
                rows.getString(7),
                rows.getString(8),
                rows.getString(9),
                rows.getString(10),
                reason,
                rows.getString(12),
                rows.getString(13),
                rows.getString(14),
                previous);
        update.setString(1, reason);
        update.setString(2, previous);
        update.setString(3, hash);
        update.setLong(4, seq);
        update.executeUpdate();
        previous = hash;
        first = false;
      }
    }
  }

  /** The entry hash as platform's README defines it (what an attacker can recompute too). */
  private static String hash(String id, java.time.OffsetDateTime at, String... fieldsAfterTime) {
    try {
      var digest = java.security.MessageDigest.getInstance("SHA-256");
      var time =
          java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
              .format(at.withOffsetSameInstant(java.time.ZoneOffset.UTC));
      var fields = new java.util.ArrayList<String>();
      fields.add("mdmaat-audit-v1");
      fields.add(id);
      fields.add(time);
      fields.addAll(java.util.Arrays.asList(fieldsAfterTime));
      for (var field : fields) {
        if (field == null) {
          digest.update(java.nio.ByteBuffer.allocate(4).putInt(-1).array());
        } else {
          var bytes = field.getBytes(java.nio.charset.StandardCharsets.UTF_8);
          digest.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
          digest.update(bytes);
        }
      }
      return java.util.HexFormat.of().formatHex(digest.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
