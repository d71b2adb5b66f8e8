package org.mdmaat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mdmaat.devstack.KafkaAccess;
import org.mdmaat.devstack.Platform;
import org.mdmaat.devstack.Platform.Service;

/**
 * The deployment rehearsal (issue 18): the {@code rehearsal} overlay rendered with {@code kubectl
 * kustomize}, its {@code {{...}}} placeholders filled with devstack's ports, and each rendered
 * Deployment's container turned into a process environment the way the kubelet would: {@code env}
 * values, {@code valueFrom} ConfigMap and Secret keys, {@code envFrom}, and the container's volume
 * mounts as local directories (a Secret's keys as files, a claim or emptyDir as a directory), with
 * every value that names a path under a mount pointed at that directory. The Secrets are the test's
 * own ({@link #secrets}), with devstack's credentials and audit keys, as the cluster's out-of-band
 * Secrets would hold (deploy/README.md, "Secrets").
 */
final class Rehearsal {
  static final String OVERLAY = "rehearsal";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z.\\-]+)}}");
  private static final Pattern DEPENDENT = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

  private final List<JsonNode> documents;
  private final Path volumes;

  private Rehearsal(List<JsonNode> documents, Path volumes) {
    this.documents = documents;
    this.volumes = volumes;
  }

  /**
   * The rehearsal overlay rendered for {@code ports} ({@code otelPort}: where the traces go, a port
   * nothing listens on); volumes are made under {@code volumes}.
   */
  static Rehearsal render(Platform.Ports ports, int otelPort, Path volumes) throws Exception {
    return new Rehearsal(
        Kustomize.parse(fill(Kustomize.renderText(OVERLAY), placeholders(ports, otelPort))),
        volumes);
  }

  /** What each {@code {{name}}} of the rehearsal overlay stands for. */
  static Map<String, String> placeholders(Platform.Ports ports, int otelPort) {
    var values = new LinkedHashMap<String, String>();
    values.put("postgres.port", Integer.toString(ports.postgres()));
    values.put("kafka.port", Integer.toString(ports.kafka()));
    values.put("keycloak.port", Integer.toString(ports.keycloak()));
    values.put("recruitment-service.port", Integer.toString(ports.recruitment()));
    values.put("session-service.port", Integer.toString(ports.session()));
    values.put("safety-service.port", Integer.toString(ports.safety()));
    values.put("outcomes-service.port", Integer.toString(ports.outcomes()));
    values.put("otel.port", Integer.toString(otelPort));
    return values;
  }

  /** {@code text} with every placeholder filled; one nobody knows fails. */
  static String fill(String text, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(text);
    var out = new StringBuilder();
    while (m.find()) {
      var value = values.get(m.group(1));
      assertThat(value).as("a value for the rehearsal placeholder {{%s}}", m.group(1)).isNotNull();
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  List<JsonNode> documents() {
    return documents;
  }

  /**
   * The Secrets the manifests refer to, as the cluster would hold them, with devstack's values: the
   * runtime and owner roles of each service's database, its Kafka principal's password, its
   * Keycloak client secret and its audit checkpoint key pair. Creates the databases (and roles).
   */
  static Map<String, Map<String, String>> secrets(Platform platform) {
    var secrets = new LinkedHashMap<String, Map<String, String>>();
    var postgres = platform.postgres();
    for (var service : Service.values()) {
      if (service.database() == null) {
        continue;
      }
      var module = service.module();
      var config = postgres.serviceConfigWithAuditKeys(service.database());
      var runtime = postgres.runtimeRole(service.database());
      var owner = postgres.ownerRole(service.database());
      secrets.put(
          module + "-db", Map.of("username", runtime, "password", postgres.password(runtime)));
      secrets.put(
          module + "-db-owner", Map.of("username", owner, "password", postgres.password(owner)));
      secrets.put(module + "-kafka", Map.of("password", KafkaAccess.password(module)));
      secrets.put(module + "-client", Map.of("secret", service.devClientSecret()));
      secrets.put(
          module + "-audit-key",
          Map.of(
              "private.pem",
              read(config.get("platform.audit.checkpoint.private-key-file")),
              "public.pem",
              read(config.get("platform.audit.checkpoint.public-key-file"))));
    }
    return secrets;
  }

  /** The rendered Deployment named {@code name}. */
  JsonNode deployment(String name) {
    for (var doc : documents) {
      if (doc.path("kind").asText().equals("Deployment")
          && doc.path("metadata").path("name").asText().equals(name)) {
        return doc;
      }
    }
    throw new AssertionError("no Deployment named " + name + " in the rendered " + OVERLAY);
  }

  /** The process environment of {@code deployment}'s container, as the kubelet would give it. */
  Map<String, String> environment(String deployment, Map<String, Map<String, String>> secrets) {
    return environment(deployment(deployment), secrets);
  }

  /** The same for a (possibly edited) Deployment document. */
  Map<String, String> environment(JsonNode deployment, Map<String, Map<String, String>> secrets) {
    var name = deployment.path("metadata").path("name").asText();
    var pod = deployment.path("spec").path("template").path("spec");
    assertThat(pod.path("containers").size()).as("%s's containers", name).isEqualTo(1);
    var container = pod.path("containers").get(0);
    var configMaps = configMaps();
    var env = new LinkedHashMap<String, String>();
    // envFrom first: an env entry of the same name wins.
    for (var source : container.path("envFrom")) {
      var prefix = source.path("prefix").asText("");
      Map<String, String> data;
      if (source.has("configMapRef")) {
        data = lookup(configMaps, source.get("configMapRef"), "ConfigMap", name);
      } else if (source.has("secretRef")) {
        data = lookup(secrets, source.get("secretRef"), "Secret", name);
      } else {
        throw new AssertionError(name + ": an envFrom the rehearsal cannot resolve: " + source);
      }
      data.forEach((key, value) -> env.put(prefix + key, value));
    }
    for (var entry : container.path("env")) {
      var variable = entry.path("name").asText();
      var value = value(entry, env, configMaps, secrets, name);
      if (value != null) {
        env.put(variable, value);
      }
    }
    var mounts = mountVolumes(name, pod, container, secrets);
    env.replaceAll((variable, value) -> underMount(value, mounts));
    return env;
  }

  private static String value(
      JsonNode entry,
      Map<String, String> earlier,
      Map<String, Map<String, String>> configMaps,
      Map<String, Map<String, String>> secrets,
      String deployment) {
    var variable = entry.path("name").asText();
    if (entry.has("value")) {
      return expand(entry.get("value").asText(), earlier);
    }
    var from = entry.path("valueFrom");
    String kind;
    JsonNode ref;
    Map<String, Map<String, String>> store;
    if (from.has("configMapKeyRef")) {
      kind = "ConfigMap";
      ref = from.get("configMapKeyRef");
      store = configMaps;
    } else if (from.has("secretKeyRef")) {
      kind = "Secret";
      ref = from.get("secretKeyRef");
      store = secrets;
    } else {
      throw new AssertionError(
          deployment + "'s " + variable + ": a value the rehearsal cannot resolve: " + entry);
    }
    var optional = ref.path("optional").asBoolean(false);
    var data = store.get(ref.path("name").asText());
    var key = ref.path("key").asText();
    if (optional && (data == null || !data.containsKey(key))) {
      return null;
    }
    assertThat(data).as("%s's %s: %s %s", deployment, variable, kind, ref.path("name")).isNotNull();
    assertThat(data)
        .as("%s's %s: key %s of %s %s", deployment, variable, key, kind, ref.path("name"))
        .containsKey(key);
    return data.get(key);
  }

  /**
   * {@code $(NAME)} replaced by an earlier variable's value, as Kubernetes expands it ({@code $$}
   * is a literal {@code $}; an unknown name stays as written).
   */
  static String expand(String value, Map<String, String> earlier) {
    var out = new StringBuilder();
    int i = 0;
    while (i < value.length()) {
      if (value.startsWith("$$", i)) {
        out.append('$');
        i += 2;
        continue;
      }
      if (value.startsWith("$(", i)) {
        int close = value.indexOf(')', i);
        if (close > 0 && DEPENDENT.matcher(value.substring(i, close + 1)).matches()) {
          var known = earlier.get(value.substring(i + 2, close));
          if (known != null) {
            out.append(known);
            i = close + 1;
            continue;
          }
        }
      }
      out.append(value.charAt(i));
      i++;
    }
    return out.toString();
  }

  private static Map<String, String> lookup(
      Map<String, Map<String, String>> store, JsonNode ref, String kind, String deployment) {
    var data = store.get(ref.path("name").asText());
    if (data == null && ref.path("optional").asBoolean(false)) {
      return Map.of();
    }
    assertThat(data).as("%s's envFrom: %s %s", deployment, kind, ref.path("name")).isNotNull();
    return data;
  }

  /** Each mount of the container as a local directory: mount path to directory. */
  private Map<String, Path> mountVolumes(
      String deployment,
      JsonNode pod,
      JsonNode container,
      Map<String, Map<String, String>> secrets) {
    var byName = new LinkedHashMap<String, JsonNode>();
    for (var volume : pod.path("volumes")) {
      byName.put(volume.path("name").asText(), volume);
    }
    var mounts = new LinkedHashMap<String, Path>();
    for (var mount : container.path("volumeMounts")) {
      var volumeName = mount.path("name").asText();
      var volume = byName.get(volumeName);
      assertThat(volume).as("%s's volume %s", deployment, volumeName).isNotNull();
      Path dir;
      if (volume.has("secret")) {
        var secretName = volume.get("secret").path("secretName").asText();
        var data = secrets.get(secretName);
        assertThat(data)
            .as("%s's volume %s: Secret %s", deployment, volumeName, secretName)
            .isNotNull();
        dir = volumes.resolve("secret").resolve(deployment).resolve(volumeName);
        writeSecretFiles(dir, data);
      } else if (volume.has("persistentVolumeClaim")) {
        // A claim outlives the pod: the same directory across restarts in one run.
        dir =
            volumes
                .resolve("claim")
                .resolve(volume.get("persistentVolumeClaim").path("claimName").asText());
      } else if (volume.has("emptyDir")) {
        dir = volumes.resolve("empty").resolve(deployment).resolve(volumeName);
      } else {
        throw new AssertionError(deployment + ": a volume the rehearsal cannot make: " + volume);
      }
      createDirectories(dir);
      mounts.put(mount.path("mountPath").asText(), dir);
    }
    return mounts;
  }

  /** A value naming a path under a mount, pointed at the mount's local directory. */
  private static String underMount(String value, Map<String, Path> mounts) {
    for (var mount : mounts.entrySet()) {
      var path = mount.getKey();
      if (value.equals(path)) {
        return mount.getValue().toString();
      }
      if (value.startsWith(path + "/")) {
        return mount.getValue().resolve(value.substring(path.length() + 1)).toString();
      }
    }
    return value;
  }

  private static void writeSecretFiles(Path dir, Map<String, String> data) {
    try {
      createDirectories(dir);
      for (var file : data.entrySet()) {
        var path = dir.resolve(file.getKey());
        if (Files.exists(path) && Files.readString(path).equals(file.getValue())) {
          // Already there: a running service may read it at any moment.
          continue;
        }
        Files.deleteIfExists(path);
        Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
        // defaultMode 0400, as the manifests mount the audit key.
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("r--------"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the secret volume " + dir, e);
    }
  }

  /** The rendered ConfigMaps by name (with their content hash), data as strings. */
  Map<String, Map<String, String>> configMaps() {
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

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
