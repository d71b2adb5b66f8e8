package org.mdmaat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mdmaat.devstack.Platform;

/**
 * The Kubernetes overlays give every service every setting its production profile requires.
 *
 * <p>A required setting is one whose production value is an expression without a default ({@code
 * quarkus.grpc.clients.safety-gate.host=${QUARKUS_GRPC_CLIENTS_SAFETY_GATE_HOST}}), in the
 * service's application.properties or, for the four domain services, the platform's shared
 * defaults: without it the service refuses to start, naming it. Each overlay is rendered with
 * {@code kubectl kustomize}, and each service's Deployment must set each of its required settings,
 * from a literal, a Secret, or a key that exists in the rendered ConfigMap (never a loopback
 * address).
 */
class DeploymentSettingsTest {
  private static final Path ROOT = Kustomize.ROOT;

  /** {@code ${NAME}} with no default ({@code ${NAME:default}} is not required). */
  private static final Pattern REQUIRED = Pattern.compile("^\\$\\{([A-Za-z0-9_.\\-]+)}$");

  private static final List<String> DOMAIN_SERVICES =
      List.of("recruitment-service", "session-service", "safety-service", "outcomes-service");

  @ParameterizedTest
  @ValueSource(strings = {"staging", "production"})
  void everyRequiredSettingIsInTheRenderedDeployments(String overlay) throws Exception {
    var documents = render(overlay);
    var configMaps = configMaps(documents);

    for (var service :
        List.of(
            "recruitment-service",
            "session-service",
            "safety-service",
            "outcomes-service",
            "gateway")) {
      var required = requiredSettings(service);
      // The parser must find something: an empty set would pass every manifest.
      assertThat(required).as("settings %s requires in production", service).isNotEmpty();

      var env = containerEnv(documents, service);
      for (var setting : required) {
        assertThat(env)
            .as("%s's Deployment in overlay %s sets %s", service, overlay, setting)
            .containsKey(setting);
        var value = resolve(env.get(setting), configMaps, service, setting);
        assertThat(value)
            .as("%s's %s in overlay %s", service, setting, overlay)
            .isNotBlank()
            .doesNotContain("localhost")
            .doesNotContain("127.0.0.1");
      }
    }
  }

  @Test
  void everyRealmClientSecretIsNamedWhereKeycloakImportsTheRealm() throws IOException {
    // No pod reads Keycloak's own import variables (a device's, the gateway's), so the Deployments
    // cannot show them; deploy/README's Keycloak section is where an operator learns to set them,
    // or the realm imports a client with its public dev-only default secret.
    var realm = Files.readString(ROOT.resolve("deploy/keycloak/realm.json"));
    var placeholders = Pattern.compile("\"secret\": \"\\$\\{([A-Z0-9_]+):").matcher(realm);
    var names = new LinkedHashSet<String>();
    while (placeholders.find()) {
      names.add(placeholders.group(1));
    }
    assertThat(names).contains("GATEWAY_CLIENT_SECRET", "MONITOR_SF_CLIENT_SECRET");
    var readme = Files.readString(ROOT.resolve("deploy/README.md"));
    int start = readme.indexOf("### Keycloak");
    assertThat(start).as("deploy/README.md's Keycloak section").isNotNegative();
    int end = readme.indexOf("\n### ", start + 1);
    var section = readme.substring(start, end < 0 ? readme.length() : end);
    for (var name : names) {
      assertThat(section).as("deploy/README.md, Keycloak, names %s", name).contains(name);
    }
  }

  @Test
  void theGatewayRequiresItsCorsOriginsInProduction() throws IOException {
    // A localhost origin applied outside dev and tests before; now production must name its own.
    assertThat(requiredSettings("gateway")).contains("QUARKUS_HTTP_CORS_ORIGINS");
  }

