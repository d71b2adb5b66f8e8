package org.mdmaat.gateway.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.gateway.Tokens;
import org.mdmaat.gateway.stub.StubServices;
import org.mdmaat.gateway.stub.Stubs;

/**
 * The regulator's cross-service audit API against stub services that page their trails as the
 * platform's AuditResource does.
 */
@QuarkusTest
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(StubServices.class)
class AuditApiTest {
  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  // recruitment, safety and sessions write interleaved in time; outcomes has no entries.
  private static final Map<String, Integer> OFFSET =
      Map.of("recruitment", 0, "safety", 1, "sessions", 2);
  private static final int PER_SERVICE = 7;

  private String regulator;

  @BeforeEach
  void loadTrails() {
    regulator = Tokens.forRole("regulator");
    for (var service : StubServices.SERVICES) {
      var entries = new JsonArray();
      if (OFFSET.containsKey(service)) {
        for (int i = 0; i < PER_SERVICE; i++) {
          entries.add(entry(service, 100 + i, T0.plusSeconds(3L * i + OFFSET.get(service))));
        }
      }
      Stubs.audit(service, entries);
      Stubs.mode(service, "normal");
    }
  }

  @AfterEach
  void servicesBack() {
    for (var service : StubServices.SERVICES) {
      Stubs.mode(service, "normal");
      Stubs.verification(
          service,
          new JsonObject().put("intact", true).put("entriesChecked", 0).putNull("firstBrokenSeq"));
    }
  }

  private static JsonObject entry(String service, long seq, Instant at) {
    return new JsonObject()
        .put("seq", seq)
        .put("id", service + "-" + seq)
        .put("occurredAt", at.toString())
        .put("actor", seq % 2 == 0 ? "investigator.sf" : "coordinator.sf")
        .put("actorRoles", "investigator")
        .put("entityType", service.equals("safety") ? "DosingHold" : "Other")
        .put("entityId", "E-" + seq)
        .put("action", "CREATE")
        .putNull("before")
        .put("after", new JsonObject().put("note", "a, \"quoted\" note").put("dose", 120))
        .put("reason", "because")
        .put("trialId", seq < 103 ? "MAPP-1" : "MAPP-2")
        .put("participantCode", "P-" + seq)
        .put("correlationId", "c-" + seq)
        .put("traceId", "t" + seq)
        .put("prevHash", "0".repeat(64))
        .put("hash", "h" + seq);
  }

  @Test
  void pagesThroughEveryServicesTrailInTimeOrderWithoutGapsOrRepeats() {
    var seen = new ArrayList<JsonObject>();
    String cursor = null;
    int pages = 0;
    do {
      var request = given().auth().oauth2(regulator).queryParam("limit", 5);
      if (cursor != null) {
        request.queryParam("cursor", cursor);
      }
      var body =
          new JsonObject(
              request
                  .when()
                  .get("/api/audit")
                  .then()
                  .statusCode(200)
                  .body("paging", equalTo("keyset"))
                  .extract()
                  .asString());
      var items = body.getJsonArray("items");
      assertThat(items.size()).isLessThanOrEqualTo(5);
      items.forEach(item -> seen.add((JsonObject) item));
      cursor = body.getString("nextCursor");
      pages++;
    } while (cursor != null && pages < 20);

    assertThat(cursor).as("the last page says there is no more").isNull();
    assertThat(seen).hasSize(3 * PER_SERVICE);
    var ids = new HashSet<String>();
    seen.forEach(item -> ids.add(item.getString("id")));
    assertThat(ids).hasSize(3 * PER_SERVICE);
    var times = seen.stream().map(item -> Instant.parse(item.getString("occurredAt"))).toList();
    assertThat(times).isSorted();
    assertThat(seen.get(0).getString("service")).isEqualTo("recruitment");
    assertThat(seen.get(1).getString("service")).isEqualTo("safety");
    assertThat(seen.get(2).getString("service")).isEqualTo("sessions");
    // Each service was asked from where its part of the previous page ended (keyset, by seq).
    var recruitmentQueries =
        Stubs.auditRequests("recruitment").stream()
            .map(r -> ((JsonObject) r).getString("query"))
            .toList();
    assertThat(recruitmentQueries.get(0)).doesNotContain("after=");
    assertThat(recruitmentQueries.get(1)).contains("after=101");
  }

