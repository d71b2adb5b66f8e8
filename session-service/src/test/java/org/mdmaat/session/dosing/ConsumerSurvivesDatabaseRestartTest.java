package org.mdmaat.session.dosing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mdmaat.session.SessionFixtures.SF;
import static org.mdmaat.session.SessionFixtures.TRIAL;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mdmaat.contracts.events.DosingHoldPlaced;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.session.SessionFixtures;

/**
 * Issue 18's done-when: a consumer's transient failure is retried and applied, not dead-lettered,
 * while PostgreSQL restarts mid-flow. The service runs on a PostgreSQL of this class's own ({@link
 * RestartablePostgres}), so stopping it disturbs no other test class. A hold placed while the
 * database is down fails its first attempts (the inbox retries with backoff: 7 attempts, 200 ms to
 * 5 s); the database comes back within that window, and the hold is applied once, audited once, and
 * never reaches the dead-letter topic.
 */
@QuarkusTest
@TestProfile(ConsumerSurvivesDatabaseRestartTest.OwnDatabase.class)
class ConsumerSurvivesDatabaseRestartTest {
  /**
   * The resources of this class only: the other classes' {@code @QuarkusTestResource}s are global
   * (the shared PostgreSQL among them), so they are switched off here rather than competing with
   * {@link RestartablePostgres} for the datasource settings.
   */
  public static class OwnDatabase implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(
          new TestResourceEntry(RestartablePostgres.class),
          new TestResourceEntry(KafkaResource.class),
          new TestResourceEntry(KeycloakResource.class),
          new TestResourceEntry(SelfServedGatePort.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
      return true;
    }
  }

  @Inject ObjectMapper json;
  @Inject MeterRegistry meters;

  private double counted(String name) {
    return meters.find(name).tag("consumer", DosingHoldListener.CONSUMER).counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private EventEnvelope placed(String code, String holdId) {
    var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return EventEnvelope.of(
        EventTypes.DOSING_HOLD_PLACED,
        "safety-service",
        TRIAL,
        code,
        json.valueToTree(
            new DosingHoldPlaced(holdId, code, TRIAL, SF, "INVESTIGATOR", "BP 185/112", now)));
  }

  private static long holds(String holdId) throws Exception {
    return RestartablePostgres.count(
        "select count(*) from dosing_hold where hold_id = ?::uuid", holdId);
  }

  @Test
  void aHoldPlacedWhileTheDatabaseRestartsIsRetriedAndAppliedOnce() throws Exception {
    // The consumer is up and applying before the database goes away.
    var code = "P-RESTART-" + UUID.randomUUID().toString().substring(0, 8);
    var first = UUID.randomUUID().toString();
    SessionFixtures.send(Topics.DOSING_HOLDS, code, json.writeValueAsString(placed(code, first)));
    await().atMost(Duration.ofSeconds(60)).until(() -> holds(first) == 1);

    var retriedBefore = counted("mdmaat.events.retried");
    var deadBefore = counted("mdmaat.events.dead.lettered");
    RestartablePostgres.stopServer();
    assertThat(RestartablePostgres.isUp()).isFalse();

    var held = UUID.randomUUID().toString();
    var event = placed(code, held);
    SessionFixtures.send(Topics.DOSING_HOLDS, code, json.writeValueAsString(event));
    // The effect failed on the missing database and is being retried, not parked.
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> counted("mdmaat.events.retried") > retriedBefore);

    RestartablePostgres.startServer();
    // Refused connections while the server starts up are expected: ask again.
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> holds(held) == 1);

    assertThat(counted("mdmaat.events.retried")).isGreaterThan(retriedBefore);
    assertThat(counted("mdmaat.events.dead.lettered")).isEqualTo(deadBefore);
    assertThat(
            RestartablePostgres.count(
                "select count(*) from processed_event where consumer = ? and event_id = ?::uuid",
                DosingHoldListener.CONSUMER,
                event.id().toString()))
        .isEqualTo(1);
    assertThat(
            RestartablePostgres.count(
                "select count(*) from audit_entry where entity_type = 'DosingHold'"
                    + " and entity_id = ?",
                held))
        .isEqualTo(1);
    assertThat(SessionFixtures.deadLetters(Topics.DOSING_HOLDS))
        .noneMatch(value -> value.contains(event.id().toString()));
  }
}
