package org.mdmaat.platform.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.mdmaat.platform.Services.as;
import static org.mdmaat.platform.Services.database;
import static org.mdmaat.platform.Services.unique;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.KeycloakServer;
import org.mdmaat.devstack.PostgresResource;

@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "platform"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
class AuditTrailTest {
  static final String API = "/api/platform";

  static Map<String, Object> specimen(String name) {
    return Map.of(
        "name",
        name,
        "siteCode",
        "US-SF-01",
        "dose",
        120,
        "labels",
        List.of(Map.of("code", "A", "weight", 1)));
  }

  static String create(String name) {
    return as("coordinator.sf")
        .contentType("application/json")
        .body(specimen(name))
        .when()
        .post(API + "/specimens")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  static JsonPath auditOf(String participantCode) {
    return as("regulator.fda")
        .queryParam("participantCode", participantCode)
        .when()
        .get(API + "/audit")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  static JsonPath verify() {
    return as("regulator.fda")
        .when()
        .get(API + "/audit/verify")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void aChangeIsAuditedInItsTransactionWithWhoWhatAndWhy() {
    var name = unique("S");
    var id =
        as("coordinator.sf")
            .header("X-Correlation-Id", "trace-" + name)
            .contentType("application/json")
            .body(specimen(name))
            .when()
            .post(API + "/specimens")
            .then()
            .statusCode(201)
            .extract()
            .<String>path("id");
    as("coordinator.sf")
        .when()
        .post(API + "/specimens/{id}/status/STORED", id)
        .then()
        .statusCode(200);

    var audit = auditOf(name);
    assertThat(audit.getList("items")).hasSize(2);
    assertThat(audit.getString("items[0].action")).isEqualTo("CREATE");
    assertThat(audit.getString("items[0].actor")).isEqualTo("coordinator.sf");
    assertThat(audit.getString("items[0].actorRoles")).contains("site-coordinator");
    assertThat(audit.getString("items[0].entityType")).isEqualTo("Specimen");
    assertThat(audit.getString("items[0].entityId")).isEqualTo(id);
    assertThat(audit.getString("items[0].trialId")).isEqualTo("MAPP-TEST");
    assertThat(audit.getString("items[0].correlationId")).isEqualTo("trace-" + name);
    assertThat(audit.getString("items[0].hash")).matches("[0-9a-f]{64}");
    assertThat(audit.getString("items[0].occurredAt")).endsWith("Z");
    assertThat(Instant.parse(audit.getString("items[0].occurredAt")))
        .isBefore(Instant.now().plusSeconds(5));
    assertThat(audit.<Object>get("items[0].before")).isNull();
    // before/after are embedded JSON, not strings.
    assertThat(audit.getString("items[0].after.status")).isEqualTo("RECEIVED");
    assertThat(audit.getString("items[1].action")).isEqualTo("TRANSITION");
    assertThat(audit.getString("items[1].before.status")).isEqualTo("RECEIVED");
    assertThat(audit.getString("items[1].after.status")).isEqualTo("STORED");
    assertThat(audit.getString("items[1].reason")).isEqualTo("moved by test");
    assertThat(audit.getLong("items[1].seq")).isGreaterThan(audit.getLong("items[0].seq"));
    assertThat(verify().getBoolean("intact")).isTrue();
  }

  /**
   * Each entry names the W3C trace of the request that wrote it (the server span continues the
   * caller's traceparent), beside the correlation id; the chain still verifies.
   */
  @Test
  void anEntryCarriesTheTraceIdOfTheRequest() {
    var name = unique("S");
    var traceId = randomTraceId();
    as("coordinator.sf")
        .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
        .header("X-Correlation-Id", "trace-" + name)
        .contentType("application/json")
        .body(specimen(name))
        .when()
        .post(API + "/specimens")
        .then()
        .statusCode(201);
    // Without a traceparent the request starts a trace of its own: still a trace id.
    var other = unique("S");
    as("coordinator.sf")
        .contentType("application/json")
        .body(specimen(other))
        .when()
        .post(API + "/specimens")
        .then()
        .statusCode(201);

    var audit = auditOf(name);
    assertThat(audit.getString("items[0].traceId")).isEqualTo(traceId);
    assertThat(audit.getString("items[0].correlationId")).isEqualTo("trace-" + name);
    assertThat(auditOf(other).getString("items[0].traceId"))
        .matches("[0-9a-f]{32}")
        .isNotEqualTo(traceId);
    assertThat(verify().getBoolean("intact")).isTrue();
  }

  static String randomTraceId() {
    return java.util.UUID.randomUUID().toString().replace("-", "");
  }

  @Test
  void aFailedChangeLeavesNeitherRecordNorAuditEntry() throws Exception {
    var name = unique("S");
    as("coordinator.sf")
        .contentType("application/json")
        .body(specimen(name))
        .when()
        .post(API + "/specimens/half-written")
        .then()
        .statusCode(422)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("TEST-0422"));

    assertThat(auditOf(name).getList("items")).isEmpty();
    given()
        .when()
        .get(API + "/specimens/count/{name}", name)
        .then()
        .statusCode(200)
        .body(equalTo("0"));
    try (var db = database();
        var rows = db.prepareStatement("select count(*) from outbox_event where message_key = ?")) {
      rows.setString(1, name);
      var result = rows.executeQuery();
      result.next();
      assertThat(result.getLong(1)).isZero();
    }
    // An illegal transition is refused as a conflict and audited nowhere either.
    var id = create(unique("S"));
    as("coordinator.sf")
        .when()
        .post(API + "/specimens/{id}/status/DISPOSED", id)
        .then()
        .statusCode(200);
    as("coordinator.sf")
        .when()
        .post(API + "/specimens/{id}/status/STORED", id)
        .then()
        .statusCode(409)
        .body("code", equalTo("TEST-0409"));
    assertThat(verify().getBoolean("intact")).isTrue();
  }

  @Test
  void concurrentWritersKeepOneLinearChain() throws Exception {
    long before = verify().getLong("entriesChecked");
    String token = KeycloakServer.shared().accessToken("coordinator.sf", "demo");
    var pool = Executors.newFixedThreadPool(8);
    try {
      var writes = new ArrayList<Callable<Integer>>();
      for (int i = 0; i < 40; i++) {
        var name = unique("C");
        writes.add(
            () ->
                given()
                    .auth()
                    .oauth2(token)
                    .contentType("application/json")
                    .body(specimen(name))
                    .when()
                    .post(API + "/specimens")
                    .then()
                    .extract()
                    .statusCode());
      }
      for (var result : pool.invokeAll(writes)) {
        assertThat(result.get()).isEqualTo(201);
      }
    } finally {
      pool.shutdown();
    }

    var verification = verify();
    assertThat(verification.getBoolean("intact")).as(verification.prettify()).isTrue();
    assertThat(verification.getLong("entriesChecked")).isGreaterThanOrEqualTo(before + 40);
    // Linear: no two entries claim the same predecessor.
    try (var db = database();
        var forks =
            db.createStatement()
                .executeQuery("select count(*) - count(distinct prev_hash) from audit_entry")) {
      forks.next();
      assertThat(forks.getLong(1)).isZero();
    }
  }

  @Test
  void verifyNamesATamperedEntryAndItsSuccessorAfterADeletion() throws Exception {
    create(unique("T"));
    var name = unique("T");
    var id = create(name);
    as("coordinator.sf")
        .when()
        .post(API + "/specimens/{id}/status/STORED", id)
        .then()
        .statusCode(200);
    var entries = auditOf(name);
    long target = entries.getLong("items[0].seq");
    long successor;
    try (var db = database();
        var next =
            db.createStatement()
                .executeQuery("select min(seq) from audit_entry where seq > " + target)) {
      next.next();
      successor = next.getLong(1);
    }
    assertThat(successor).isEqualTo(entries.getLong("items[1].seq"));
    assertThat(verify().getBoolean("intact")).isTrue();

    // The table refuses changes...
    try (var db = database()) {
      assertThatThrownBy(
              () ->
                  db.createStatement()
                      .executeUpdate("update audit_entry set reason = 'x' where seq = " + target))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("append-only");
      assertThatThrownBy(
              () ->
                  db.createStatement()
                      .executeUpdate("delete from audit_entry where seq = " + target))
          .hasMessageContaining("append-only");
    }

    // ...but its owner can switch the guard off. The chain still shows the change.
    try (var db = database()) {
      var sql = db.createStatement();
      sql.execute("alter table audit_entry disable trigger audit_entry_no_update_or_delete");
      try {
        var stored = sql.executeQuery("select after_state from audit_entry where seq = " + target);
        stored.next();
        String original = stored.getString(1);
        try (var change =
            db.prepareStatement("update audit_entry set after_state = ? where seq = ?")) {
          change.setString(1, original.replace("\"dose\":120", "\"dose\":12"));
          change.setLong(2, target);
          assertThat(change.executeUpdate()).isEqualTo(1);
          var altered = verify();
          assertThat(altered.getBoolean("intact")).isFalse();
          assertThat(altered.getLong("firstBrokenSeq")).isEqualTo(target);
          assertThat(altered.getString("problem")).contains("entry " + target);
          change.setString(1, original);
          change.executeUpdate();
        }
        assertThat(verify().getBoolean("intact")).isTrue();

        sql.execute(
            "create temporary table removed as select * from audit_entry where seq = " + target);
        sql.executeUpdate("delete from audit_entry where seq = " + target);
        var deleted = verify();
        assertThat(deleted.getBoolean("intact")).isFalse();
        assertThat(deleted.getLong("firstBrokenSeq")).isEqualTo(successor);
        sql.executeUpdate("insert into audit_entry overriding system value select * from removed");
      } finally {
        sql.execute("alter table audit_entry enable trigger audit_entry_no_update_or_delete");
      }
    }
    assertThat(verify().getBoolean("intact")).isTrue();
  }

  @Test
  void aKeptHeadShowsTheNewestEntriesBeingRemoved() throws Exception {
    var name = unique("T");
    create(name);
    var head =
        as("regulator.fda")
            .when()
            .get(API + "/audit/head")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    long seq = head.getLong("seq");
    String hash = head.getString("hash");
    assertThat(seq).isEqualTo(auditOf(name).getLong("items[0].seq"));
    assertThat(anchored(seq, hash).getBoolean("intact")).isTrue();

    try (var db = database()) {
      var sql = db.createStatement();
      sql.execute("alter table audit_entry disable trigger audit_entry_no_update_or_delete");
      try {
        // Cut the chain back to before the kept head: what is left still links up...
        sql.execute("create temporary table cut as select * from audit_entry where seq >= " + seq);
        sql.executeUpdate("delete from audit_entry where seq >= " + seq);
        assertThat(verify().getBoolean("intact")).isTrue();
        // ...and only the anchor shows the loss.
        var truncated = anchored(seq, hash);
        assertThat(truncated.getBoolean("intact")).isFalse();
        assertThat(truncated.getLong("firstBrokenSeq")).isEqualTo(seq);
        assertThat(truncated.getString("problem")).contains("removed");
        sql.executeUpdate("insert into audit_entry overriding system value select * from cut");
      } finally {
        sql.execute("alter table audit_entry enable trigger audit_entry_no_update_or_delete");
      }
    }
    assertThat(anchored(seq, hash).getBoolean("intact")).isTrue();
    // A hash that was never the head's is named too.
    var wrong = anchored(seq, "0".repeat(64));
    assertThat(wrong.getBoolean("intact")).isFalse();
    assertThat(wrong.getString("problem")).contains("no longer has the hash");
    as("regulator.fda")
        .queryParam("anchorSeq", seq)
        .queryParam("anchorHash", "not-a-hash")
        .when()
        .get(API + "/audit/verify")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("anchorHash"));
    as("coordinator.sf").when().get(API + "/audit/head").then().statusCode(403);
  }

  static JsonPath anchored(long seq, String hash) {
    return as("regulator.fda")
        .queryParam("anchorSeq", seq)
        .queryParam("anchorHash", hash)
        .when()
        .get(API + "/audit/verify")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void pagesByKeysetWithFilters() {
    var name = unique("P");
    var id = create(name);
    as("coordinator.sf")
        .when()
        .post(API + "/specimens/{id}/status/STORED", id)
        .then()
        .statusCode(200);
    as("coordinator.sf")
        .when()
        .post(API + "/specimens/{id}/status/DISPOSED", id)
        .then()
        .statusCode(200);

    var first =
        as("regulator.fda")
            .queryParams(Map.of("entityType", "Specimen", "entityId", id, "limit", 2))
            .when()
            .get(API + "/audit")
            .then()
            .statusCode(200)
            .body("items", hasSize(2))
            .extract()
            .jsonPath();
    long next = first.getLong("nextAfter");
    assertThat(next).isEqualTo(first.getLong("items[1].seq"));
    as("regulator.fda")
        .queryParams(Map.of("entityId", id, "limit", 2, "after", next))
        .when()
        .get(API + "/audit")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].action", equalTo("TRANSITION"))
        .body("items[0].after.status", equalTo("DISPOSED"))
        .body("nextAfter", equalTo(null));

    as("regulator.fda")
        .queryParams(
            Map.of(
                "actor",
                "coordinator.sf",
                "participantCode",
                name,
                "from",
                Instant.now().minusSeconds(600).toString(),
                "to",
                Instant.now().plusSeconds(600).toString()))
        .when()
        .get(API + "/audit")
        .then()
        .body("items", hasSize(3));
    as("regulator.fda")
        .queryParams(Map.of("participantCode", name, "to", "2000-01-01T00:00:00Z"))
        .when()
        .get(API + "/audit")
        .then()
        .body("items", hasSize(0));
  }

  @Test
  void refusesBadPagingAndEveryoneButRegulators() {
    for (var query :
        List.of(
            Map.of("limit", "0"),
            Map.of("limit", "1001"),
            Map.of("after", "abc"),
            Map.of("from", "yesterday"))) {
      as("regulator.fda")
          .queryParams(query)
          .when()
          .get(API + "/audit")
          .then()
          .statusCode(400)
          .contentType(startsWith("application/problem+json"))
          .body("violations[0].field", equalTo(query.keySet().iterator().next()));
    }
    given().when().get(API + "/audit/verify").then().statusCode(401);
    as("coordinator.sf")
        .when()
        .get(API + "/audit")
        .then()
        .statusCode(403)
        .contentType(startsWith("application/problem+json"));
  }
}