  @Test
  void passesTheFiltersAndTheRegulatorsTokenToEveryService() {
    given()
        .auth()
        .oauth2(regulator)
        .header("X-Correlation-Id", "audit-trace-1")
        .queryParam("trialId", "MAPP-2")
        .queryParam("participantCode", "P-104")
        .queryParam("user", "investigator.sf")
        .queryParam("from", "2026-03-01T00:00:00Z")
        .queryParam("to", "2026-03-02T00:00:00+01:00")
        .when()
        .get("/api/audit")
        .then()
        .statusCode(200)
        .body(
            "items.id",
            org.hamcrest.Matchers.contains("recruitment-104", "safety-104", "sessions-104"))
        .body("nextCursor", nullValue());
    for (var service : StubServices.SERVICES) {
      var asked = Stubs.auditRequests(service).getJsonObject(0);
      assertThat(asked.getString("query"))
          .contains("trialId=MAPP-2", "participantCode=P-104", "actor=investigator.sf")
          .contains("from=2026-03-01T00%3A00%3A00Z", "to=2026-03-02T00%3A00%3A00%2B01%3A00");
      assertThat(asked.getString("authorization")).isEqualTo("Bearer " + regulator);
      assertThat(asked.getString("correlationId")).isEqualTo("audit-trace-1");
    }
  }