  @ParameterizedTest
  @ValueSource(strings = {"session-service", "safety-service", "outcomes-service"})
  void theServicesThatCallOthersRequireTheirAddresses(String service) throws IOException {
    // The addresses issue 18 found missing: without them these services fell back to localhost.
    var required = requiredSettings(service);
    assertThat(required)
        .contains(
            "QUARKUS_GRPC_CLIENTS_PARTICIPANT_DIRECTORY_HOST",
            "QUARKUS_GRPC_CLIENTS_PARTICIPANT_DIRECTORY_PORT",
            "KAFKA_BOOTSTRAP_SERVERS",
            "QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_OIDC_AUTH_SERVER_URL");
    if (service.equals("outcomes-service")) {
      assertThat(required).contains("QUARKUS_GRPC_CLIENTS_TREATMENT_TEAM_HOST");
    }
    if (service.equals("session-service")) {
      assertThat(required).contains("QUARKUS_GRPC_CLIENTS_SAFETY_GATE_HOST");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"session-service", "safety-service", "outcomes-service", "gateway"})
  void aPackagedServiceWithoutItsSettingsDoesNotStartAndNamesThem(String service) throws Exception {
    var output = failedStartOutput(service, Map.of());
    for (var setting : requiredSettings(service)) {
      if (setting.startsWith("QUARKUS_GRPC_CLIENTS_")
          || setting.startsWith("GATEWAY_ROUTES_")
          || setting.equals("QUARKUS_HTTP_CORS_ORIGINS")) {
        assertThat(output).as("%s's start-up failure names %s", service, setting).contains(setting);
      }
    }
  }

  @Test
  void aProductionGatewayWithoutItsCorsOriginsDoesNotStartAndNamesIt() throws Exception {
    // Every other setting the gateway requires, so that only the origins are missing (without its
    // routes the gateway stops at those before Quarkus reads its HTTP settings).
    var given = new LinkedHashMap<String, String>();
    given.put("QUARKUS_OIDC_AUTH_SERVER_URL", "https://auth.example.org/realms/trials");
    given.put("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "10.0.0.0/8");
    given.put("GATEWAY_ROUTES_RECRUITMENT_URL", "http://recruitment-service:8081");
    given.put("GATEWAY_ROUTES_SESSIONS_URL", "http://session-service:8082");
    given.put("GATEWAY_ROUTES_SAFETY_URL", "http://safety-service:8083");
    given.put("GATEWAY_ROUTES_OUTCOMES_URL", "http://outcomes-service:8084");
    var required = new LinkedHashSet<>(requiredSettings("gateway"));
    assertThat(required.remove("QUARKUS_HTTP_CORS_ORIGINS")).as("required in production").isTrue();
    assertThat(given.keySet()).as("the gateway's other required settings").isEqualTo(required);
    // Where it would listen if it started after all: free ports, not 8080/9000.
    given.put("QUARKUS_HTTP_PORT", Integer.toString(Platform.Ports.freePort()));
    given.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(Platform.Ports.freePort()));

    var output = failedStartOutput("gateway", given);
    assertThat(output).contains("QUARKUS_HTTP_CORS_ORIGINS");
  }

  /**
   * The output of the packaged {@code service} started with only {@code environment} (and PATH,
   * HOME), which must exit with an error; one still running after two minutes is stopped and fails
   * the test.
   */
  private static String failedStartOutput(String service, Map<String, String> environment)
      throws Exception {
    var jar = ROOT.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    assertThat(jar).as("packaged by the reactor before system-tests").exists();
    var dir = Files.createTempDirectory("no-settings");
    var log = dir.resolve("output.log");
    var builder =
        new ProcessBuilder("java", "-jar", jar.toString())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    // Nothing from this machine's environment may stand in for a setting.
    builder.environment().keySet().removeIf(name -> !name.equals("PATH") && !name.equals("HOME"));
    builder.environment().putAll(environment);
    var process = builder.start();
    // Not a time limit on the test: a service that started after all must not run on.
    var exited = process.waitFor(2, TimeUnit.MINUTES);
    if (!exited) {
      process.destroyForcibly().waitFor();
    }
    var output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(exited).as("%s exited; output:%n%s", service, output).isTrue();
    assertThat(process.exitValue()).as("%s's exit code; output:%n%s", service, output).isNotZero();
    return output;
  }

