package org.mdmaat.session.accountability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.mdmaat.session.SessionFixtures.SF;
import static org.mdmaat.session.SessionFixtures.as;
import static org.mdmaat.session.SessionFixtures.count;
import static org.mdmaat.session.SessionFixtures.signingAs;
import static org.mdmaat.session.SessionFixtures.unique;
import static org.mdmaat.session.accountability.KitStock.BASE;
import static org.mdmaat.session.accountability.KitStock.PHARMACIST;
import static org.mdmaat.session.accountability.KitStock.balance;
import static org.mdmaat.session.accountability.KitStock.kit;
import static org.mdmaat.session.accountability.KitStock.mg;
import static org.mdmaat.session.accountability.KitStock.post;
import static org.mdmaat.session.accountability.KitStock.receive;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.platform.signature.Signatures;
import org.mdmaat.session.dosing.SelfServedGatePort;

/**
 * Destructions recorded by a pharmacist and signed by two other people, each with the platform's
 * electronic signature after a fresh login (password-grant tokens cannot sign).
 */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @io.quarkus.test.common.ResourceArg(name = "database", value = "session"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedGatePort.class)
class DestructionResourceTest {
  private static final String INVESTIGATOR = "investigator.sf"; // Elena Marquez
  private static final String COORDINATOR = "coordinator.sf"; // Priya Natarajan
  private static final String MEANING = "RESPONSIBILITY";
  private static final String HASH = "[0-9a-f]{64}";
  private static final String UUID_TEXT =
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private static String record(String kitCode, int mgHcl) {
    return post(
            PHARMACIST,
            "destructions",
            Map.of(
                "kitCode",
                kitCode,
                "mgHcl",
                mgHcl,
                "method",
                "chemical digestion (activated carbon)",
                "note",
                "expired"))
        .statusCode(201)
        .body("status", equalTo("PENDING_WITNESSES"))
        .body("witnessesStillNeeded", equalTo(2))
        .body("signatures", hasSize(0))
        .body("recordedBy", equalTo(PHARMACIST))
        .body("recorderName", equalTo("Ken Watanabe"))
        .extract()
        .path("id");
  }

  /** A witness's signature after a fresh login, as the portal sends it: only the meaning. */
  private static ValidatableResponse sign(String user, String id) {
    return signingAs(user)
        .contentType(ContentType.JSON)
        .body(Map.of("meaning", MEANING))
        .post(BASE + "destructions/{id}/signatures", SF, id)
        .then();
  }

  private static long signatures(String id) throws Exception {
    return count(
        "select count(*) from destruction_signature where destruction_id = ?", UUID.fromString(id));
  }

  private static long destroyedLines(String kitCode) throws Exception {
    return count(
        "select count(*) from kit_movement where kit_code = ? and kind = 'DESTROYED'", kitCode);
  }

  private static long destructions(String kitCode) throws Exception {
    return count("select count(*) from kit_destruction where kit_code = ?", kitCode);
  }

  private static long audits() throws Exception {
    return count(
        "select count(*) from audit_entry where entity_type in"
            + " ('KitMovement', 'KitDestruction', 'DestructionSignature')");
  }

  @Test
  void twoWitnessesOtherThanTheRecorderEachSignAndOnlyThenItCounts() throws Exception {
    var kitCode = unique("KIT");
    receive(kitCode, "MDMA", 300);
    var before = balance();
    var id = record(kitCode, 100);

    // Recorded, set aside, not yet destroyed.
    assertThat(destroyedLines(kitCode)).isZero();
    assertThat(kit(kitCode))
        .containsEntry("balance", 300.0f)
        .containsEntry("pendingDestruction", 100.0f)
        .containsEntry("available", 200.0f);
    var pending = balance();
    assertThat(mg(pending, "mdma.onHandMgHcl"))
        .isEqualByComparingTo(mg(before, "mdma.onHandMgHcl"));
    assertThat(mg(pending, "mdma.pendingDestructionMgHcl"))
        .isEqualByComparingTo(mg(before, "mdma.pendingDestructionMgHcl").add(new BigDecimal(100)));

    var audits = audits();
    // The recorder cannot witness their own destruction.
    sign(PHARMACIST, id)
        .statusCode(422)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("SES-0422-WITNESS"));
    assertThat(signatures(id)).isZero();
    assertThat(audits()).isEqualTo(audits);

