package org.mdmaat.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.mdmaat.platform.Services.as;
import static org.mdmaat.platform.Services.database;
import static org.mdmaat.platform.Services.unique;
import static org.mdmaat.platform.audit.AuditTrailTest.API;
import static org.mdmaat.platform.audit.AuditTrailTest.create;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.devstack.PostgresServer;
import org.mdmaat.platform.Services;

/**
 * {@code GET /audit/export}: the whole (filtered) trail as NDJSON, each line exactly a list item,
 * in one request with one access-log entry (issue 19, P6).
 */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "platform"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
class AuditExportTest {

  /** Every item the list endpoint gives for {@code participantCode}, page by page. */
  private static List<JsonObject> listed(String participantCode, int limit) {
    var items = new ArrayList<JsonObject>();
    Long after = null;
    do {
      var request = as("regulator.fda").queryParam("limit", limit);
      if (participantCode != null) {
        request.queryParam("participantCode", participantCode);
      }
      if (after != null) {
        request.queryParam("after", after);
      }
      // Parsed as the lines are, so numbers compare alike.
      var page =
          new JsonObject(
              request.when().get(API + "/audit").then().statusCode(200).extract().asString());
      page.getJsonArray("items").forEach(item -> items.add((JsonObject) item));
      after = page.getLong("nextAfter");
    } while (after != null);
    return items;
  }

  private static List<JsonObject> lines(String ndjson) {
    var lines = new ArrayList<JsonObject>();
    for (var line : ndjson.split("\n", -1)) {
      if (!line.isEmpty()) {
        lines.add(new JsonObject(line));
      }
    }
    return lines;
  }

  private static String rawExport(String correlationId, String... query) {
    var request = as("regulator.fda").header("X-Correlation-Id", correlationId);
    for (int i = 0; i < query.length; i += 2) {
      request.queryParam(query[i], query[i + 1]);
    }
    return request.when().get(API + "/audit/export").then().statusCode(200).extract().asString();
  }

  private static List<String> loggedFor(String correlationId) throws SQLException {
    try (var db = database();
        var select =
            db.prepareStatement(
                "select resource_kind || ' ' || resource from access_log_entry"
                    + " where correlation_id = ? order by seq")) {
      select.setString(1, correlationId);
      try (var rows = select.executeQuery()) {
        var logged = new ArrayList<String>();
        while (rows.next()) {
          logged.add(rows.getString(1));
        }
        return logged;
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
  void linesAreTheListsItemsInOrderWithOneAccessLogEntry() throws Exception {
    var name = unique("X");
    for (int i = 0; i < 3; i++) {
      create(name);
    }
    // The specimen's participant code is its name (as auditOf uses it): three entries.
    var trace = unique("trace");
    var exported = lines(rawExport(trace, "participantCode", name));
    assertThat(exported).hasSize(3).isEqualTo(listed(name, 2));
    assertThat(loggedFor(trace))
        .containsExactly("audit-trail export=ndjson&participantCode=" + name);

    // From a seq on: the entries after it only.
    long first = exported.get(0).getLong("seq");
    var rest = lines(rawExport(unique("trace"), "participantCode", name, "after", "" + first));
    assertThat(rest).isEqualTo(exported.subList(1, 3));
  }

  @Test
  void theWholeTrailIsExportedAsTheListPagesIt() throws Exception {
    // More than the export's first page: the trail is read in several pages.
    for (int i = 0; i <= AuditResource.EXPORT_FIRST_PAGE; i++) {
      create(unique("X"));
    }
    var trace = unique("trace");
    var text = rawExport(trace);
    assertThat(text).endsWith("\n");
    var exported = lines(text);
    var listed = listed(null, AuditResource.MAX_LIMIT);
    // An entry written after the export read its last page is in the list only.
    assertThat(exported).isNotEmpty().hasSizeLessThanOrEqualTo(listed.size());
    assertThat(exported).isEqualTo(listed.subList(0, exported.size()));
    assertThat(loggedFor(trace)).containsExactly("audit-trail export=ndjson");
  }

  @Test
  void refusesOtherRolesAndBadParametersWithoutLogging() throws Exception {
    var refused = unique("trace");
    as("coordinator.sf")
        .header("X-Correlation-Id", refused)
        .when()
        .get(API + "/audit/export")
        .then()
        .statusCode(403);
    assertThat(loggedFor(refused)).isEmpty();

    var invalid = unique("trace");
    as("regulator.fda")
        .header("X-Correlation-Id", invalid)
        .queryParam("after", "-1")
        .queryParam("from", "yesterday")
        .when()
        .get(API + "/audit/export")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("code", equalTo("PLATFORM-0400"))
        .body("violations.field", org.hamcrest.Matchers.containsInAnyOrder("after", "from"));
    assertThat(loggedFor(invalid)).isEmpty();
  }

  @Test
  void whenTheAccessLogCannotBeWrittenNothingIsExported() throws Exception {
    var runtime = PostgresServer.shared().runtimeRole(Services.DATABASE);
    long size = accessLogSize();
    try (var db = database()) {
      db.createStatement().execute("revoke insert on access_log_entry from \"" + runtime + "\"");
      try {
        as("regulator.fda")
            .when()
            .get(API + "/audit/export")
            .then()
            .statusCode(503)
            .contentType("application/problem+json")
            .body("code", equalTo("PLATFORM-0503"));
      } finally {
        db.createStatement().execute("grant insert on access_log_entry to \"" + runtime + "\"");
      }
    }
    assertThat(accessLogSize()).isEqualTo(size);
  }

  @Test
  void anExportPageHoldsAboutTheSameBytesWhateverTheEntriesSize() {
    // Small entries (about 570 bytes): the largest page.
    assertThat(AuditResource.nextPageSize(50L * 570, 50)).isEqualTo(AuditResource.MAX_LIMIT);
    // A vitals batch's entry (about 40 kB): about 100 a page.
    assertThat(AuditResource.nextPageSize(50L * 40_000, 50))
        .isEqualTo(AuditResource.EXPORT_PAGE_BYTES / 40_000);
    // A FHIR Bundle's (about 400 kB): never fewer than the least.
    assertThat(AuditResource.nextPageSize(50L * 400_000, 50))
        .isEqualTo(AuditResource.EXPORT_MIN_PAGE);
    assertThat(AuditResource.nextPageSize(0, 0)).isEqualTo(AuditResource.MAX_LIMIT);
  }
}
