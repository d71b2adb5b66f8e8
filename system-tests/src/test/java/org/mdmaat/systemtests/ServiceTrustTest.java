package org.mdmaat.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaAccess;
import org.mdmaat.devstack.Platform;
import org.mdmaat.devstack.Platform.Service;

/**
 * What is reachable behind the gateway, and what a Kafka client that is not the topic's owner can
 * do: health and metrics live on a management port apart from the API, and an event written in
 * another service's name is parked and counted, never applied.
 */
class ServiceTrustTest {
  private static Platform platform;

  @BeforeAll
  static void platform() {
    platform = RunningPlatform.get();
  }

  @Test
  void healthAndMetricsAreOnTheManagementPortOnly() {
    for (var service : Service.values()) {
      given()
          .baseUri(platform.managementUrl(service))
          .get("/q/health/ready")
          .then()
          .statusCode(200);
      given().baseUri(platform.managementUrl(service)).get("/q/metrics").then().statusCode(200);
      // The API port serves neither: monitoring never needs to reach it.
      given().baseUri(platform.serviceUrl(service)).get("/q/metrics").then().statusCode(404);
      given().baseUri(platform.serviceUrl(service)).get("/q/health").then().statusCode(404);
    }
  }

  @Test
  void theBrokerLetsAServiceWriteOnlyItsOwnTopics() {
    // safety-service's own credentials, on recruitment-service's topic: refused by the broker.
    var config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka().bootstrapServers());
    config.putAll(KafkaAccess.clientConfig("safety-service"));
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10000);
    try (var producer = new KafkaProducer<String, String>(config)) {
      var failure =
          org.assertj.core.api.Assertions.catchThrowable(
              () -> producer.send(new ProducerRecord<>("recruitment.trials", "x", "{}")).get());
      assertThat(failure)
          .hasCauseInstanceOf(org.apache.kafka.common.errors.TopicAuthorizationException.class);
    }
  }

  @Test
  void aTrialStatusWrittenInAnotherServicesNameIsRefusedAndCounted() throws Exception {
    var trial = "FORGED-" + UUID.randomUUID().toString().substring(0, 8);
    // Well-formed, but recruitment.trials is recruitment-service's: safety-service never writes it.
    // (Written with devstack's super user: as if a credential leaked past the broker's ACLs.)
    var forged =
        """
        {"id":"%s","type":"TrialStatusChanged","source":"safety-service","trialId":"%s",
         "time":"%s","data":{"trialId":"%s","status":"RECRUITING"}}
        """
            .formatted(UUID.randomUUID(), trial, Instant.now(), trial);
    var config = KafkaAccess.adminClient(platform.kafka().bootstrapServers());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    try (var producer = new KafkaProducer<String, String>(config)) {
      producer.send(new ProducerRecord<>("recruitment.trials", trial, forged)).get();
    }

    // session-service and outcomes-service both consume the topic; each refuses and counts it.
    for (var consumer : new Service[] {Service.SESSION, Service.OUTCOMES}) {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () ->
                  assertThat(
                          given()
                              .baseUri(platform.managementUrl(consumer))
                              .get("/q/metrics")
                              .then()
                              .statusCode(200)
                              .extract()
                              .asString())
                      .containsPattern(
                          "mdmaat_events_refused_total\\{[^}]*reason=\"source\"[^}]*"
                              + "topic=\"recruitment\\.trials\"[^}]*\\} [1-9]"));
    }
    // Nothing of it was applied: session-service knows no such trial.
    assertThat(
            Scenario.count(
                platform, "session", "select count(*) from known_trial where trial_id = ?", trial))
        .isZero();
  }
}
