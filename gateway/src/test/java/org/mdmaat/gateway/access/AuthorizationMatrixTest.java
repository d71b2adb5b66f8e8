package org.mdmaat.gateway.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.gateway.Tokens;
import org.mdmaat.gateway.stub.StubServices;

/**
 * Every route family × every realm role, with stubs answering 200: a 200 means the gateway relayed,
 * 403 that it refused before the service. The expected matrix is written out here on purpose (not
 * read from RoutePolicy), so a change to the policy has to change this test too.
 */
@QuarkusTest
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(StubServices.class)
class AuthorizationMatrixTest {

  private static final Map<String, Set<String>> READERS =
      Map.of(
          "recruitment",
          Set.of(
              "sponsor",
              "site-coordinator",
              "investigator",
              "pharmacist",
              "dsmb",
              "unblinded-statistician",
              "regulator"),
          "sessions",
          Set.of("site-coordinator", "investigator", "therapist", "pharmacist"),
          "safety",
          Set.of("investigator", "therapist", "site-coordinator", "dsmb", "sponsor"),
          "outcomes",
          Set.of(
              "rater",
              "investigator",
              "site-coordinator",
              "therapist",
              "dsmb",
              "unblinded-statistician",
              "sponsor",
              "regulator"));

  /**
   * Writers are the readers without the regulator, who only reads, and (outcomes) without the DSMB
   * and the unblinded statistician, whom no outcomes write accepts.
   */
  private static Set<String> writers(String service) {
    var writers = new java.util.HashSet<>(READERS.get(service));
    writers.remove("regulator");
    if (service.equals("outcomes")) {
      writers.removeAll(Set.of("dsmb", "unblinded-statistician"));
    }
    return writers;
  }

  private record Call(String method, String path, int expected) {}

