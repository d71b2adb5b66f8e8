package org.mdmaat.safety.stopping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.mdmaat.safety.testing.Api.SF;
import static org.mdmaat.safety.testing.Api.as;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.safety.adverse.AdverseEvent;
import org.mdmaat.safety.adverse.AdverseEventOutcome;
import org.mdmaat.safety.adverse.Relatedness;
import org.mdmaat.safety.hold.SelfServedPort;
import org.mdmaat.safety.testing.Api;
import org.mdmaat.safety.testing.ScriptedParticipantDirectory;

/**
 * The race itself, forced: two transactions each store a related serious event and only then, both
 * events written and neither committed, count against a limit of 2. Without the per-trial lock each
 * sees only its own event (1) and the rule never fires; with it the second counts after the first
 * committed and fires it, once. (Through HTTP the audit chain's own lock happens to serialize the
 * two reports as well; this test does not rely on it.)
 */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "safety"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPort.class)
class StoppingRuleRaceTest {
  @Inject StoppingRules rules;

  private static AdverseEvent serious(String trial, String participant) {
    var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    var e = new AdverseEvent();
    e.id = UUID.randomUUID();
    e.participantCode = participant;
    e.trialId = trial;
    e.siteCode = SF;
    e.version = 1;
    e.term = "hyperthermia";
    e.categoryNames = "THERMOREGULATORY";
    e.onsetAt = now.minus(2, ChronoUnit.HOURS);
    e.awarenessAt = now.minus(1, ChronoUnit.HOURS);
    e.grade = 3;
    e.seriousness = "HOSPITALIZATION";
    e.serious = true;
    e.relatedness = Relatedness.PROBABLE;
    e.expected = true;
    e.outcome = AdverseEventOutcome.RECOVERED;
    e.reportedBy = "test";
    e.reportedAt = now;
    e.updatedBy = "test";
    e.updatedAt = now;
    return e;
  }

  /**
   * In one transaction: stores the event, says so, waits (without blocking a thread) until the
   * other transaction stored its own, then evaluates the rules.
   */
  private Uni<Void> storeThenCount(
      AdverseEvent event, CompletableFuture<Void> stored, CompletableFuture<Void> otherStored) {
    return Panache.withTransaction(
        () ->
            event
                .persistAndFlush()
                .invoke(() -> stored.complete(null))
                .chain(() -> onThisContext(otherStored))
                .chain(() -> rules.evaluate(event.trialId)));
  }

  private static Void awaited(java.util.function.Supplier<Uni<Void>> work) throws Exception {
    try {
      return VertxContextSupport.subscribeAndAwait(work);
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /**
   * Completes when {@code future} does, back on the caller's Vert.x context: the reactive session
   * may only be used from its own.
   */
  private static Uni<Void> onThisContext(CompletableFuture<Void> future) {
    var context = io.vertx.core.Vertx.currentContext();
    return Uni.createFrom()
        .emitter(
            emitter ->
                future.whenComplete(
                    (ignored, failure) -> context.runOnContext(v -> emitter.complete(null))));
  }

  @Test
  void twoEventsWrittenBeforeEitherCountsTripTheRuleExactlyOnce() throws Exception {
    var pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 3; round++) {
        var trial = Api.code("T");
        var first = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
        var second = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
        StoppingRuleTest.define("sponsor.maps", trial, "two", 2, "TRIAL", List.of("ENROLLMENT"))
            .statusCode(201)
            .body("fired", equalTo(false));
        var a = new CompletableFuture<Void>();
        var b = new CompletableFuture<Void>();
        var one = pool.submit(() -> awaited(() -> storeThenCount(serious(trial, first), a, b)));
        var two = pool.submit(() -> awaited(() -> storeThenCount(serious(trial, second), b, a)));
        one.get(60, TimeUnit.SECONDS);
        two.get(60, TimeUnit.SECONDS);

        as("sponsor.maps")
            .when()
            .get("/api/safety/trials/{t}/stopping-rules", trial)
            .then()
            .statusCode(200)
            .body("items[0].fired", equalTo(true))
            .body("items[0].firedCount", equalTo(2));
        var fires =
            as("regulator.fda")
                .queryParam("entityType", "StoppingRule")
                .queryParam("trialId", trial)
                .when()
                .get("/api/safety/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.findAll { it.action == 'FIRE' }");
        assertThat(fires).as("round %d", round).hasSize(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
