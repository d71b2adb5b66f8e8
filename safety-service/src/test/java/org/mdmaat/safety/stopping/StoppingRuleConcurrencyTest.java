package org.mdmaat.safety.stopping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.mdmaat.safety.testing.Api.SF;
import static org.mdmaat.safety.testing.Api.as;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.safety.hold.SelfServedPort;
import org.mdmaat.safety.testing.Api;
import org.mdmaat.safety.testing.ScriptedParticipantDirectory;

/**
 * Two serious related events committed at the same moment against a limit of 2: without the
 * per-trial lock each transaction counts only itself and sees 1, and the rule never fires. Repeated
 * to make the race likely.
 */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "safety"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPort.class)
class StoppingRuleConcurrencyTest {
  private static final int ROUNDS = 8;
  private static ExecutorService threads;

  @BeforeAll
  static void start() {
    threads = Executors.newFixedThreadPool(2);
  }

  @AfterAll
  static void stop() {
    threads.shutdownNow();
  }

  @Test
  void twoSeriousEventsAtOnceTripTheRuleExactlyOnceAndBothAreCounted() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      var trial = Api.code("T");
      var first = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
      var second = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
      StoppingRuleTest.define("sponsor.maps", trial, "two", 2, "TRIAL", List.of("ENROLLMENT"))
          .statusCode(201)
          .body("fired", equalTo(false));
      // Tokens first, so that both requests leave together.
      var a = Api.as("investigator.sf");
      var b = Api.as("investigator.sf");
      var barrier = new CyclicBarrier(2);
      var results = new ArrayList<Future<Integer>>();
      for (var pair : List.of(List.of(first), List.of(second))) {
        var spec = pair.get(0).equals(first) ? a : b;
        results.add(
            threads.submit(
                () -> {
                  barrier.await();
                  return spec.body(StoppingRuleTest.seriousReport(pair.get(0)))
                      .when()
                      .post("/api/safety/adverse-events")
                      .then()
                      .extract()
                      .statusCode();
                }));
      }
      for (var result : results) {
        assertThat(result.get()).isEqualTo(201);
      }
      as("sponsor.maps")
          .when()
          .get("/api/safety/trials/{t}/stopping-rules", trial)
          .then()
          .statusCode(200)
          .body("items[0].fired", equalTo(true))
          .body("items[0].firedCount", equalTo(2));
      var paused =
          Api.records(Topics.SAFETY_SIGNALS, trial, found -> !found.isEmpty()).stream()
              .filter(v -> v.contains(EventTypes.TRIAL_ENROLLMENT_PAUSED))
              .toList();
      assertThat(paused).as("round %d: fired once", round).hasSize(1);
    }
  }
}
