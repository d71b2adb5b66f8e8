package org.mdmaat.systemtests;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.Platform;

/**
 * Issue 16 item 1 through the gateway: a trial's vital-sign limits are its sponsor's, signed and
 * within hard clinical bounds; an investigator may only make them stricter for their own site.
 */
class VitalLimitsThroughGatewayTest {
  private final Platform platform = RunningPlatform.get();

  private RequestSpecification as(String user) {
    return Scenario.as(platform, user).contentType("application/json");
  }

  private static Map<String, Object> limits() {
    var l = new HashMap<String, Object>();
    l.put("systolicWarn", 160);
    l.put("systolicCritical", 180);
    l.put("systolicLowWarn", 90);
    l.put("systolicLowCritical", 80);
    l.put("diastolicWarn", 110);
    l.put("diastolicCritical", 120);
    l.put("diastolicLowWarn", 50);
    l.put("diastolicLowCritical", 40);
    l.put("heartRateWarn", 120);
    l.put("heartRateCritical", 150);
    l.put("heartRateLowWarn", 50);
    l.put("heartRateLowCritical", 40);
    l.put("temperatureWarn", 38.0);
    l.put("temperatureCritical", 39.0);
    l.put("temperatureLowWarn", 35.5);
    l.put("temperatureLowCritical", 35.0);
    l.put("spo2Warn", 92);
    l.put("spo2Critical", 88);
    return l;
  }

  private static Map<String, Object> signed(Map<String, Object> limits, String reason) {
    return Map.of("limits", limits, "reason", reason, "signature", Map.of("meaning", "APPROVAL"));
  }

  @Test
  void theSponsorSetsTheTrialsLimitsAndASiteOnlyTightensThem() {
    var trial = Scenario.recruitingTrial(as("sponsor.maps"), as("sponsor.maps"));
    var path = "/api/safety/trials/" + trial + "/vital-thresholds";

    // An investigator may not set them for every site.
    as("investigator.sf").body(signed(limits(), "raise")).when().put(path).then().statusCode(403);
    // Implausible: 422 naming the limit.
    var implausible = limits();
    implausible.put("systolicCritical", 300);
    as("sponsor.maps")
        .body(signed(implausible, "typo"))
        .when()
        .put(path)
        .then()
        .statusCode(422)
        .body("code", equalTo("SAF-0422-LIMIT-IMPLAUSIBLE"))
        .body("violations.field", hasItem("limits.systolicCritical"));
    as("sponsor.maps")
        .body(signed(limits(), "protocol v2 action limits"))
        .when()
        .put(path)
        .then()
        .statusCode(200)
        .body("version", equalTo(1))
        .body("signature.signerUsername", equalTo("sponsor.maps"));

    var site = "/api/safety/trials/" + trial + "/sites/" + Scenario.SF + "/vital-thresholds";
    as("investigator.sf")
        .body(Map.of("limits", Map.of("systolicCritical", 190), "reason", "looser"))
        .when()
        .put(site)
        .then()
        .statusCode(422)
        .body("code", equalTo("SAF-0422-LIMIT-LOOSER"))
        .body("violations.field", hasItem("limits.systolicCritical"));
    as("investigator.sf")
        .body(Map.of("limits", Map.of("systolicCritical", 170), "reason", "site policy"))
        .when()
        .put(site)
        .then()
        .statusCode(200)
        .body("inForce.limits.systolicCritical", equalTo(170));
    as("investigator.bos")
        .when()
        .get("/api/safety/trials/" + trial + "/sites/" + Scenario.BOS + "/vital-thresholds")
        .then()
        .statusCode(200)
        .body("override", nullValue())
        .body("inForce.limits.systolicCritical", equalTo(180));
  }
}
