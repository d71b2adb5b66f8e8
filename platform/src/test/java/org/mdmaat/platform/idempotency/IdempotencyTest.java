package org.mdmaat.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.mdmaat.platform.Services.as;
import static org.mdmaat.platform.Services.database;
import static org.mdmaat.platform.Services.unique;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;

@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "platform"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
class IdempotencyTest {
  static final String API = "/api/platform";

  static Map<String, Object> specimen(String name, String site, int dose) {
    return Map.of("name", name, "siteCode", site, "dose", dose);
  }

  static Response post(String user, String path, String key, Object body) {
    var request = as(user).contentType("application/json").body(body);
    if (key != null) {
      request = request.header(IdempotencyFilter.HEADER, key);
    }
    return request.when().post(API + path);
  }

  /** Specimens written with this name, and audit entries written for them. */
  static long[] written(String name) throws Exception {
    try (var db = database();
        var specimens = db.prepareStatement("select count(*) from specimen where name = ?");
        var audits =
            db.prepareStatement(
                "select count(*) from audit_entry where entity_type = 'Specimen'"
                    + " and participant_code = ?")) {
      specimens.setString(1, name);
      audits.setString(1, name);
      try (var s = specimens.executeQuery();
          var a = audits.executeQuery()) {
        s.next();
        a.next();
        return new long[] {s.getLong(1), a.getLong(1)};
      }
    }
  }

  @Test
  void aRetryAnswersTheStoredResponseAndWritesNothingTwice() throws Exception {
    var name = unique("idem");
    var key = UUID.randomUUID().toString();
    var first = post("coordinator.sf", "/specimens/registered", key, specimen(name, "US-SF-01", 5));
    first.then().statusCode(201).header(IdempotencyFilter.REPLAYED_HEADER, (String) null);
    assertThat(written(name)).containsExactly(1, 1);

    var retry = post("coordinator.sf", "/specimens/registered", key, specimen(name, "US-SF-01", 5));
    retry
        .then()
        .statusCode(201)
        .header(IdempotencyFilter.REPLAYED_HEADER, "true")
        .header("Location", first.header("Location"))
        .contentType("application/json");
    assertThat(first.header("Location")).endsWith((String) first.path("id"));
    assertThat(retry.jsonPath().getMap("")).isEqualTo(first.jsonPath().getMap(""));
    assertThat(written(name)).containsExactly(1, 1);

    // Without a key the same request is a new one.
    post("coordinator.sf", "/specimens/registered", null, specimen(name, "US-SF-01", 5))
        .then()
        .statusCode(201);
    assertThat(written(name)).containsExactly(2, 2);
  }

  @Test
  void theSameKeyWithAnotherBodyOrPathIsRefusedWith422() throws Exception {
    var name = unique("idem");
    var key = UUID.randomUUID().toString();
    post("coordinator.sf", "/specimens", key, specimen(name, "US-SF-01", 5)).then().statusCode(201);

    post("coordinator.sf", "/specimens", key, specimen(name, "US-SF-01", 6))
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("code", equalTo("PLATFORM-0422-IDEMPOTENCY-KEY"));
    post("coordinator.sf", "/specimens/registered", key, specimen(name, "US-SF-01", 5))
        .then()
        .statusCode(422)
        .body("code", equalTo("PLATFORM-0422-IDEMPOTENCY-KEY"));
    assertThat(written(name)).containsExactly(1, 1);
  }

  @Test
  void anotherCallersKeyIsTheirsAlone() throws Exception {
    var key = UUID.randomUUID().toString();
    var sf = unique("idem");
    var bos = unique("idem");
    var first = post("coordinator.sf", "/specimens", key, specimen(sf, "US-SF-01", 5));
    first.then().statusCode(201);

    // The same key from another caller is theirs: it runs (no 422 for sf's body), written once.
    var theirs = post("coordinator.bos", "/specimens", key, specimen(bos, "US-BOS-02", 5));
    theirs.then().statusCode(201).header(IdempotencyFilter.REPLAYED_HEADER, (String) null);
    assertThat((String) theirs.path("id")).isNotEqualTo(first.path("id"));
    // sf's request under that key is never answered to them with sf's answer.
    post("coordinator.bos", "/specimens", key, specimen(sf, "US-SF-01", 5))
        .then()
        .statusCode(422)
        .body("code", equalTo("PLATFORM-0422-IDEMPOTENCY-KEY"));
    // Each retry answers each caller's own first answer.
    post("coordinator.bos", "/specimens", key, specimen(bos, "US-BOS-02", 5))
        .then()
        .statusCode(201)
        .header(IdempotencyFilter.REPLAYED_HEADER, "true")
        .body("id", equalTo(theirs.path("id")));
    post("coordinator.sf", "/specimens", key, specimen(sf, "US-SF-01", 5))
        .then()
        .statusCode(201)
        .header(IdempotencyFilter.REPLAYED_HEADER, "true")
        .body("id", equalTo(first.path("id")));
    assertThat(written(bos)).containsExactly(1, 1);
    assertThat(written(sf)).containsExactly(1, 1);
  }

