package org.mdmaat.session.accountability;

import static org.hamcrest.Matchers.equalTo;
import static org.mdmaat.session.SessionFixtures.SF;
import static org.mdmaat.session.SessionFixtures.as;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.mdmaat.session.SessionFixtures;

/** The pharmacy's side of tests: receipts and reads through the real API, as pharmacist.sf. */
public final class KitStock {
  public static final String BASE = "/api/sessions/accountability/{site}/";
  public static final String PHARMACIST = "pharmacist.sf";

  private KitStock() {}

  public static ValidatableResponse post(String user, String what, Map<String, ?> body) {
    return as(user).contentType(ContentType.JSON).body(body).post(BASE + what, SF).then();
  }

  /**
   * Receives kit {@code kitCode} at US-SF-01 holding {@code mgHcl} of {@code content} (MDMA or
   * PLACEBO). Doses dispense only from received kits: call it before dosing, e.g. with {@code
   * "KIT-" + participantCode}.
   */
  public static void receive(String kitCode, String content, int mgHcl) {
    post(PHARMACIST, "receipts", Map.of("kitCode", kitCode, "content", content, "mgHcl", mgHcl))
        .statusCode(201)
        .body("kind", equalTo("RECEIVED"));
  }

  /**
   * A randomized participant at US-SF-01 (kit {@code "KIT-" + code}) whose first experimental
   * session has passed its pre-dose checks, with no kit received here: the tests of this package
   * receive what they need themselves, whatever {@link SessionFixtures#readyToDose} does.
   */
  public static String readyToDoseWithoutReceipt(ObjectMapper json, String code) throws Exception {
    SessionFixtures.randomize(json, code, SF, SessionFixtures.TRIAL);
    var schedule = SessionFixtures.awaitSchedule(code, "coordinator.sf");
    var experimental = SessionFixtures.session(schedule, "EXPERIMENTAL", 1);
    var id = (String) experimental.get("id");
    as("coordinator.sf")
        .contentType(ContentType.JSON)
        .body(
            SessionFixtures.booking(
                LocalDate.parse((String) experimental.get("targetDate")),
                SessionFixtures.unique("room"),
                org.mdmaat.session.Therapists.fresh(),
                org.mdmaat.session.Therapists.fresh()))
        .put("/api/sessions/visits/{id}/booking", id)
        .then()
        .statusCode(200);
    as("therapist.sf1").post("/api/sessions/visits/{id}/check-in", id).then().statusCode(200);
    as("therapist.sf1")
        .contentType(ContentType.JSON)
        .body(SessionFixtures.passingChecklist())
        .post("/api/sessions/visits/{id}/pre-dose-checks", id)
        .then()
        .statusCode(200);
    return id;
  }

  /** The kit's totals (kits list, filtered to the one kit). */
  public static Map<String, Object> kit(String kitCode) {
    var kits =
        as(PHARMACIST)
            .queryParam("size", 200)
            .get(BASE + "kits", SF)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    int total = kits.getInt("total");
    for (int page = 0; page * 200 < total; page++) {
      var items =
          as(PHARMACIST)
              .queryParam("size", 200)
              .queryParam("page", page)
              .get(BASE + "kits", SF)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      var index = items.getList("items.kitCode").indexOf(kitCode);
      if (index >= 0) {
        return items.getMap("items[" + index + "]");
      }
    }
    throw new AssertionError("kit " + kitCode + " is not among the site's kits");
  }

  /** An amount read from a JSON answer, to compare with {@code compareTo} or as 2-decimal text. */
  public static BigDecimal mg(Object value) {
    return new BigDecimal(String.valueOf(value)).setScale(2);
  }

  public static BigDecimal mg(JsonPath json, String path) {
    return mg(json.getString(path));
  }

  public static JsonPath balance() {
    return as(PHARMACIST).get(BASE + "balance", SF).then().statusCode(200).extract().jsonPath();
  }
}
