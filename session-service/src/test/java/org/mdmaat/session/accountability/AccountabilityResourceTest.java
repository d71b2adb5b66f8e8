package org.mdmaat.session.accountability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.mdmaat.session.SessionFixtures.SF;
import static org.mdmaat.session.SessionFixtures.as;
import static org.mdmaat.session.SessionFixtures.count;
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
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.session.dosing.SelfServedGatePort;

@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @io.quarkus.test.common.ResourceArg(name = "database", value = "session"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedGatePort.class)
class AccountabilityResourceTest {

  static long lines(String kitCode) throws Exception {
    return count("select count(*) from kit_movement where kit_code = ?", kitCode);
  }

  static long kitAudits() throws Exception {
    return count("select count(*) from audit_entry where entity_type = 'KitMovement'");
  }

  /** The audit entries of one record, as the (blinded) regulator reads them. */
  static String audited(String entityId) {
    return as("regulator.fda")
        .queryParam("entityId", entityId)
        .get("/api/sessions/audit")
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  static Map<String, Object> incident(String kitCode, int mgHcl) {
    var body = new HashMap<String, Object>();
    body.put("kitCode", kitCode);
    body.put("mgHcl", mgHcl);
    body.put("discoveredAt", OffsetDateTime.now(ZoneOffset.UTC).minusHours(2).toString());
    body.put("description", "capsule bottle missing from the safe at the morning count");
    body.put("reportReference", "DEA-106-" + unique("R"));
    return body;
  }

  @Test
  void aReceiptRecordsWhatTheKitHoldsAndMdmaAndPlaceboAreCountedApart() {
    var before = balance();
    var mdmaKit = unique("KIT");
    var placeboKit = unique("KIT");

    var mdma =
        post(PHARMACIST, "receipts", Map.of("kitCode", mdmaKit, "content", "MDMA", "mgHcl", 300))
            .statusCode(201)
            .contentType(startsWith("application/json"))
            .body("kind", equalTo("RECEIVED"))
            .body("content", equalTo("MDMA"))
            .extract()
            .jsonPath();
    assertThat(mg(mdma, "balanceAfter"))
        .isEqualByComparingTo(mg(before, "mdma.onHandMgHcl").add(new BigDecimal(300)));
    var placebo =
        post(
                PHARMACIST,
                "receipts",
                Map.of("kitCode", placeboKit, "content", "PLACEBO", "mgHcl", 300))
            .statusCode(201)
            .body("content", equalTo("PLACEBO"))
            .extract()
            .jsonPath();
    // The placebo kit has its own running balance: the MDMA one did not move.
    assertThat(mg(placebo, "balanceAfter"))
        .isEqualByComparingTo(mg(before, "placebo.onHandMgHcl").add(new BigDecimal(300)));
    assertThat(placebo.getLong("seq")).isGreaterThan(mdma.getLong("seq"));

    var after = balance();
    assertThat(mg(after, "mdma.onHandMgHcl"))
        .isEqualByComparingTo(mg(before, "mdma.onHandMgHcl").add(new BigDecimal(300)));
    assertThat(mg(after, "placebo.onHandMgHcl"))
        .isEqualByComparingTo(mg(before, "placebo.onHandMgHcl").add(new BigDecimal(300)));
    assertThat(after.getLong("mdma.kits")).isEqualTo(before.getLong("mdma.kits") + 1);
    assertThat(after.getLong("placebo.kits")).isEqualTo(before.getLong("placebo.kits") + 1);
    assertThat(after.getLong("lastSeq")).isEqualTo(placebo.getLong("seq"));
    assertThat(kit(mdmaKit)).containsEntry("content", "MDMA").containsEntry("balance", 300.0f);

    var placeboKits =
        as(PHARMACIST)
            .queryParam("content", "placebo")
            .queryParam("size", 200)
            .get(BASE + "kits", SF)
            .then()
            .statusCode(200)
            .body("items.content", everyItem(equalTo("PLACEBO")))
            .extract()
            .jsonPath();
    if (placeboKits.getInt("total") <= 200) {
      assertThat(placeboKits.getList("items.kitCode")).contains(placeboKit).doesNotContain(mdmaKit);
    }
    as(PHARMACIST)
        .queryParam("content", "MDMA")
        .get(BASE + "movements", SF)
        .then()
        .statusCode(200)
        .body("items.content", everyItem(equalTo("MDMA")));

    // The audit trail, which regulators read while the trial is blinded, carries neither the
    // content nor a balance by content; a commitment proves the content later.
    for (var receipt : List.of(mdma, placebo)) {
      assertThat(audited(receipt.getString("id")))
          .contains(receipt.getString("kitCode"))
          .contains("contentCommitment")
          .doesNotContain("MDMA")
          .doesNotContain("PLACEBO")
          .doesNotContain("\"content\"")
          .doesNotContain("balanceAfter");
    }
  }

  @Test
  void aKitIsReceivedOnceAndWithItsContent() throws Exception {
    var kitCode = unique("KIT");
    receive(kitCode, "PLACEBO", 120);
    var audits = kitAudits();

    post(PHARMACIST, "receipts", Map.of("kitCode", kitCode, "content", "MDMA", "mgHcl", 120))
        .statusCode(409)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("SES-0409-KIT-RECEIVED"));
    assertThat(lines(kitCode)).isEqualTo(1);
    assertThat(count("select count(*) from kit where kit_code = ?", kitCode)).isEqualTo(1);
    assertThat(kitAudits()).isEqualTo(audits);

    var fresh = unique("KIT");
    var invalid =
        List.<Map<String, Object>>of(
            Map.of("kitCode", fresh, "mgHcl", 120),
            Map.of("kitCode", fresh, "content", "ACTIVE", "mgHcl", 120),
            Map.of("kitCode", fresh, "content", "MDMA", "arm", "MDMA", "mgHcl", 120),
            Map.of("kitCode", fresh, "content", "MDMA", "mgHcl", 0),
            Map.of("kitCode", fresh, "content", "MDMA", "mgHcl", 12.345),
            Map.of("kitCode", "not a kit!", "content", "MDMA", "mgHcl", 120));
    var fields = List.of("content", "content", "arm", "mgHcl", "mgHcl", "kitCode");
    for (int i = 0; i < invalid.size(); i++) {
      post(PHARMACIST, "receipts", invalid.get(i))
          .statusCode(400)
          .contentType(startsWith("application/problem+json"))
          .body("violations.field", hasItem(fields.get(i)));
    }
    assertThat(lines(fresh)).isZero();
    assertThat(count("select count(*) from kit where kit_code = ?", fresh)).isZero();
    assertThat(kitAudits()).isEqualTo(audits);
  }