  @Test
  void filtersByEntityType() {
    given()
        .auth()
        .oauth2(regulator)
        .queryParam("entityType", "DosingHold")
        .when()
        .get("/api/audit")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(PER_SERVICE))
        .body("items.service", org.hamcrest.Matchers.everyItem(equalTo("safety")));
  }

  @Test
  void refusesBadParametersNamingEach() {
    given()
        .auth()
        .oauth2(regulator)
        .queryParam("limit", "0")
        .queryParam("from", "yesterday")
        .queryParam("cursor", "not-ours")
        .when()
        .get("/api/audit")
        .then()
        .statusCode(400)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("GW-0400"))
        .body("violations.field", hasItems("limit", "from", "cursor"));
  }

  @Test
  void answers503NamingAServiceThatIsDownRatherThanAPartialTrail() {
    Stubs.mode("sessions", "reset");
    given()
        .auth()
        .oauth2(regulator)
        .when()
        .get("/api/audit")
        .then()
        .statusCode(503)
        .body("code", equalTo("GW-0503"))
        .body("detail", startsWith("sessions"));
  }

  @Test
  void exportsEverythingAsNdjsonAskingEachServiceOnce() {
    var text =
        given()
            .auth()
            .oauth2(regulator)
            .header("X-Correlation-Id", "export-trace-1")
            .header("X-Access-Reason", "FDA inspection")
            .when()
            .get("/api/audit/export?format=ndjson")
            .then()
            .statusCode(200)
            .contentType(startsWith("application/x-ndjson"))
            .header("Cache-Control", "no-store")
            .extract()
            .asString();
    var lines = text.strip().split("\n");
    assertThat(lines).hasSize(3 * PER_SERVICE);
    var times = new ArrayList<Instant>();
    for (var line : lines) {
      var item = new JsonObject(line);
      times.add(Instant.parse(item.getString("occurredAt")));
      assertThat(item.getJsonObject("after").getInteger("dose")).isEqualTo(120);
    }
    assertThat(times).isSorted();
    // The service's line as it sent it, with service added last.
    assertThat(lines[0])
        .isEqualTo(entry("recruitment", 100, T0).put("service", "recruitment").encode());
    assertThat(new JsonObject(lines[1]).getString("service")).isEqualTo("safety");
    // One request per service for the whole export (issue 19, P6), with the regulator's token,
    // correlation id and reason.
    for (var service : StubServices.SERVICES) {
      var asked = Stubs.auditRequests(service);
      assertThat(asked.size()).as(service).isEqualTo(1);
      var request = asked.getJsonObject(0);
      assertThat(request.getString("path")).isEqualTo("/api/" + service + "/audit/export");
      assertThat(request.getString("query")).isNull();
      assertThat(request.getString("authorization")).isEqualTo("Bearer " + regulator);
      assertThat(request.getString("correlationId")).isEqualTo("export-trace-1");
      assertThat(request.getString("reason")).isEqualTo("FDA inspection");
    }
  }

  /**
   * More lines per service than the merge queues (so services are paused and resumed), entries at
   * the same instant in several services (ordered by service, then seq): the export's order is the
   * list's, nothing lost or repeated.
   */
  @Test
  void mergesLongTrailsInTheListsOrder() throws Exception {
    int perService = 3 * ExportMerge.QUEUE;
    for (var service : StubServices.SERVICES) {
      var entries = new JsonArray();
      for (int i = 0; i < perService; i++) {
        // Two entries per second in every service: many ties across services.
        entries.add(entry(service, 1000 + i, T0.plusSeconds(i / 2)));
      }
      Stubs.audit(service, entries);
    }
    var text =
        given()
            .auth()
            .oauth2(regulator)
            .when()
            .get("/api/audit/export")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    var lines = text.strip().split("\n");
    assertThat(lines).hasSize(4 * perService);
    var items = new ArrayList<com.fasterxml.jackson.databind.node.ObjectNode>();
    for (var line : lines) {
      items.add((com.fasterxml.jackson.databind.node.ObjectNode) AuditTrails.JSON.readTree(line));
    }
    assertThat(items).isSortedAccordingTo(MergedPage.ORDER);
    var ids = new HashSet<String>();
    items.forEach(item -> ids.add(item.path("id").asText()));
    assertThat(ids).hasSize(4 * perService);
  }

  @Test
  void anExportFromACursorAsksEachServiceFromItsPlace() {
    var cursor = AuditCursor.encode(Map.of("recruitment", 104L, "safety", 105L, "sessions", 106L));
    var text =
        given()
            .auth()
            .oauth2(regulator)
            .queryParam("cursor", cursor)
            .queryParam("trialId", "MAPP-2")
            .when()
            .get("/api/audit/export")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(text.strip().split("\n")).hasSize(2 + 1);
    assertThat(Stubs.auditRequests("recruitment").getJsonObject(0).getString("query"))
        .isEqualTo("after=104&trialId=MAPP-2");
    assertThat(Stubs.auditRequests("outcomes").getJsonObject(0).getString("query"))
        .isEqualTo("trialId=MAPP-2");
  }

  @Test
  void anExportRefusedByAServiceIsRefusedBeforeAByte() {
    Stubs.mode("safety", "export-refused");
    given()
        .auth()
        .oauth2(regulator)
        .when()
        .get("/api/audit/export?format=csv")
        .then()
        .statusCode(403)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("GW-0403"))
        .body("detail", startsWith("safety"));
  }

  @Test
  void anExportWithAServiceDownAnswers503() {
    Stubs.mode("sessions", "reset");
    given()
        .auth()
        .oauth2(regulator)
        .when()
        .get("/api/audit/export")
        .then()
        .statusCode(503)
        .body("code", equalTo("GW-0503"))
        .body("detail", startsWith("sessions"));
  }

  /** Half an export must never look like a whole one: the reader's connection is reset. */
  @Test
  void aServiceBreakingOffMidExportResetsTheConnection() {
    Stubs.mode("safety", "export-break");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                given()
                    .auth()
                    .oauth2(regulator)
                    .when()
                    .get("/api/audit/export")
                    .then()
                    .extract()
                    .asString())
        .as("a truncated or absent answer, never a normal end")
        .isNotInstanceOf(AssertionError.class);
  }

  @Test
  void exportsCsvWithAHeaderRowAndQuotedFields() {
    var text =
        given()
            .auth()
            .oauth2(regulator)
            .queryParam("format", "csv")
            .queryParam("trialId", "MAPP-1")
            .when()
            .get("/api/audit/export")
            .then()
            .statusCode(200)
            .contentType(startsWith("text/csv"))
            .extract()
            .asString();
    var lines = text.split("\r\n");
    assertThat(lines[0])
        .startsWith("service,seq,id,occurredAt,actor")
        .contains(",correlationId,traceId,");
    // MAPP-1 is seq 100..102 in each of the three services.
    assertThat(lines).hasSize(1 + 9);
    assertThat(lines[1])
        .startsWith("recruitment,100,recruitment-100,2026-03-01T09:00:00Z,investigator.sf")
        .contains(",P-100,c-100,t100,")
        .contains("\"{\"\"note\"\":\"\"a, \\\"\"quoted\\\"\" note\"\",\"\"dose\"\":120}\"");
  }

  @Test
  void csvExportEscapesFormulasWhileNdjsonKeepsThemExact() {
    var formula = "=HYPERLINK(\"http://evil.example\",\"open\")";
    var entries = new JsonArray();
    entries.add(entry("recruitment", 100, T0).put("reason", formula).put("actor", "@admin"));
    Stubs.audit("recruitment", entries);
    for (var service : List.of("safety", "sessions", "outcomes")) {
      Stubs.audit(service, new JsonArray());
    }
    var csv =
        given()
            .auth()
            .oauth2(regulator)
            .when()
            .get("/api/audit/export?format=csv")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    var row = csv.split("\r\n")[1];
    assertThat(row)
        .contains(",\"'@admin\",")
        .contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"open\"\")\",")
        .doesNotContain(",=HYPERLINK")
        .doesNotContain(",@admin");
    var ndjson =
        given()
            .auth()
            .oauth2(regulator)
            .when()
            .get("/api/audit/export?format=ndjson")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    var item = new JsonObject(ndjson.strip());
    assertThat(item.getString("reason")).isEqualTo(formula);
    assertThat(item.getString("actor")).isEqualTo("@admin");
  }

  @Test
  void refusesAnUnknownExportFormat() {
    given()
        .auth()
        .oauth2(regulator)
        .when()
        .get("/api/audit/export?format=xml")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("format"));
  }

  @Test
  void verifiesEveryChainAndNamesTheFirstBrokenEntryAndTheUnreachable() {
    Stubs.verification(
        "recruitment",
        new JsonObject()
            .put("intact", true)
            .put("entriesChecked", 7)
            .putNull("firstBrokenSeq")
            .putNull("problem")
            .put("checkpointsChecked", 3)
            .put("newestCheckpointSeq", 106));
    Stubs.verification(
        "safety",
        new JsonObject()
            .put("intact", false)
            .put("entriesChecked", 4)
            .put("firstBrokenSeq", 103)
            .put(
                "problem",
                "entry 103 does not match its hash: it was altered after it was written"));
    Stubs.verification("outcomes", new JsonObject().put("httpStatus", 500));
    Stubs.mode("sessions", "reset");
    var body =
        new JsonObject(
            given()
                .auth()
                .oauth2(regulator)
                .when()
                .get("/api/audit/verify")
                .then()
                .statusCode(200)
                .body("intact", equalTo(false))
                .extract()
                .asString());
    var byService = new java.util.HashMap<String, JsonObject>();
    body.getJsonArray("services")
        .forEach(s -> byService.put(((JsonObject) s).getString("service"), (JsonObject) s));
    assertThat(byService.keySet())
        .containsExactlyInAnyOrder(StubServices.SERVICES.toArray(String[]::new));
    assertThat(byService.get("recruitment").getString("status")).isEqualTo("INTACT");
    assertThat(byService.get("recruitment").getLong("entriesChecked")).isEqualTo(7);
    assertThat(byService.get("recruitment").getInteger("checkpointsChecked")).isEqualTo(3);
    assertThat(byService.get("recruitment").getLong("newestCheckpointSeq")).isEqualTo(106);
    assertThat(byService.get("safety").getInteger("checkpointsChecked")).isZero();
    assertThat(byService.get("safety").getString("status")).isEqualTo("BROKEN");
    assertThat(byService.get("safety").getLong("firstBrokenSeq")).isEqualTo(103);
    assertThat(byService.get("safety").getString("problem")).contains("altered");
    assertThat(byService.get("sessions").getString("status")).isEqualTo("UNREACHABLE");
    assertThat(byService.get("sessions").getString("problem")).startsWith("sessions");
    assertThat(byService.get("outcomes").getString("status")).isEqualTo("UNAVAILABLE");
  }

  @Test
  void reportsIntactWhenEveryChainIs() {
    given()
        .auth()
        .oauth2(regulator)
        .when()
        .get("/api/audit/verify")
        .then()
        .statusCode(200)
        .body("intact", equalTo(true))
        .body("services.status", org.hamcrest.Matchers.everyItem(equalTo("INTACT")));
  }

  @Test
  void isTheRegulatorsAlone() {
    for (var role : List.of("dsmb", "sponsor", "investigator")) {
      given()
          .auth()
          .oauth2(Tokens.forRole(role))
          .when()
          .get("/api/audit")
          .then()
          .statusCode(403)
          .body("code", equalTo("GW-0403"));
    }
    given()
        .auth()
        .oauth2(regulator)
        .contentType("application/json")
        .body("{}")
        .when()
        .delete("/api/audit")
        .then()
        .statusCode(405)
        .header("Allow", "GET, HEAD")
        .body("code", equalTo("GW-0405"));
    assertThat(Stubs.auditRequests("recruitment")).isEmpty();
  }
}
