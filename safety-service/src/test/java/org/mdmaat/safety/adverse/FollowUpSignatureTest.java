package org.mdmaat.safety.adverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.mdmaat.safety.testing.Api.SF;
import static org.mdmaat.safety.testing.Api.as;
import static org.mdmaat.safety.testing.Api.participantAt;
import static org.mdmaat.safety.testing.Api.signing;
import static org.mdmaat.safety.testing.Api.withToken;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.platform.signature.ReauthenticationRequired;
import org.mdmaat.platform.signature.Signatures;
import org.mdmaat.safety.hold.SelfServedPort;
import org.mdmaat.safety.testing.Api;

/** An investigator's follow-up (causality, expectedness, …) is electronically signed. */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "safety"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPort.class)
class FollowUpSignatureTest {
  static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  static final String REASON = "Liver panel normal at day 7; rechallenge history reviewed";

  // A fixed onset, so the test can build the signed record as the service does.
  static final OffsetDateTime ONSET =
      OffsetDateTime.now(ZoneOffset.ofHours(-5)).minusHours(3).truncatedTo(ChronoUnit.SECONDS);

  static AdverseEventDetails details(String relatedness, boolean expected) {
    return new AdverseEventDetails(
        "elevated liver enzymes",
        null,
        Set.of(AdverseEventCategory.HEPATIC),
        ONSET,
        ONSET.plusHours(1),
        2,
        Set.of(),
        Relatedness.valueOf(relatedness),
        expected,
        AdverseEventOutcome.RECOVERING,
        "ALT 3x ULN on day 2",
        null);
  }

  static Map<String, Object> json(AdverseEventDetails d) {
    var e = new HashMap<String, Object>();
    e.put("term", d.term());
    e.put("categories", d.categories().stream().map(Enum::name).toList());
    e.put("onset", d.onset().toString());
    e.put("awareness", d.awareness().toString());
    e.put("grade", d.grade());
    e.put("seriousness", List.of());
    e.put("relatedness", d.relatedness().name());
    e.put("expected", d.expected());
    e.put("outcome", d.outcome().name());
    e.put("description", d.description());
    return e;
  }

  static Map<String, Object> followUp(AdverseEventDetails d, Map<String, Object> signature) {
    return Map.of("event", json(d), "reason", REASON, "signature", signature);
  }

  private static String reported() {
    return AdverseEventResourceTest.reportOk(
        "therapist.sf1", participantAt(SF), json(details("POSSIBLE", false)));
  }

  @Test
  void aFollowUpIsSignedWithTheIdentityProvidersNameAndBoundToItsVersion() {
    var id = reported();
    var revised = details("UNLIKELY", true);
    var token = Api.signingToken("investigator.sf");

    String hash =
        withToken(token)
            .body(followUp(revised, Map.of("meaning", "APPROVAL")))
            .when()
            .post("/api/safety/adverse-events/{id}/follow-ups", id)
            .then()
            .statusCode(200)
            .body("version", equalTo(2))
            .body("relatedness", equalTo("UNLIKELY"))
            .body("expected", equalTo(true))
            .body("signature.signerName", equalTo("Elena Marquez"))
            .body("signature.signerUsername", equalTo("investigator.sf"))
            .body("signature.signerId", matchesPattern(UUID_PATTERN))
            .body("signature.meaning", equalTo("APPROVAL"))
            .body("signature.recordType", equalTo("AdverseEventFollowUp"))
            .body("signature.recordId", equalTo(id + "/2"))
            .body("signature.signedAt", notNullValue())
            .body("signature.authenticatedAt", notNullValue())
            .extract()
            .path("signature.contentHash");
    assertThat(hash)
        .as("bound to this event's version 2 with its causality, expectedness and reason")
        .isEqualTo(Signatures.hash(SignedFollowUp.of(UUID.fromString(id), 2, revised, REASON)))
        .isNotEqualTo(
            Signatures.hash(
                SignedFollowUp.of(UUID.fromString(id), 2, details("POSSIBLE", true), REASON)));

    // The same facts again are another follow-up: another record, another hash.
    String again =
        withToken(token)
            .body(followUp(revised, Map.of("meaning", "REVIEW")))
            .when()
            .post("/api/safety/adverse-events/{id}/follow-ups", id)
            .then()
            .statusCode(200)
            .body("signature.recordId", equalTo(id + "/3"))
            .extract()
            .path("signature.contentHash");
    assertThat(again).matches("[0-9a-f]{64}").isNotEqualTo(hash);

    as("coordinator.sf")
        .when()
        .get("/api/safety/adverse-events/{id}/versions", id)
        .then()
        .statusCode(200)
        .body("version", equalTo(List.of(1, 2, 3)))
        .body("[0].signature", nullValue())
        .body("[1].signature.signerName", equalTo("Elena Marquez"))
        .body("[1].signature.meaning", equalTo("APPROVAL"))
        .body("[1].signature.contentHash", equalTo(hash))
        .body("[2].signature.meaning", equalTo("REVIEW"))
        .body("[2].signature.contentHash", equalTo(again));
    as("therapist.sf1")
        .when()
        .get("/api/safety/adverse-events/{id}", id)
        .then()
        .body("signature.recordId", equalTo(id + "/3"))
        .body("signature.contentHash", equalTo(again));
    as("regulator.fda")
        .queryParam("entityId", id)
        .when()
        .get("/api/safety/audit")
        .then()
        .body("items.action", equalTo(List.of("CREATE", "UPDATE", "UPDATE")))
        .body("items[0].after.signature", nullValue())
        .body("items[1].after.signature.signerName", equalTo("Elena Marquez"))
        .body("items[1].after.signature.contentHash", equalTo(hash))
        .body("items[1].reason", equalTo(REASON));
  }

