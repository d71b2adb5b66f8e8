package org.mdmaat.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mdmaat.platform.Services.as;
import static org.mdmaat.platform.Services.database;
import static org.mdmaat.platform.Services.unique;
import static org.mdmaat.platform.audit.AuditTrailTest.create;
import static org.mdmaat.platform.audit.AuditTrailTest.verify;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;

/**
 * Signed checkpoints against a database superuser (issue 17): with the triggers disabled, a chain
 * rewritten and re-hashed forward, the newest entries removed below the newest checkpoint, or a
 * checkpoint replaced in the table, verify reports the chain broken and names the entry. Every test
 * restores what it changed. (Checkpoints are made by the test: interval off in this profile.)
 */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "platform"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
class AuditCheckpointsTest {
  private static final String TRIGGERS = "alter table %s %s trigger user";

  @Inject AuditCheckpoints checkpoints;

  @ConfigProperty(name = "platform.audit.checkpoint.sink-dir")
  Path sinkDir;

  @ConfigProperty(name = "platform.audit.checkpoint.public-key-file")
  Path publicKeyFile;

  private Checkpoint checkpointNow() {
    return checkpoints.checkpoint().await().atMost(Duration.ofSeconds(30));
  }

  @Test
  void theHeadIsSignedAndKeptInTheTableAndOutsideTheDatabase() throws Exception {
    create(unique("C"));
    var checkpoint = checkpointNow();
    long head;
    try (var db = database();
        var rows = db.createStatement().executeQuery("select max(seq) from audit_entry")) {
      rows.next();
      head = rows.getLong(1);
    }
    assertThat(checkpoint.headSeq()).isEqualTo(head);
    assertThat(checkpoint.service()).isEqualTo("platform-test");
    assertThat(Checkpoints.signedBy(checkpoint, checkpoints.publicKey())).isTrue();
    try (var db = database();
        var rows =
            db.createStatement()
                .executeQuery(
                    "select head_hash, signature from audit_checkpoint where id = '"
                        + checkpoint.id()
                        + "'")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo(checkpoint.headHash());
      assertThat(rows.getString(2)).isEqualTo(checkpoint.signature());
    }
    String outside;
    try (Stream<Path> files = Files.list(sinkDir)) {
      outside =
          files
              .map(
                  file -> {
                    try {
                      return Files.readString(file);
                    } catch (java.io.IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .reduce("", String::concat);
    }
    assertThat(outside).contains(checkpoint.id().toString()).contains(checkpoint.signature());
    var verification = verify();
    assertThat(verification.getBoolean("intact")).as(verification.prettify()).isTrue();
    assertThat(verification.getInt("checkpointsChecked")).isGreaterThanOrEqualTo(2);
    assertThat(verification.getLong("newestCheckpointSeq")).isEqualTo(head);
    offlineAgreesWithTheApi();
  }

  @Test
  void aChainRewrittenAndReHashedForwardBySuperuserIsBroken() throws Exception {
    create(unique("C"));
    long from = newestSeq();
    create(unique("C"));
    var checkpoint = checkpointNow();
    assertThat(verify().getBoolean("intact")).isTrue();
    try (var db = database()) {
      var sql = db.createStatement();
      sql.execute("create temporary table saved as select * from audit_entry where seq >= " + from);
      sql.execute(TRIGGERS.formatted("audit_entry", "disable"));
      try {
        rewriteForward(db, from);
        var broken = verify();
        assertThat(broken.getBoolean("intact")).isFalse();
        assertThat(broken.getLong("firstBrokenSeq")).isEqualTo(checkpoint.headSeq());
        assertThat(broken.getString("problem"))
            .contains("entry " + checkpoint.headSeq())
            .contains("rewritten");
        offlineAgreesWithTheApi();
      } finally {
        sql.executeUpdate("delete from audit_entry where seq >= " + from);
        sql.executeUpdate("insert into audit_entry overriding system value select * from saved");
        sql.execute(TRIGGERS.formatted("audit_entry", "enable"));
      }
    }
    assertThat(verify().getBoolean("intact")).isTrue();
  }

  @Test
  void theNewestEntriesRemovedBelowTheNewestCheckpointAreBroken() throws Exception {
    create(unique("C"));
    long from = newestSeq();
    create(unique("C"));
    var checkpoint = checkpointNow();
    try (var db = database()) {
      var sql = db.createStatement();
      sql.execute("create temporary table cut as select * from audit_entry where seq >= " + from);
      sql.execute(TRIGGERS.formatted("audit_entry", "disable"));
      try {
        sql.executeUpdate("delete from audit_entry where seq >= " + from);
        var broken = verify();
        assertThat(broken.getBoolean("intact")).isFalse();
        assertThat(broken.getLong("firstBrokenSeq")).isEqualTo(checkpoint.headSeq());
        assertThat(broken.getString("problem")).contains("gone");
        offlineAgreesWithTheApi();
      } finally {
        sql.executeUpdate("insert into audit_entry overriding system value select * from cut");
        sql.execute(TRIGGERS.formatted("audit_entry", "enable"));
      }
    }
    assertThat(verify().getBoolean("intact")).isTrue();
  }

  @Test
  void aCheckpointReplacedInTheTableIsBroken() throws Exception {
    create(unique("C"));
    var checkpoint = checkpointNow();
    try (var db = database()) {
      var sql = db.createStatement();
      sql.execute(TRIGGERS.formatted("audit_checkpoint", "disable"));
      try {
        sql.executeUpdate(
            "update audit_checkpoint set head_hash = '"
                + "a".repeat(64)
                + "' where id = '"
                + checkpoint.id()
                + "'");
        var broken = verify();
        assertThat(broken.getBoolean("intact")).isFalse();
        assertThat(broken.getLong("firstBrokenSeq")).isEqualTo(checkpoint.headSeq());
        assertThat(broken.getString("problem")).contains("not validly signed");
        offlineAgreesWithTheApi();
      } finally {
        sql.executeUpdate(
            "update audit_checkpoint set head_hash = '"
                + checkpoint.headHash()
                + "' where id = '"
                + checkpoint.id()
                + "'");
        sql.execute(TRIGGERS.formatted("audit_checkpoint", "enable"));
      }
    }
    assertThat(verify().getBoolean("intact")).isTrue();
  }

  private void offlineAgreesWithTheApi() throws Exception {
    offlineAgreesWithTheApi(publicKeyFile);
  }

  /**
   * The inspector's view: the entries, the access log and the checkpoints of both as the API gives
   * them, and the public key, checked by audit-verifier with no database; its answer must be the
   * API's. (Reading the access log for the export adds entries to it after the API's verify.)
   */
  static void offlineAgreesWithTheApi(Path publicKeyFile) throws Exception {
    var api = verify();
    var dir = Files.createTempDirectory("audit-export").resolve("platform");
    Files.createDirectories(dir.resolve("checkpoints"));
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var entries = new StringBuilder();
    String after = "0";
    while (after != null) {
      var page =
          json.readTree(
              as("regulator.fda")
                  .queryParam("after", after)
                  .queryParam("limit", 1000)
                  .when()
                  .get(AuditTrailTest.API + "/audit")
                  .then()
                  .statusCode(200)
                  .extract()
                  .asString());
      page.get("items").forEach(item -> entries.append(item.toString()).append('\n'));
      after = page.get("nextAfter").isNull() ? null : page.get("nextAfter").asText();
    }
    Files.writeString(dir.resolve("entries.ndjson"), entries);
    var checkpointLines = new StringBuilder();
    json.readTree(
            as("regulator.fda")
                .when()
                .get(AuditTrailTest.API + "/audit/checkpoints")
                .then()
                .statusCode(200)
                .extract()
                .asString())
        .forEach(checkpoint -> checkpointLines.append(checkpoint.toString()).append('\n'));
    Files.writeString(dir.resolve("checkpoints/api.ndjson"), checkpointLines);
    var accessCheckpoints = new StringBuilder();
    json.readTree(
            as("regulator.fda")
                .when()
                .get(AuditTrailTest.API + "/audit/access-log/checkpoints")
                .then()
                .statusCode(200)
                .extract()
                .asString())
        .forEach(checkpoint -> accessCheckpoints.append(checkpoint.toString()).append('\n'));
    Files.writeString(dir.resolve("checkpoints/api-access.ndjson"), accessCheckpoints);
    var accessLog = new StringBuilder();
    for (int page = 0; ; page++) {
      var items =
          json.readTree(
                  as("regulator.fda")
                      .queryParam("page", page)
                      .queryParam("size", 200)
                      .when()
                      .get(AuditTrailTest.API + "/audit/access-log")
                      .then()
                      .statusCode(200)
                      .extract()
                      .asString())
              .get("items");
      if (items.isEmpty()) {
        break;
      }
      items.forEach(item -> accessLog.append(item.toString()).append('\n'));
    }
    Files.writeString(dir.resolve("access-log.ndjson"), accessLog);
    Files.copy(publicKeyFile, dir.resolve("public-key.pem"));

    var offline = org.mdmaat.auditverifier.OfflineVerifier.verify(dir);

    assertThat(offline.intact()).as(offline.line()).isEqualTo(api.getBoolean("intact"));
    if (!offline.intact()) {
      assertThat(offline.firstBrokenSeq()).isEqualTo(api.getObject("firstBrokenSeq", Long.class));
      assertThat(offline.problem()).isEqualTo(api.getString("problem"));
    } else {
      assertThat(offline.entriesChecked()).isEqualTo(api.getLong("entriesChecked"));
    }
  }

  private static long newestSeq() throws SQLException {
    try (var db = database();
        var rows = db.createStatement().executeQuery("select max(seq) from audit_entry")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** What an attacker with the database would do: change entry {@code from}, re-hash onwards. */
  private static void rewriteForward(Connection db, long from) throws SQLException {
    String previous;
    try (var rows =
        db.createStatement()
            .executeQuery(
                "select hash from audit_entry where seq < "
                    + from
                    + " order by seq desc limit 1")) {
      previous = rows.next() ? rows.getString(1) : AuditEntry.GENESIS;
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
                "update audit_entry set after_state = ?, prev_hash = ?, hash = ? where seq = ?")) {
      boolean first = true;
      while (rows.next()) {
        var after = first ? "{\"rewritten\":true}" : rows.getString(10);
        var entry =
            new AuditEntry(
                rows.getObject(2, java.util.UUID.class),
                rows.getObject(3, java.time.OffsetDateTime.class).toInstant(),
                rows.getString(4),
                rows.getString(5),
                rows.getString(6),
                rows.getString(7),
                rows.getString(8),
                rows.getString(9),
                after,
                rows.getString(11),
                rows.getString(12),
                rows.getString(13),
                rows.getString(14));
        entry.link(previous);
        update.setString(1, after);
        update.setString(2, entry.getPrevHash());
        update.setString(3, entry.getHash());
        update.setLong(4, rows.getLong(1));
        update.executeUpdate();
        previous = entry.getHash();
        first = false;
      }
    }
    // The forgery is consistent: without checkpoints the chain would pass.
    var verifier = new ChainVerifier();
    try (var rows =
        db.createStatement()
            .executeQuery(
                "select seq, id, occurred_at, actor, actor_roles, entity_type, entity_id, action,"
                    + " before_state, after_state, reason, trial_id, participant_code,"
                    + " correlation_id, prev_hash, hash from audit_entry order by seq")) {
      while (rows.next()) {
        verifier.accept(
            AuditEntry.stored(
                rows.getLong(1),
                rows.getObject(2, java.util.UUID.class),
                rows.getObject(3, java.time.OffsetDateTime.class).toInstant(),
                rows.getString(4),
                rows.getString(5),
                rows.getString(6),
                rows.getString(7),
                rows.getString(8),
                rows.getString(9),
                rows.getString(10),
                rows.getString(11),
                rows.getString(12),
                rows.getString(13),
                rows.getString(14),
                rows.getString(15),
                rows.getString(16)));
      }
    }
    assertThat(verifier.intact()).as("the re-hashed chain links up on its own").isTrue();
  }
}