  @Test
  void concurrentRequestsWithOneKeyExecuteOnce() throws Exception {
    var name = unique("idem");
    var key = UUID.randomUUID().toString();
    var pool = Executors.newFixedThreadPool(8);
    try {
      var calls = new ArrayList<Callable<Response>>();
      for (int i = 0; i < 8; i++) {
        calls.add(() -> post("coordinator.sf", "/specimens", key, specimen(name, "US-SF-01", 5)));
      }
      var statuses = new ArrayList<Integer>();
      var ids = new ArrayList<String>();
      for (var answer : pool.invokeAll(calls)) {
        var response = answer.get();
        statuses.add(response.statusCode());
        if (response.statusCode() == 201) {
          ids.add(response.path("id"));
        } else {
          response.then().body("code", equalTo("PLATFORM-0409-IDEMPOTENCY-KEY"));
        }
      }
      // Each one either ran, was replayed or was told the first is still running: never twice.
      assertThat(statuses).containsOnly(201, 409).contains(201);
      assertThat(ids).containsOnly(ids.get(0));
      assertThat(written(name)).containsExactly(1, 1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aKeyWhoseFirstRequestHasNotAnsweredIsRefusedWith409() throws Exception {
    // As a crash after the business commit leaves it: reserved, never answered.
    var name = unique("idem");
    var key = UUID.randomUUID().toString();
    var body = "{\"name\":\"" + name + "\",\"siteCode\":\"US-SF-01\",\"dose\":5}";
    try (var db = database();
        var insert =
            db.prepareStatement(
                "insert into idempotency_key (subject, idempotency_key, fingerprint, method, path,"
                    + " state, created_at, expires_at) values (?, ?, ?, 'POST', ?, 'IN_FLIGHT',"
                    + " now(), now() + interval '1 hour')")) {
      insert.setString(1, subjectOf("coordinator.sf"));
      insert.setString(2, key);
      insert.setString(
          3,
          IdempotencyFilter.fingerprint(
              "POST", API + "/specimens", body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      insert.setString(4, API + "/specimens");
      insert.executeUpdate();
    }
    as("coordinator.sf")
        .contentType("application/json")
        .header(IdempotencyFilter.HEADER, key)
        .body(body)
        .when()
        .post(API + "/specimens")
        .then()
        .statusCode(409)
        .body("code", equalTo("PLATFORM-0409-IDEMPOTENCY-KEY"));
    assertThat(written(name)).containsExactly(0, 0);

    // Once expired, the key is taken over by a new request, which runs.
    try (var db = database();
        var expire =
            db.prepareStatement(
                "update idempotency_key set expires_at = now() - interval '1 second'"
                    + " where idempotency_key = ?")) {
      expire.setString(1, key);
      expire.executeUpdate();
    }
    as("coordinator.sf")
        .contentType("application/json")
        .header(IdempotencyFilter.HEADER, key)
        .body(body)
        .when()
        .post(API + "/specimens")
        .then()
        .statusCode(201);
    assertThat(written(name)).containsExactly(1, 1);
  }

  @Test
  void aFinal4xxIsReplayedButA5xxReleasesTheKey() throws Exception {
    var name = unique("idem");
    var key = UUID.randomUUID().toString();
    var refused =
        post("coordinator.sf", "/specimens/half-written", key, specimen(name, "US-SF-01", 5));
    refused.then().statusCode(422).body("code", equalTo("TEST-0422"));
    post("coordinator.sf", "/specimens/half-written", key, specimen(name, "US-SF-01", 5))
        .then()
        .statusCode(422)
        .header(IdempotencyFilter.REPLAYED_HEADER, "true")
        .contentType("application/problem+json")
        .body("code", equalTo("TEST-0422"))
        .body("traceId", equalTo(refused.path("traceId")));
    assertThat(written(name)).containsExactly(0, 0);

    var flaky = unique("idem");
    var flakyKey = UUID.randomUUID().toString();
    post("coordinator.sf", "/specimens/flaky", flakyKey, specimen(flaky, "US-SF-01", 5))
        .then()
        .statusCode(500);
    assertThat(written(flaky)).containsExactly(0, 0);
    // Not kept: the retry runs the request, and its success is what the key answers from now on.
    var ran = post("coordinator.sf", "/specimens/flaky", flakyKey, specimen(flaky, "US-SF-01", 5));
    ran.then().statusCode(201).header(IdempotencyFilter.REPLAYED_HEADER, (String) null);
    post("coordinator.sf", "/specimens/flaky", flakyKey, specimen(flaky, "US-SF-01", 5))
        .then()
        .statusCode(201)
        .header(IdempotencyFilter.REPLAYED_HEADER, "true")
        .body("id", equalTo(ran.path("id")));
    assertThat(written(flaky)).containsExactly(1, 1);
  }

  @Test
  void aMalformedKeyIsA400() {
    for (var key : List.of("", "   ", "k".repeat(256), "clé")) {
      post("coordinator.sf", "/specimens", key, specimen(unique("idem"), "US-SF-01", 5))
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("code", equalTo("PLATFORM-0400-IDEMPOTENCY-KEY"));
    }
    post("coordinator.sf", "/specimens", "k".repeat(255), specimen(unique("idem"), "US-SF-01", 5))
        .then()
        .statusCode(201);
  }

  /** The token's sub of a demo user, which keys are scoped to. */
  static String subjectOf(String user) {
    var token = org.mdmaat.devstack.KeycloakServer.shared().accessToken(user, "demo");
    var payload = token.split("\\.")[1];
    var claims = new String(java.util.Base64.getUrlDecoder().decode(payload));
    return io.restassured.path.json.JsonPath.from(claims).getString("sub");
  }
}