  @Test
  void aLoginWithoutAuthTimeCannotSignAndNoFollowUpIsStored() {
    var id = reported();
    // A password-grant token says nothing of when its user logged in.
    as("investigator.sf")
        .body(followUp(details("NOT_RELATED", true), Map.of("meaning", "APPROVAL")))
        .when()
        .post("/api/safety/adverse-events/{id}/follow-ups", id)
        .then()
        .statusCode(401)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo(ReauthenticationRequired.CODE))
        .header("WWW-Authenticate", containsString("insufficient_user_authentication"))
        .header("WWW-Authenticate", containsString("max_age=300"));

    as("investigator.sf")
        .when()
        .get("/api/safety/adverse-events/{id}", id)
        .then()
        .body("version", equalTo(1))
        .body("relatedness", equalTo("POSSIBLE"))
        .body("signature", nullValue());
    as("investigator.sf")
        .when()
        .get("/api/safety/adverse-events/{id}/versions", id)
        .then()
        .body("version", equalTo(List.of(1)));
    as("regulator.fda")
        .queryParam("entityId", id)
        .when()
        .get("/api/safety/audit")
        .then()
        .body("items.action", equalTo(List.of("CREATE")));
  }

  @Test
  void aFollowUpNeedsASignatureWithAMeaningAndNoTypedName() {
    var id = reported();
    var revised = details("UNLIKELY", true);
    var token = Api.signingToken("investigator.sf");

    withToken(token)
        .body(Map.of("event", json(revised), "reason", REASON))
        .when()
        .post("/api/safety/adverse-events/{id}/follow-ups", id)
        .then()
        .statusCode(400)
        .body("violations.field", hasItem(containsString("signature")));
    withToken(token)
        .body(followUp(revised, Map.of()))
        .when()
        .post("/api/safety/adverse-events/{id}/follow-ups", id)
        .then()
        .statusCode(400)
        .body("violations.field", hasItem(containsString("meaning")));
    withToken(token)
        .body(followUp(revised, Map.of("meaning", "APPROVAL", "printedName", "Dr. E. Marquez")))
        .when()
        .post("/api/safety/adverse-events/{id}/follow-ups", id)
        .then()
        .statusCode(400)
        .contentType(startsWith("application/problem+json"))
        .body("detail", containsString("printedName"));
    // Only an investigator follows up, and only on an event of their sites.
    signing("therapist.sf1")
        .body(followUp(revised, Map.of("meaning", "APPROVAL")))
        .when()
        .post("/api/safety/adverse-events/{id}/follow-ups", id)
        .then()
        .statusCode(403);
    signing("investigator.bos")
        .body(followUp(revised, Map.of("meaning", "APPROVAL")))
        .when()
        .post("/api/safety/adverse-events/{id}/follow-ups", id)
        .then()
        .statusCode(404)
        .body("code", equalTo("SAF-0404-ADVERSE-EVENT"));

    as("investigator.sf")
        .when()
        .get("/api/safety/adverse-events/{id}/versions", id)
        .then()
        .body("version", equalTo(List.of(1)));
  }
}