  @Test
  void lossesAndTheftsAreLedgerLinesWithTheirReport() {
    var kitCode = unique("KIT");
    receive(kitCode, "MDMA", 200);
    var before = balance();

    var loss = incident(kitCode, 50);
    var lost =
        post(PHARMACIST, "losses", loss)
            .statusCode(201)
            .body("kind", equalTo("LOST"))
            .body("content", equalTo("MDMA"))
            .body("incident.reportReference", equalTo(loss.get("reportReference")))
            .body("incident.description", equalTo(loss.get("description")))
            .body(
                "incident.discoveredAt",
                startsWith(((String) loss.get("discoveredAt")).substring(0, 16)))
            .extract()
            .jsonPath();
    assertThat(mg(lost, "balanceAfter"))
        .isEqualByComparingTo(mg(before, "mdma.onHandMgHcl").subtract(new BigDecimal(50)));
    var theft = incident(kitCode, 30);
    var stolen =
        post(PHARMACIST, "thefts", theft)
            .statusCode(201)
            .body("kind", equalTo("STOLEN"))
            .body("incident.reportReference", equalTo(theft.get("reportReference")))
            .extract()
            .jsonPath();

    assertThat(kit(kitCode))
        .containsEntry("lost", 50.0f)
        .containsEntry("stolen", 30.0f)
        .containsEntry("balance", 120.0f)
        .containsEntry("available", 120.0f);
    assertThat(mg(balance(), "mdma.onHandMgHcl"))
        .isEqualByComparingTo(mg(before, "mdma.onHandMgHcl").subtract(new BigDecimal(80)));
    as(PHARMACIST)
        .queryParam("kind", "stolen")
        .queryParam("size", 200)
        .get(BASE + "movements", SF)
        .then()
        .statusCode(200)
        .body("items.kind", everyItem(equalTo("STOLEN")));
    // Audited with the report, without the content.
    assertThat(audited(stolen.getString("id")))
        .contains((String) theft.get("reportReference"))
        .contains("STOLEN")
        .doesNotContain("MDMA");
    assertThat(audited(lost.getString("id"))).contains("LOST").doesNotContain("MDMA");
  }

