package org.mdmaat.recruitment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.mdmaat.recruitment.Api.as;
import static org.mdmaat.recruitment.Api.createTrial;
import static org.mdmaat.recruitment.Api.trialBody;
import static org.mdmaat.recruitment.Api.unique;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;

/**
 * The list endpoints run a fixed number of SQL statements per page, however many rows the page
 * holds (issue 19: one query per row made the public call list cost 23 statements). Each list is
 * read with one row and with many, and the statements the service sent to PostgreSQL (counted at
 * the client, {@link SqlStatements}) must be the same in number; a query per row would add one
 * statement per extra row.
 */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "recruitment"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPort.class)
class ListStatementsTest {
  private static final int ROWS = 6;

  @Inject InMemorySpanExporter spans;

  @Test
  void thePublicCallListRunsTheSameStatementsForOneCallAsForMany() {
    // Calls of different trials (a per-trial read is what would come back), at distinct sites.
    var tag = unique("Nplus");
    postCall(tag + "-one");
    for (int i = 0; i < ROWS; i++) {
      postCall(tag + "-many");
    }

    var one =
        statements(() -> given().queryParam("condition", tag + "-one"), "/recruitment-calls", 1);
    var many =
        statements(
            () -> given().queryParam("condition", tag + "-many"), "/recruitment-calls", ROWS);

    assertThat(many).as("statements for %d calls: %s", ROWS, many).hasSameSizeAs(one);
    assertThat(many.size()).as("statements of one page of calls: %s", many).isLessThanOrEqualTo(5);
  }

  @Test
  void theSponsorsTrialListRunsTheSameStatementsForOneTrialAsForMany() {
    for (int i = 0; i < ROWS; i++) {
      createTrial("sponsor.maps", trialBody(unique("NPLUS")));
    }

    var one = statements(() -> as("sponsor.maps").queryParam("size", 1), "/trials", 1);
    var many = statements(() -> as("sponsor.maps").queryParam("size", ROWS), "/trials", ROWS);

    assertThat(many).as("statements for %d trials: %s", ROWS, many).hasSameSizeAs(one);
    assertThat(many.size()).as("statements of one page of trials: %s", many).isLessThanOrEqualTo(5);
  }

  private static void postCall(String condition) {
    var body = trialBody(unique("NPLUS"));
    body.put("condition", condition);
    var trial = createTrial("sponsor.maps", body);
    as("sponsor.maps")
        .body(Map.of("trialId", trial, "summary", "Counting statements"))
        .when()
        .post("/api/recruitment/recruitment-calls")
        .then()
        .statusCode(201);
  }

  /** The SQL statements of one GET of {@code path} answering a page of {@code rows} items. */
  private List<String> statements(Supplier<RequestSpecification> request, String path, int rows) {
    var trace = SqlStatements.newTrace();
    SqlStatements.traced(request.get(), trace)
        .when()
        .get("/api/recruitment" + path)
        .then()
        .statusCode(200)
        .body("items", hasSize(rows));
    // The statements end before the answer is written; the request's own span may end after it.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(spans.getFinishedSpanItems())
                    .anyMatch(s -> s.getTraceId().equals(trace) && s.getParentSpanId() != null));
    var statements = SqlStatements.of(spans, trace);
    // Nothing counted would pass any comparison: the page itself is at least one statement.
    assertThat(statements).as("statements of GET %s", path).isNotEmpty();
    return statements;
  }
}
