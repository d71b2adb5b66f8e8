package org.mdmaat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mdmaat.devstack.Platform;
import org.mdmaat.devstack.Platform.Service;
import org.mdmaat.devstack.ServiceProcess;

/**
 * The deployment rehearsal (issue 18, item 2): the five packaged services started with exactly the
 * environment their Deployments in the rendered {@code rehearsal} overlay give (ConfigMap and
 * Secret references resolved, the Secrets holding devstack's credentials) serve the walking
 * skeleton through the gateway. The platform every system test shares is that start ({@link
 * RunningPlatform}), so this class costs a few calls, not a platform. Skipped, saying why, where
 * kubectl is missing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeploymentRehearsalTest {
  private static Platform platform;
  private static Rehearsal rehearsal;

  @BeforeAll
  static void rehearsed() {
    platform = RunningPlatform.get();
    assumeTrue(
        RunningPlatform.rehearsal().isPresent(),
        () -> "not rehearsed: " + RunningPlatform.notRehearsed());
    rehearsal = RunningPlatform.rehearsal().orElseThrow();
    System.out.printf(
        "[system-tests] the rehearsal platform started in %.1f s%n",
        RunningPlatform.startSeconds());
  }

  @Test
  @Order(1)
  void theRehearsalOverlayIsProductionWithOnlyItsEndpointsPointingAtDevstack() throws Exception {
    var production = Kustomize.parse(Kustomize.renderText("production"));
    var rendered = Kustomize.parse(Kustomize.renderText(Rehearsal.OVERLAY));

    var productionConfig = onlyConfigMap(production);
    var rehearsalConfig = onlyConfigMap(rendered);
    assertThat(rehearsalConfig.keySet()).isEqualTo(productionConfig.keySet());
    var changed = new ArrayList<String>();
    for (var key : productionConfig.keySet()) {
      var value = rehearsalConfig.get(key);
      if (!value.equals(productionConfig.get(key))) {
        changed.add(key);
        assertThat(value)
            .as("platform-config %s differs from production only to point at devstack", key)
            .containsAnyOf("localhost", "{{");
      }
    }
    // The endpoints, every one of them: a production address left in would not be rehearsed.
    assertThat(changed)
        .contains(
            "oidc.auth-server-url",
            "kafka.bootstrap-servers",
            "gateway.routes.safety.url",
            "grpc.participant-directory.host",
            "safety.jdbc-url",
            "safety.reactive-url");
    for (var key : productionConfig.keySet()) {
      if (key.endsWith("url") || key.endsWith(".host") || key.endsWith("bootstrap-servers")) {
        assertThat(changed).as("the rehearsal points %s at devstack", key).contains(key);
      }
    }
    // Everything else, Deployments included, is production's (the ConfigMap's name carries a hash
    // of its content).
    assertThat(withoutConfigData(rendered)).isEqualTo(withoutConfigData(production));
  }

  @Test
  @Order(2)
  void eachServiceWasStartedWithItsDeploymentsEnvironmentAndNothingElse() throws Exception {
    var secrets = RunningPlatform.secrets();
    for (var service : Service.values()) {
      var fromManifest = rehearsal.environment(service.module(), secrets);
      var expected = new LinkedHashMap<>(fromManifest);
      expected.putAll(RunningPlatform.additions(service));
      assertThat(RunningPlatform.given(service)).as(service.module()).isEqualTo(expected);
      // Every setting the production profile requires comes from the manifest.
      var required = DeploymentSettingsTest.requiredSettings(service.module());
      assertThat(fromManifest).as(service.module()).containsKeys(required.toArray(String[]::new));
      // What the rehearsal adds cannot stand in for a setting the manifest must give.
      var added = new ArrayList<>(RunningPlatform.additions(service).keySet());
      added.addAll(platform.listenEnvironment(service).keySet());
      assertThat(added).as("added to %s", service.module()).doesNotContainAnyElementsOf(required);
      assertThat(fromManifest.values())
          .as("%s: every placeholder filled", service.module())
          .noneMatch(v -> v.contains("{{"));
    }
    // The audit key came through the Secret volume, as the kubelet would mount it.
    var safety = RunningPlatform.given(Service.SAFETY);
    assertThat(Path.of(safety.get("PLATFORM_AUDIT_CHECKPOINT_PRIVATE_KEY_FILE"))).isRegularFile();
    assertThat(safety.get("QUARKUS_DATASOURCE_USERNAME")).isEqualTo("safety_runtime");
  }

  @Test
  @Order(3)
  void theWalkingSkeletonRunsThroughTheGateway() {
    // A sponsor creates a trial and reads it (gateway, Keycloak, recruitment-service, PostgreSQL).
    var trialId =
        Scenario.recruitingTrial(
            Scenario.as(platform, "sponsor.maps"), Scenario.as(platform, "sponsor.maps"));
    Scenario.as(platform, "sponsor.maps")
        .when()
        .get("/api/recruitment/trials/" + trialId)
        .then()
        .statusCode(200)
        .body("status", equalTo("RECRUITING"));
    // A site enrols a participant (recruitment-service asks outcomes-service over gRPC for the
    // screening CAPS-5, outcomes-service recruitment-service for the participant) and reads it.
    var code =
        Scenario.enrolledAt(
            platform, trialId, Scenario.SF, Scenario.unique("Rehearsal Case").replace('-', ' '));
    Scenario.as(platform, "coordinator.sf")
        .when()
        .get("/api/recruitment/participants/" + code)
        .then()
        .statusCode(200)
        .body("status", equalTo("ENROLLED"));
    // A hold: safety-service's outbox through Kafka into session-service, and session-service's
    // gRPC gate to safety-service.
    Scenario.placeHold(platform, "investigator.sf", code, trialId, Scenario.SF);
    Scenario.as(platform, "therapist.sf1")
        .when()
        .get("/api/sessions/participants/" + code + "/dosing-clearance")
        .then()
        .statusCode(200)
        .body("cleared", equalTo(false));
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        Scenario.as(platform, "therapist.sf1")
                            .when()
                            .get("/api/sessions/participants/" + code + "/dosing-clearance")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getList("knownHolds"))
                    .hasSize(1));
    Scenario.as(platform, "regulator.fda")
        .queryParam("participantCode", code)
        .when()
        .get("/api/sessions/audit")
        .then()
        .statusCode(200)
        .body("items.actor", hasItem("system:session-service"));
    // Every service's audit chain, through the gateway's cross-service verification.
    Scenario.as(platform, "regulator.fda")
        .when()
        .get("/api/audit/verify")
        .then()
        .statusCode(200)
        .body("intact", equalTo(true));
  }

  /**
   * The manifests' production profile logs JSON lines (platform-web's JsonLines): each packaged
   * service got that far with them on (a missing Jakarta JSON provider once stopped them), and the
   * lines written while serving carry the trace id.
   */
  @Test
  @Order(4)
  void eachServiceLogsJsonLinesWithTraceIds() throws Exception {
    // A refusal the gateway logs while serving (a sponsor may not read the audit trail).
    Scenario.as(platform, "sponsor.maps").when().get("/api/audit").then().statusCode(403);
    var logs =
        Path.of(System.getProperty("devstack.work", "target/platform"))
            .toAbsolutePath()
            .resolve("logs");
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    int traced = 0;
    for (var service : Service.values()) {
      var log = logs.resolve(service.module() + ".log");
      int json = 0;
      for (var line : Files.readAllLines(log)) {
        if (!line.startsWith("{")) {
          continue; // the boot's own lines, before start-up completes, are text
        }
        JsonNode entry = mapper.readTree(line);
        assertThat(entry.path("timestamp").asText()).as("%s: %s", log, line).endsWith("Z");
        assertThat(entry.has("level") && entry.has("message") && entry.path("mdc").isObject())
            .as("%s: %s", log, line)
            .isTrue();
        json++;
        if (entry.path("mdc").path("traceId").asText().matches("[0-9a-f]{32}")) {
          traced++;
        }
      }
      assertThat(json).as("JSON lines in %s", log).isPositive();
    }
    assertThat(traced).as("JSON lines with a trace id in %s", logs).isPositive();
  }

  @Test
  @Order(5)
  void aSecretKeyOrConfigMapKeyMissingIsNamedBeforeAnythingStarts() {
    var secrets = new HashMap<>(RunningPlatform.secrets());
    secrets.put("session-service-kafka", Map.of());
    assertThatThrownBy(() -> rehearsal.environment("session-service", secrets))
        .hasMessageContaining("KAFKA_PASSWORD")
        .hasMessageContaining("session-service-kafka");

    var deployment = rehearsal.deployment("safety-service").deepCopy();
    var env = container(deployment).withArray("env");
    for (var entry : env) {
      if (entry.path("name").asText().equals("QUARKUS_DATASOURCE_JDBC_URL")) {
        ((ObjectNode) entry.path("valueFrom").path("configMapKeyRef")).put("key", "safety.jdbc");
      }
    }
    assertThatThrownBy(() -> rehearsal.environment(deployment, RunningPlatform.secrets()))
        .hasMessageContaining("QUARKUS_DATASOURCE_JDBC_URL")
        .hasMessageContaining("safety.jdbc");
  }

  @Test
  @Order(6)
  void aSettingMissingFromADeploymentFailsTheStartNamingIt() throws Exception {
    // session-service's Deployment without the SafetyGate's address: the start fails and says why.
    var missing = "QUARKUS_GRPC_CLIENTS_SAFETY_GATE_HOST";
    var deployment = rehearsal.deployment("session-service").deepCopy();
    var env = container(deployment).withArray("env");
    assertThat(removeEntry(env, missing)).as("the Deployment sets %s", missing).isTrue();
    var environment = rehearsal.environment(deployment, RunningPlatform.secrets());
    environment.putAll(RunningPlatform.additions(Service.SESSION));
    environment.putAll(
        Platform.listenEnvironment(
            Service.SESSION, Platform.Ports.freePort(), Platform.Ports.freePort()));
    var root = Kustomize.ROOT.toAbsolutePath();
    var log =
        Path.of(System.getProperty("devstack.work", "target/platform"))
            .toAbsolutePath()
            .resolve("logs/rehearsal-without-setting.log");
    Files.deleteIfExists(log);
    assertThatThrownBy(
            () ->
                ServiceProcess.start(
                    "session-service-without-setting",
                    root.resolve("session-service/target/quarkus-app/quarkus-run.jar"),
                    Map.of(),
                    environment,
                    log,
                    0,
                    Integer.parseInt(environment.get("QUARKUS_MANAGEMENT_PORT"))))
        .hasMessageContaining("exited before it was ready");
    assertThat(Files.readString(log)).contains(missing);
  }

  private static ObjectNode container(JsonNode deployment) {
    return (ObjectNode)
        deployment.path("spec").path("template").path("spec").path("containers").get(0);
  }

  private static boolean removeEntry(ArrayNode env, String name) {
    for (int i = 0; i < env.size(); i++) {
      if (env.get(i).path("name").asText().equals(name)) {
        env.remove(i);
        return true;
      }
    }
    return false;
  }

  private static Map<String, String> onlyConfigMap(List<JsonNode> documents) {
    var data = new LinkedHashMap<String, String>();
    var found = 0;
    for (var doc : documents) {
      if (doc.path("kind").asText().equals("ConfigMap")) {
        found++;
        doc.path("data")
            .fields()
            .forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
      }
    }
    assertThat(found).as("rendered ConfigMaps").isEqualTo(1);
    return data;
  }

  /** The documents with the ConfigMap's data left out and its hashed name made plain. */
  private static List<String> withoutConfigData(List<JsonNode> documents) {
    var out = new ArrayList<String>();
    for (var doc : documents) {
      var copy = doc.deepCopy();
      if (copy.path("kind").asText().equals("ConfigMap")) {
        ((ObjectNode) copy).remove("data");
      }
      out.add(copy.toString().replaceAll("platform-config-[a-z0-9]{10}", "platform-config"));
    }
    return out;
  }
}