  @Test
  void aLossOrTheftThatCannotHaveHappenedIsRefused() throws Exception {
    var kitCode = unique("KIT");
    receive(kitCode, "PLACEBO", 100);
    var audits = kitAudits();

    post(PHARMACIST, "losses", incident(kitCode, 101))
        .statusCode(422)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("SES-0422-KIT-BALANCE"))
        .body("violations.field", hasItem("mgHcl"));
    var never = unique("KIT");
    post(PHARMACIST, "thefts", incident(never, 10))
        .statusCode(422)
        .body("code", equalTo("SES-0422-KIT-NOT-RECEIVED"))
        .body("violations.field", hasItem("kitCode"));
    var future = incident(kitCode, 10);
    future.put("discoveredAt", OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).toString());
    post(PHARMACIST, "losses", future)
        .statusCode(422)
        .body("code", equalTo("SES-0422-KIT"))
        .body("violations.field", hasItem("discoveredAt"));
    for (var field : List.of("reportReference", "description", "discoveredAt")) {
      var missing = incident(kitCode, 10);
      missing.remove(field);
      post(PHARMACIST, "thefts", missing)
          .statusCode(400)
          .contentType(startsWith("application/problem+json"))
          .body("violations.field", hasItem(field));
    }
    var blank = incident(kitCode, 10);
    blank.put("reportReference", "  ");
    post(PHARMACIST, "losses", blank).statusCode(400);
    var notADate = incident(kitCode, 10);
    notADate.put("discoveredAt", "yesterday");
    post(PHARMACIST, "losses", notADate)
        .statusCode(400)
        .body("violations.field", hasItem("discoveredAt"));

    assertThat(lines(kitCode)).isEqualTo(1);
    assertThat(lines(never)).isZero();
    assertThat(kitAudits()).isEqualTo(audits);
    assertThat(kit(kitCode)).containsEntry("balance", 100.0f);
  }

  @Test
  void theLedgerFollowsItsSequenceAndEachContentsBalanceContinuesItsLastLine() {
    var a = unique("KIT");
    var b = unique("KIT");
    receive(a, "MDMA", 50);
    receive(b, "PLACEBO", 50);
    post(PHARMACIST, "losses", incident(a, 5)).statusCode(201);
    post(PHARMACIST, "thefts", incident(b, 5)).statusCode(201);

    var all = new ArrayList<Map<String, Object>>();
    long total;
    int page = 0;
    do {
      var json =
          as(PHARMACIST)
              .queryParam("size", 200)
              .queryParam("page", page++)
              .get(BASE + "movements", SF)
              .then()
              .statusCode(200)
              .body("paging", equalTo("page"))
              .extract()
              .jsonPath();
      total = json.getLong("total");
      all.addAll(json.getList("items"));
    } while ((long) page * 200 < total);
    assertThat(all).hasSize((int) total);

    Map<Object, Map<String, Object>> last = new HashMap<>();
    long previousSeq = 0;
    for (var line : all) {
      long seq = ((Number) line.get("seq")).longValue();
      assertThat(seq).isGreaterThan(previousSeq);
      previousSeq = seq;
      var before = last.get(line.get("content"));
      var expected =
          (before == null ? BigDecimal.ZERO : mg(before.get("balanceAfter")))
              .add(signed((String) line.get("kind"), mg(line.get("mgHcl"))));
      assertThat(((Number) line.get("previousSeq")).longValue())
          .as("line %s continues the last line of its content", seq)
          .isEqualTo(before == null ? 0 : ((Number) before.get("seq")).longValue());
      assertThat(mg(line.get("balanceAfter"))).isEqualByComparingTo(expected);
      last.put(line.get("content"), line);
    }
    var balance = balance();
    assertThat(mg(balance, "mdma.onHandMgHcl"))
        .isEqualByComparingTo(mg(last.get("MDMA").get("balanceAfter")));
    assertThat(mg(balance, "placebo.onHandMgHcl"))
        .isEqualByComparingTo(mg(last.get("PLACEBO").get("balanceAfter")));
    assertThat(balance.getLong("lastSeq")).isEqualTo(previousSeq);
  }

  private static BigDecimal signed(String kind, BigDecimal mg) {
    return switch (kind) {
      case "RECEIVED", "RETURNED" -> mg;
      default -> mg.negate();
    };
  }

  @Test
  void concurrentMovementsNeverBuildOnTheSameBalance() throws Exception {
    var kitCode = unique("KIT");
    receive(kitCode, "MDMA", 100);

    // Six losses of 60 mg from a kit of 100 at once: exactly one can have happened.
    var losses =
        run(
            6,
            i -> as(PHARMACIST).contentType(ContentType.JSON).body(incident(kitCode, 60)),
            "losses");
    assertThat(losses.stream().map(Response::statusCode))
        .containsExactlyInAnyOrder(201, 422, 422, 422, 422, 422);
    assertThat(
            losses.stream()
                .filter(r -> r.statusCode() == 422)
                .map(r -> r.jsonPath().getString("code")))
        .containsOnly("SES-0422-KIT-BALANCE");
    assertThat(kit(kitCode)).containsEntry("balance", 40.0f);
    assertThat(lines(kitCode)).isEqualTo(2);

    // Eight receipts at once: each continues the one before it, none reads the same balance.
    var receipts =
        run(
            8,
            i ->
                as(PHARMACIST)
                    .contentType(ContentType.JSON)
                    .body(Map.of("kitCode", unique("KIT"), "content", "PLACEBO", "mgHcl", 10)),
            "receipts");
    var written =
        receipts.stream()
            .peek(r -> assertThat(r.statusCode()).isEqualTo(201))
            .map(r -> r.jsonPath())
            .sorted(Comparator.comparingLong(j -> j.getLong("seq")))
            .toList();
    for (int i = 1; i < written.size(); i++) {
      assertThat(written.get(i).getLong("previousSeq"))
          .isEqualTo(written.get(i - 1).getLong("seq"));
      assertThat(mg(written.get(i), "balanceAfter"))
          .isEqualByComparingTo(mg(written.get(i - 1), "balanceAfter").add(BigDecimal.TEN));
    }
  }

  /** Sends {@code n} requests at once (specs built first, so tokens are fetched beforehand). */
  private static List<Response> run(
      int n,
      java.util.function.IntFunction<io.restassured.specification.RequestSpecification> spec,
      String what)
      throws Exception {
    var specs = new ArrayList<io.restassured.specification.RequestSpecification>();
    for (int i = 0; i < n; i++) {
      specs.add(spec.apply(i));
    }
    var start = new CountDownLatch(1);
    var pool = Executors.newFixedThreadPool(n);
    try {
      var futures = new ArrayList<CompletableFuture<Response>>();
      for (var s : specs) {
        futures.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    start.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                  }
                  return s.post(BASE + what, SF);
                },
                pool));
      }
      start.countDown();
      return futures.stream().map(CompletableFuture::join).toList();
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void pharmacistsOfTheSiteOnly() {
    var receipt =
        Map.<String, Object>of("kitCode", unique("KIT"), "content", "PLACEBO", "mgHcl", 120);
    given()
        .contentType(ContentType.JSON)
        .body(receipt)
        .post(BASE + "receipts", SF)
        .then()
        .statusCode(401)
        .contentType(startsWith("application/problem+json"));
    for (var user :
        List.of(
            "therapist.sf1",
            "coordinator.sf",
            "investigator.sf",
            "rater.sf",
            "dsmb.chair",
            "regulator.fda")) {
      post(user, "receipts", receipt).statusCode(403);
      post(user, "losses", incident(unique("KIT"), 10)).statusCode(403);
      post(user, "returns", Map.of("kitCode", unique("KIT"), "mgHcl", 10)).statusCode(403);
      for (var read : List.of("balance", "kits", "movements", "discrepancies")) {
        as(user)
            .get(BASE + read, SF)
            .then()
            .statusCode(403)
            .contentType(startsWith("application/problem+json"))
            .body(not(org.hamcrest.Matchers.containsString("MDMA")));
      }
    }
    as(PHARMACIST)
        .contentType(ContentType.JSON)
        .body(receipt)
        .post(BASE + "receipts", "US-BOS-02")
        .then()
        .statusCode(404)
        .contentType(startsWith("application/problem+json"));
    for (var read : List.of("balance", "kits", "movements", "discrepancies")) {
      as(PHARMACIST).get(BASE + read, "US-BOS-02").then().statusCode(404);
    }
    as(PHARMACIST)
        .queryParam("content", "ACTIVE")
        .get(BASE + "movements", SF)
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("content"));
    as(PHARMACIST)
        .queryParam("kind", "EATEN")
        .get(BASE + "movements", SF)
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("kind"));
    as(PHARMACIST).queryParam("content", "ACTIVE").get(BASE + "kits", SF).then().statusCode(400);
    // The site is checked before the filters: another site's list stays a 404 whatever they say.
    for (var read : List.of("kits", "movements")) {
      as(PHARMACIST)
          .queryParam("content", "ACTIVE")
          .get(BASE + read, "US-BOS-02")
          .then()
          .statusCode(404)
          .body("code", equalTo("PLATFORM-0404"));
    }
    for (var read : List.of("kits", "movements", "discrepancies")) {
      as(PHARMACIST).queryParam("size", 500).get(BASE + read, SF).then().statusCode(400);
      as(PHARMACIST).queryParam("page", -1).get(BASE + read, SF).then().statusCode(400);
    }
  }

  @Test
  void theDiscrepancyReportIsPagedAndEmptyForALedgerKeptByTheRules() {
    var kitCode = unique("KIT");
    receive(kitCode, "MDMA", 60);
    post(PHARMACIST, "losses", incident(kitCode, 60)).statusCode(201);
    var report =
        as(PHARMACIST)
            .queryParam("size", 200)
            .get(BASE + "discrepancies", SF)
            .then()
            .statusCode(200)
            .body("paging", equalTo("page"))
            .body("size", equalTo(200))
            .extract()
            .jsonPath();
    assertThat(report.getList("items.kitCode")).doesNotContain(kitCode);
    assertThat(report.getList("items.kind")).doesNotContain("RUNNING_BALANCE_BROKEN");
  }
}