  /**
   * The value a Deployment's env entry gives: a literal, a key of a rendered ConfigMap (which must
   * exist), or for a Secret (created out of band, deploy/README.md) its reference.
   */
  private static String resolve(
      JsonNode entry, Map<String, Map<String, String>> configMaps, String service, String name) {
    if (entry.hasNonNull("value")) {
      return entry.get("value").asText();
    }
    var from = entry.path("valueFrom");
    if (from.has("configMapKeyRef")) {
      var ref = from.get("configMapKeyRef");
      var map = configMaps.get(ref.path("name").asText());
      assertThat(map).as("%s's %s: ConfigMap %s", service, name, ref.path("name")).isNotNull();
      var key = ref.path("key").asText();
      assertThat(map).as("%s's %s: key %s of its ConfigMap", service, name, key).containsKey(key);
      return map.get(key);
    }
    if (from.has("secretKeyRef")) {
      var ref = from.get("secretKeyRef");
      return "secret " + ref.path("name").asText() + "/" + ref.path("key").asText();
    }
    throw new AssertionError(service + "'s " + name + " has neither a value nor a reference");
  }

  /**
   * The environment variables the production profile of {@code module} requires: every expression
   * without a default that applies in production (no profile, or {@code %prod}), in its
   * application.properties and, for a domain service, the platform's shared defaults.
   */
  static Set<String> requiredSettings(String module) throws IOException {
    var files = new ArrayList<Path>();
    if (DOMAIN_SERVICES.contains(module)) {
      files.add(
          ROOT.resolve("platform/src/main/resources/META-INF/microprofile-config.properties"));
    }
    files.add(ROOT.resolve(module).resolve("src/main/resources/application.properties"));
    // Keys the service's own file overrides with a plain value no longer need the platform's.
    var byKey = new LinkedHashMap<String, String>();
    for (var file : files) {
      for (var line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        var trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#") || !trimmed.contains("=")) {
          continue;
        }
        var key = trimmed.substring(0, trimmed.indexOf('=')).strip();
        var value = trimmed.substring(trimmed.indexOf('=') + 1).strip();
        if (key.startsWith("%")) {
          var profiles = key.substring(1, key.indexOf('.'));
          if (!List.of(profiles.split(",")).contains("prod")) {
            continue;
          }
          key = key.substring(key.indexOf('.') + 1);
        }
        byKey.put(key, value);
      }
    }
    var required = new LinkedHashSet<String>();
    if (DOMAIN_SERVICES.contains(module)) {
      // The platform's checkpoint settings (CheckpointConfig) have no default either.
      required.addAll(
          List.of(
              "PLATFORM_AUDIT_CHECKPOINT_PRIVATE_KEY_FILE",
              "PLATFORM_AUDIT_CHECKPOINT_PUBLIC_KEY_FILE",
              "PLATFORM_AUDIT_CHECKPOINT_SINK_DIR"));
    }
    for (var value : byKey.values()) {
      Matcher m = REQUIRED.matcher(value);
      // Only environment variables: ${quarkus.oidc.auth-server-url} refers to another setting.
      if (m.matches() && m.group(1).equals(m.group(1).toUpperCase())) {
        required.add(m.group(1));
      }
    }
    return required;
  }

  private static Map<String, JsonNode> containerEnv(List<JsonNode> documents, String deployment) {
    var env = new LinkedHashMap<String, JsonNode>();
    var found = false;
    for (var doc : documents) {
      if (doc.path("kind").asText().equals("Deployment")
          && doc.path("metadata").path("name").asText().equals(deployment)) {
        found = true;
        var container = doc.path("spec").path("template").path("spec").path("containers").get(0);
        for (var entry : container.path("env")) {
          env.put(entry.path("name").asText(), entry);
        }
      }
    }
    assertThat(found).as("a Deployment named %s", deployment).isTrue();
    return env;
  }

  private static Map<String, Map<String, String>> configMaps(List<JsonNode> documents) {
    var maps = new LinkedHashMap<String, Map<String, String>>();
    for (var doc : documents) {
      if (doc.path("kind").asText().equals("ConfigMap")) {
        var data = new LinkedHashMap<String, String>();
        doc.path("data")
            .fields()
            .forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
        maps.put(doc.path("metadata").path("name").asText(), data);
      }
    }
    return maps;
  }

  /** {@code kubectl kustomize} of the overlay; skipped, saying why, where kubectl is missing. */
  static List<JsonNode> render(String overlay) throws Exception {
    var missing = Kustomize.unavailable();
    assumeTrue(missing.isEmpty(), () -> missing.orElseThrow());
    return Kustomize.parse(Kustomize.renderText(overlay));
  }
}