  private static List<Call> callsFor(String role) {
    var calls = new ArrayList<Call>();
    for (var service : StubServices.SERVICES) {
      var base = "/api/" + service;
      calls.add(
          new Call("GET", base + "/records/1", READERS.get(service).contains(role) ? 200 : 403));
      calls.add(
          new Call("HEAD", base + "/records/1", READERS.get(service).contains(role) ? 200 : 403));
      for (var write : List.of("POST", "PUT", "PATCH", "DELETE")) {
        calls.add(
            new Call(write, base + "/records/1", writers(service).contains(role) ? 200 : 403));
      }
      calls.add(new Call("GET", base + "/audit", role.equals("regulator") ? 200 : 403));
      calls.add(new Call("GET", base + "/audit/verify", role.equals("regulator") ? 200 : 403));
      calls.add(new Call("POST", base + "/audit", 405));
      calls.add(new Call("DELETE", base + "/audit/1", 405));
    }
    calls.add(new Call("GET", "/api/audit", role.equals("regulator") ? 200 : 403));
    calls.add(new Call("HEAD", "/api/audit", role.equals("regulator") ? 200 : 403));
    calls.add(new Call("GET", "/api/audit/verify", role.equals("regulator") ? 200 : 403));
    calls.add(new Call("GET", "/api/audit/export", role.equals("regulator") ? 200 : 403));
    for (var write : List.of("POST", "PUT", "PATCH", "DELETE")) {
      calls.add(new Call(write, "/api/audit", 405));
      calls.add(new Call(write, "/api/audit/verify", 405));
    }
    calls.add(new Call("GET", "/api/recruitment/recruitment-calls", 200));
    calls.add(new Call("POST", "/api/recruitment/pre-screens", 200));
    calls.add(
        new Call(
            "POST",
            "/api/recruitment/recruitment-calls",
            writers("recruitment").contains(role) ? 200 : 403));
    calls.add(new Call("GET", "/api/openapi", 200));
    calls.add(
        new Call(
            "POST",
            "/api/safety/cssrs-screens",
            Set.of("investigator", "therapist", "rater").contains(role) ? 200 : 403));
    // FHIR R4: vital signs as the vitals API allows them; the CapabilityStatement to anyone.
    var vitalsReaders = Set.of("investigator", "therapist", "site-coordinator");
    var vitalsWriters = Set.of("investigator", "therapist");
    calls.add(new Call("GET", "/fhir/r4/metadata", 200));
    calls.add(new Call("GET", "/fhir/r4/Observation", vitalsReaders.contains(role) ? 200 : 403));
    calls.add(
        new Call("GET", "/fhir/r4/Observation/1.spo2", vitalsReaders.contains(role) ? 200 : 403));
    calls.add(new Call("POST", "/fhir/r4", vitalsWriters.contains(role) ? 200 : 403));
    calls.add(new Call("GET", "/fhir/r4/AdverseEvent", vitalsReaders.contains(role) ? 200 : 403));
    var studyReaders = Set.of("sponsor", "investigator", "site-coordinator");
    var subjectReaders = Set.of("investigator", "site-coordinator");
    calls.add(new Call("GET", "/fhir/r4/ResearchStudy", studyReaders.contains(role) ? 200 : 403));
    calls.add(
        new Call("GET", "/fhir/r4/ResearchStudy/T-1", studyReaders.contains(role) ? 200 : 403));
    calls.add(
        new Call("GET", "/fhir/r4/ResearchSubject", subjectReaders.contains(role) ? 200 : 403));
    calls.add(
        new Call("GET", "/fhir/r4/ResearchSubject/P-1", subjectReaders.contains(role) ? 200 : 403));
    calls.add(new Call("GET", "/fhir/r4/Patient/1", 404));
    return calls;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sponsor",
        "site-coordinator",
        "investigator",
        "therapist",
        "rater",
        "pharmacist",
        "dsmb",
        "unblinded-statistician",
        "regulator"
      })
  void eachRoleGetsExactlyTheRoutesItsRoleAllows(String role) {
    var token = Tokens.forRole(role);
    var wrong = new ArrayList<String>();
    for (var call : callsFor(role)) {
      Response response =
          given()
              .auth()
              .oauth2(token)
              .contentType("application/json")
              .body("{}")
              .request(call.method(), call.path());
      if (response.statusCode() != call.expected()) {
        wrong.add(call + " got " + response.statusCode());
      } else if (call.expected() >= 400) {
        assertThat(response.contentType()).startsWith("application/problem+json");
      }
    }
    assertThat(wrong).as("calls answered otherwise than the matrix says, for " + role).isEmpty();
  }

  @Test
  void anonymousCallersGetOnlyThePublicRoutes() {
    var wrong = new ArrayList<String>();
    var calls = new ArrayList<Call>();
    for (var service : StubServices.SERVICES) {
      calls.add(new Call("GET", "/api/" + service + "/records/1", 401));
      calls.add(new Call("POST", "/api/" + service + "/records/1", 401));
      calls.add(new Call("GET", "/api/" + service + "/audit", 401));
    }
    calls.add(new Call("GET", "/api/audit", 401));
    calls.add(new Call("POST", "/api/audit", 405));
    calls.add(new Call("GET", "/api/recruitment/recruitment-calls", 200));
    calls.add(new Call("GET", "/api/recruitment/recruitment-calls/42", 200));
    calls.add(new Call("POST", "/api/recruitment/pre-screens", 200));
    calls.add(new Call("GET", "/api/recruitment/pre-screens", 401));
    calls.add(new Call("POST", "/api/recruitment/recruitment-calls", 401));
    calls.add(new Call("GET", "/api/openapi", 200));
    calls.add(new Call("GET", "/fhir/r4/metadata", 200));
    calls.add(new Call("GET", "/fhir/r4/Observation", 401));
    calls.add(new Call("GET", "/fhir/r4/ResearchStudy", 401));
    calls.add(new Call("GET", "/fhir/r4/ResearchSubject/P-1", 401));
    calls.add(new Call("POST", "/fhir/r4", 401));
    for (var call : calls) {
      var response =
          given().contentType("application/json").body("{}").request(call.method(), call.path());
      if (response.statusCode() != call.expected()) {
        wrong.add(call + " got " + response.statusCode());
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void aRefusalNeverReachesTheService() {
    // The echo would answer 200 with the relayed request; a 403 problem proves the gateway stopped
    // it.
    given()
        .auth()
        .oauth2(Tokens.forRole("rater"))
        .when()
        .get("/api/sessions/bookings")
        .then()
        .statusCode(403)
        .header("X-Upstream", (String) null)
        .body("code", org.hamcrest.Matchers.equalTo("GW-0403"));
    given()
        .auth()
        .oauth2(Tokens.forRole("regulator"))
        .contentType("application/json")
        .body("{}")
        .when()
        .post("/api/safety/holds")
        .then()
        .statusCode(403)
        .header("X-Upstream", (String) null);
  }
}