    // The witness is named as the identity provider names them; nobody types a name.
    var first =
        sign(INVESTIGATOR, id)
            .statusCode(201)
            .body("status", equalTo("PENDING_WITNESSES"))
            .body("witnessesStillNeeded", equalTo(1))
            .body("signatures", hasSize(1))
            .body("signatures[0].witness", equalTo(INVESTIGATOR))
            .body("signatures[0].signerName", equalTo("Elena Marquez"))
            .body("signatures[0].signerId", matchesPattern(UUID_TEXT))
            .body("signatures[0].meaning", equalTo(MEANING))
            .body("signatures[0].signedAt", notNullValue())
            .body("signatures[0].authenticatedAt", notNullValue())
            .body("signatures[0].contentHash", matchesPattern(HASH))
            .body("signatures[0].statement", startsWith("I, Elena Marquez (investigator.sf),"))
            .body("signatures[0].statement", containsString(kitCode))
            .body("signatures[0].statement", containsString("100.00 mg HCl"))
            .body("signatures[0].statement", containsString("Ken Watanabe (pharmacist.sf)"))
            .body("signatures[0].legacyPrintedName", nullValue())
            .body("signatures[0].legacyRecordDigest", nullValue())
            .body("movementId", nullValue())
            .extract()
            .jsonPath();
    assertThat(destroyedLines(kitCode)).isZero();
    // The hash is of this destruction's facts and this witness's statement.
    assertThat(first.getString("signatures[0].contentHash"))
        .isEqualTo(hashOf(first, first.getString("signatures[0].statement")));
    assertThat(
            Instant.parse(first.getString("signatures[0].authenticatedAt"))
                .isAfter(Instant.now().minusSeconds(300)))
        .isTrue();

    // One person is one witness, however often they sign.
    audits = audits();
    sign(INVESTIGATOR, id).statusCode(409).body("code", equalTo("SES-0409-WITNESS"));
    assertThat(signatures(id)).isEqualTo(1);
    assertThat(audits()).isEqualTo(audits);

    // Witnesses see kit codes and amounts, never what the kit holds.
    var seen =
        as(COORDINATOR)
            .get(BASE + "destructions/{id}", SF, id)
            .then()
            .statusCode(200)
            .body("kitCode", equalTo(kitCode))
            .extract()
            .asString();
    // No content field (contentHash is the signature's hash of the destruction record).
    assertThat(seen).doesNotContain("MDMA").doesNotContain("PLACEBO").doesNotContain("\"content\"");

    var done =
        sign(COORDINATOR, id)
            .statusCode(201)
            .body("status", equalTo("COMPLETED"))
            .body("witnessesStillNeeded", equalTo(0))
            .body("signatures.witness", equalTo(List.of(INVESTIGATOR, COORDINATOR)))
            .body("signatures.signerName", equalTo(List.of("Elena Marquez", "Priya Natarajan")))
            .body("signatures[1].statement", startsWith("I, Priya Natarajan (coordinator.sf),"))
            .body("movementId", notNullValue())
            .extract()
            .jsonPath();
    // Each witness signs separately: their own id, login, statement and hash.
    assertThat(done.getString("signatures[0].contentHash"))
        .isEqualTo(first.getString("signatures[0].contentHash"))
        .isNotEqualTo(done.getString("signatures[1].contentHash"));
    assertThat(done.getString("signatures[0].signerId"))
        .isNotEqualTo(done.getString("signatures[1].signerId"));
    assertThat(done.getString("signatures[1].contentHash"))
        .isEqualTo(hashOf(done, done.getString("signatures[1].statement")));
    assertThat(destroyedLines(kitCode)).isEqualTo(1);
    assertThat(kit(kitCode))
        .containsEntry("destroyed", 100.0f)
        .containsEntry("pendingDestruction", 0.0f)
        .containsEntry("balance", 200.0f);
    var after = balance();
    assertThat(mg(after, "mdma.onHandMgHcl"))
        .isEqualByComparingTo(mg(before, "mdma.onHandMgHcl").subtract(new BigDecimal(100)));
    assertThat(mg(after, "mdma.pendingDestructionMgHcl"))
        .isEqualByComparingTo(mg(before, "mdma.pendingDestructionMgHcl"));

    // The ledger line names the destruction and both witnesses.
    var line =
        as(PHARMACIST)
            .queryParam("kind", "DESTROYED")
            .queryParam("size", 200)
            .get(BASE + "movements", SF)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    var index = line.getList("items.kitCode").indexOf(kitCode);
    assertThat(index).isNotNegative();
    var item = "items[" + index + "].";
    assertThat(line.getString(item + "destructionId")).isEqualTo(id);
    assertThat(line.getString(item + "recordedBy")).isEqualTo(PHARMACIST);
    assertThat(line.getList(item + "witnesses.witness")).containsExactly(INVESTIGATOR, COORDINATOR);
    assertThat(line.getString(item + "id")).isEqualTo(done.getString("movementId"));

    // Nothing more to sign.
    sign(COORDINATOR, id).statusCode(409).body("code", equalTo("SES-0409-DESTRUCTION"));
    assertThat(signatures(id)).isEqualTo(2);

    // Every step audited, none with the content.
    for (var entity : List.of(id, done.getString("movementId"))) {
      assertThat(
              as("regulator.fda")
                  .queryParam("entityId", entity)
                  .get("/api/sessions/audit")
                  .then()
                  .statusCode(200)
                  .extract()
                  .asString())
          .contains(kitCode)
          .doesNotContain("MDMA");
    }
    assertThat(
            count(
                "select count(*) from audit_entry where entity_id = ? and entity_type ="
                    + " 'KitDestruction'",
                id))
        .isEqualTo(2); // CREATE, COMPLETE
    assertThat(
            count(
                "select count(*) from audit_entry where entity_type = 'DestructionSignature' and"
                    + " after_state like ?",
                "%" + id + "%"))
        .isEqualTo(2);
    // Each signature, whole, is in its audit entry's after.
    for (int i = 0; i < 2; i++) {
      var signature = "signatures[" + i + "].";
      assertThat(
              count(
                  "select count(*) from audit_entry where entity_type = 'DestructionSignature'"
                      + " and after_state::jsonb -> 'signature' ->> 'contentHash' = ?"
                      + " and after_state::jsonb -> 'signature' ->> 'signerName' = ?"
                      + " and after_state::jsonb -> 'signature' ->> 'signerId' = ?"
                      + " and after_state::jsonb -> 'signature' ->> 'recordType' = 'KitDestruction'"
                      + " and after_state::jsonb -> 'signature' ->> 'recordId' = ?"
                      + " and after_state::jsonb -> 'signature' ->> 'authenticatedAt' is not null",
                  done.getString(signature + "contentHash"),
                  done.getString(signature + "signerName"),
                  done.getString(signature + "signerId"),
                  id))
          .as("audit of signature " + i)
          .isEqualTo(1);
    }
    // And stored: id, username, IdP name, meaning, times and hash.
    assertThat(
            count(
                "select count(*) from destruction_signature where destruction_id = ?"
                    + " and signer_id is not null and signer_name is not null and meaning = ?"
                    + " and signed_at is not null and authenticated_at is not null"
                    + " and content_hash is not null and printed_name is null",
                UUID.fromString(id),
                MEANING))
        .isEqualTo(2);
  }

  /** The hash of what a witness signs, rebuilt from the destruction as shown. */
  private static String hashOf(JsonPath view, String statement) {
    var d = new KitDestruction();
    d.id = UUID.fromString(view.getString("id"));
    d.siteCode = view.getString("siteCode");
    d.kitCode = view.getString("kitCode");
    d.mgHcl = new BigDecimal(view.getString("mgHcl")).setScale(2);
    d.method = view.getString("method");
    d.recordedBy = view.getString("recordedBy");
    d.recorderName = view.getString("recorderName");
    d.recordedAt = Instant.parse(view.getString("recordedAt"));
    return Signatures.hash(d.signed(statement));
  }

  @Test
  void aSignatureNeedsAFreshLoginAndARefusedOneRecordsNothing() throws Exception {
    var kitCode = unique("KIT");
    receive(kitCode, "PLACEBO", 100);
    var id = record(kitCode, 10);
    var audits = audits();
    // A password-grant token says nothing of when its user logged in: it cannot sign.
    as(INVESTIGATOR)
        .contentType(ContentType.JSON)
        .body(Map.of("meaning", MEANING))
        .post(BASE + "destructions/{id}/signatures", SF, id)
        .then()
        .statusCode(401)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("PLATFORM-0401-REAUTHENTICATE"))
        .header("WWW-Authenticate", containsString("insufficient_user_authentication"))
        .header("WWW-Authenticate", containsString("max_age=300"));
    assertThat(signatures(id)).isZero();
    assertThat(audits()).isEqualTo(audits);
    as(PHARMACIST)
        .get(BASE + "destructions/{id}", SF, id)
        .then()
        .statusCode(200)
        .body("witnessesStillNeeded", equalTo(2))
        .body("signatures", hasSize(0));

    // A name cannot be typed any more, nor a meaning left out.
    signingAs(INVESTIGATOR)
        .contentType(ContentType.JSON)
        .body(Map.of("meaning", MEANING, "printedName", "Elena Marquez"))
        .post(BASE + "destructions/{id}/signatures", SF, id)
        .then()
        .statusCode(400)
        .body("detail", containsString("printedName"));
    signingAs(INVESTIGATOR)
        .contentType(ContentType.JSON)
        .body(Map.of())
        .post(BASE + "destructions/{id}/signatures", SF, id)
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("meaning"));
    assertThat(signatures(id)).isZero();
    assertThat(audits()).isEqualTo(audits);

    // Two destructions signed by one witness: two different hashes.
    var other = record(kitCode, 5);
    var one = sign(INVESTIGATOR, id).statusCode(201).extract().path("signatures[0].contentHash");
    var two = sign(INVESTIGATOR, other).statusCode(201).extract().path("signatures[0].contentHash");
    assertThat((String) one).matches(HASH).isNotEqualTo(two);
  }

  @Test
  void witnessesAreStaffOfTheSiteWithTheirOwnAccount() throws Exception {
    var kitCode = unique("KIT");
    receive(kitCode, "PLACEBO", 100);
    var id = record(kitCode, 10);
    for (var user : List.of("therapist.sf1", "rater.sf", "dsmb.chair", "regulator.fda")) {
      sign(user, id).statusCode(403);
      as(user).get(BASE + "destructions/{id}", SF, id).then().statusCode(403);
    }
    sign("coordinator.bos", id).statusCode(404).contentType(startsWith("application/problem+json"));
    io.restassured.RestAssured.given()
        .contentType(ContentType.JSON)
        .body(Map.of("meaning", MEANING))
        .post(BASE + "destructions/{id}/signatures", SF, id)
        .then()
        .statusCode(401);
    // A destruction of this site is not one of another site's.
    signingAs("coordinator.bos")
        .contentType(ContentType.JSON)
        .body(Map.of("meaning", MEANING))
        .post(BASE + "destructions/{id}/signatures", "US-BOS-02", id)
        .then()
        .statusCode(404)
        .body("code", equalTo("SES-0404"));
    sign(INVESTIGATOR, UUID.randomUUID().toString())
        .statusCode(404)
        .body("code", equalTo("SES-0404"));
    // Bad input: the meanings are the platform's; the module's own one is gone.
    signingAs(INVESTIGATOR)
        .contentType(ContentType.JSON)
        .body(Map.of("meaning", "WITNESSED_DESTRUCTION"))
        .post(BASE + "destructions/{id}/signatures", SF, id)
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("meaning"));
    assertThat(signatures(id)).isZero();

    // Witnesses list what waits for them; pharmacists too; others not.
    for (var user : List.of(INVESTIGATOR, COORDINATOR, PHARMACIST)) {
      as(user)
          .queryParam("status", "pending_witnesses")
          .queryParam("size", 200)
          .get(BASE + "destructions", SF)
          .then()
          .statusCode(200)
          .body("paging", equalTo("page"))
          .body("items.status", everyItem(equalTo("PENDING_WITNESSES")))
          .body("items.id", hasItem(id));
    }
    as("therapist.sf1").get(BASE + "destructions", SF).then().statusCode(403);
    as(INVESTIGATOR)
        .queryParam("status", "SHREDDED")
        .get(BASE + "destructions", SF)
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("status"));
    as(INVESTIGATOR)
        .queryParam("status", "SHREDDED")
        .get(BASE + "destructions", "US-BOS-02")
        .then()
        .statusCode(404)
        .body("code", equalTo("PLATFORM-0404"));
    // Only a pharmacist records or cancels.
    post(INVESTIGATOR, "destructions", Map.of("kitCode", kitCode, "mgHcl", 1, "method", "x"))
        .statusCode(403);
    as(INVESTIGATOR)
        .contentType(ContentType.JSON)
        .body(Map.of("reason", "no"))
        .post(BASE + "destructions/{id}/cancellation", SF, id)
        .then()
        .statusCode(403);
  }

  @Test
  void aDestructionNeedsAReceivedKitHoldingTheAmount() throws Exception {
    var kitCode = unique("KIT");
    receive(kitCode, "MDMA", 100);
    var audits = audits();
    var never = unique("KIT");
    post(PHARMACIST, "destructions", Map.of("kitCode", never, "mgHcl", 10, "method", "digestion"))
        .statusCode(422)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("SES-0422-KIT-NOT-RECEIVED"));
    post(
            PHARMACIST,
            "destructions",
            Map.of("kitCode", kitCode, "mgHcl", 101, "method", "digestion"))
        .statusCode(422)
        .body("code", equalTo("SES-0422-KIT-BALANCE"))
        .body("violations.field", hasItem("mgHcl"));
    assertThat(audits()).isEqualTo(audits);
    // Amounts already set aside cannot be set aside twice.
    record(kitCode, 70);
    post(PHARMACIST, "destructions", Map.of("kitCode", kitCode, "mgHcl", 31, "method", "digestion"))
        .statusCode(422)
        .body("code", equalTo("SES-0422-KIT-BALANCE"));
    // Witnesses sign for themselves: naming them is not accepted.
    post(
            PHARMACIST,
            "destructions",
            Map.of(
                "kitCode",
                kitCode,
                "mgHcl",
                10,
                "method",
                "digestion",
                "witnesses",
                List.of("Ann Lee", "Bo Chen")))
        .statusCode(400)
        .body("violations.field", hasItem("witnesses"));
    post(PHARMACIST, "destructions", Map.of("kitCode", kitCode, "mgHcl", 10))
        .statusCode(400)
        .body("violations.field", hasItem("method"));
    post(PHARMACIST, "destructions", Map.of("kitCode", kitCode, "mgHcl", -1, "method", "x"))
        .statusCode(400)
        .body("violations.field", hasItem("mgHcl"));
    assertThat(destructions(kitCode)).isEqualTo(1);
    assertThat(destructions(never)).isZero();
    post(PHARMACIST, "destructions", Map.of("kitCode", kitCode, "mgHcl", 30, "method", "digestion"))
        .statusCode(201);
  }

  @Test
  void aPendingDestructionCanBeCancelledACompletedOneCannot() throws Exception {
    var kitCode = unique("KIT");
    receive(kitCode, "PLACEBO", 100);
    var id = record(kitCode, 60);
    sign(INVESTIGATOR, id).statusCode(201);

    as(PHARMACIST)
        .contentType(ContentType.JSON)
        .body(Map.of())
        .post(BASE + "destructions/{id}/cancellation", SF, id)
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("reason"));
    as(PHARMACIST)
        .contentType(ContentType.JSON)
        .body(Map.of("reason", "wrong kit"))
        .post(BASE + "destructions/{id}/cancellation", SF, UUID.randomUUID())
        .then()
        .statusCode(404);
    as(PHARMACIST)
        .contentType(ContentType.JSON)
        .body(Map.of("reason", "wrong kit"))
        .post(BASE + "destructions/{id}/cancellation", SF, id)
        .then()
        .statusCode(200)
        .body("status", equalTo("CANCELLED"))
        .body("cancelledBy", equalTo(PHARMACIST))
        .body("cancelReason", equalTo("wrong kit"))
        .body("signatures", hasSize(1));
    assertThat(kit(kitCode))
        .containsEntry("pendingDestruction", 0.0f)
        .containsEntry("available", 100.0f);
    assertThat(
            count("select count(*) from audit_entry where entity_id = ? and action = 'CANCEL'", id))
        .isEqualTo(1);

    var audits = audits();
    sign(COORDINATOR, id).statusCode(409).body("code", equalTo("SES-0409-DESTRUCTION"));
    as(PHARMACIST)
        .contentType(ContentType.JSON)
        .body(Map.of("reason", "again"))
        .post(BASE + "destructions/{id}/cancellation", SF, id)
        .then()
        .statusCode(409)
        .body("code", equalTo("SES-0409-DESTRUCTION"));
    assertThat(signatures(id)).isEqualTo(1);
    assertThat(destroyedLines(kitCode)).isZero();
    assertThat(audits()).isEqualTo(audits);

    var completed = record(kitCode, 10);
    sign(INVESTIGATOR, completed).statusCode(201);
    sign(COORDINATOR, completed).statusCode(201);
    as(PHARMACIST)
        .contentType(ContentType.JSON)
        .body(Map.of("reason", "too late"))
        .post(BASE + "destructions/{id}/cancellation", SF, completed)
        .then()
        .statusCode(409)
        .body("code", equalTo("SES-0409-DESTRUCTION"));
    assertThat(destroyedLines(kitCode)).isEqualTo(1);
  }

  @Test
  void theLastSignatureIsRefusedWhenTheKitNoLongerHoldsTheAmount() throws Exception {
    var kitCode = unique("KIT");
    receive(kitCode, "MDMA", 100);
    var id = record(kitCode, 100);
    sign(INVESTIGATOR, id).statusCode(201);
    // The drug set aside went missing before the second witness came.
    post(
            PHARMACIST,
            "losses",
            Map.of(
                "kitCode",
                kitCode,
                "mgHcl",
                100,
                "discoveredAt",
                java.time.OffsetDateTime.now().minusMinutes(5).toString(),
                "description",
                "quarantine box empty",
                "reportReference",
                unique("DEA106")))
        .statusCode(201);
    var audits = audits();
    sign(COORDINATOR, id).statusCode(422).body("code", equalTo("SES-0422-KIT-BALANCE"));
    assertThat(signatures(id)).isEqualTo(1);
    assertThat(destroyedLines(kitCode)).isZero();
    assertThat(audits()).isEqualTo(audits);
    as(PHARMACIST)
        .get(BASE + "destructions/{id}", SF, id)
        .then()
        .statusCode(200)
        .body("status", equalTo("PENDING_WITNESSES"));
  }

  @Test
  void twoWitnessesSigningAtOnceCompleteItOnce() throws Exception {
    var kitCode = unique("KIT");
    receive(kitCode, "MDMA", 50);
    var id = record(kitCode, 50);
    var investigator =
        signingAs(INVESTIGATOR).contentType(ContentType.JSON).body(Map.of("meaning", MEANING));
    var coordinator =
        signingAs(COORDINATOR).contentType(ContentType.JSON).body(Map.of("meaning", MEANING));
    var start = new CountDownLatch(1);
    var pool = Executors.newFixedThreadPool(2);
    try {
      var futures =
          List.of(investigator, coordinator).stream()
              .map(
                  spec ->
                      CompletableFuture.supplyAsync(
                          () -> {
                            try {
                              start.await();
                            } catch (InterruptedException e) {
                              Thread.currentThread().interrupt();
                              throw new IllegalStateException(e);
                            }
                            return spec.post(BASE + "destructions/{id}/signatures", SF, id);
                          },
                          pool))
              .toList();
      start.countDown();
      var answers = futures.stream().map(CompletableFuture::join).toList();
      assertThat(answers.stream().map(Response::statusCode)).containsOnly(201);
      assertThat(answers.stream().map(r -> r.jsonPath().getString("status")))
          .containsExactlyInAnyOrder("PENDING_WITNESSES", "COMPLETED");
    } finally {
      pool.shutdown();
    }
    assertThat(destroyedLines(kitCode)).isEqualTo(1);
    assertThat(kit(kitCode)).containsEntry("balance", 0.0f);
  }
}
