package org.mdmaat.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Keycloak in a child process with the project's realm ({@code deploy/keycloak/realm.json}, realm
 * {@code trials}) imported at every start into an in-memory database.
 *
 * <p>The distribution is unpacked and built once into {@code ~/.cache/mdmaat-devstack} (see {@link
 * KeycloakDistribution}); each server gets its own home directory under {@code target/devstack}
 * (links to the cached distribution plus its own {@code data/}), so the cache is never written by a
 * running server. The issuer is pinned to {@code http://localhost:PORT/realms/trials}. The master
 * realm has a dev-only administrator {@code admin}/{@code admin}.
 */
public final class KeycloakServer {
  public static final String REALM = "trials";

  /** The public client that {@link #accessToken} uses (password grant). */
  public static final String PORTAL_CLIENT = "trial-portal";

  private static final String COMPONENT = "keycloak";
  private static final Duration START_TIMEOUT =
      Duration.ofSeconds(Long.getLong("devstack.keycloak.start-timeout", 120));
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static KeycloakServer shared;

  /** Non-null in a copy of this class that is not the JVM-wide owner (see {@link JvmWide}). */
  private final Object owner;

  private final int port;
  private final Path instance;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final Map<String, CachedToken> tokens = new HashMap<>();
  private ChildProcess process;

  private record CachedToken(String token, long expiresAtNanos) {}

  private KeycloakServer(Object owner, int port, Path instance) {
    this.owner = owner;
    this.port = port;
    this.instance = instance;
  }

  /** The JVM-wide server on a free port, started on first use and stopped at JVM exit. */
  public static synchronized KeycloakServer shared() {
    if (shared == null) {
      var owner = JvmWide.ownersShared(KeycloakServer.class);
      shared =
          owner != null
              ? new KeycloakServer(owner, 0, null)
              : launch(Workspace.freePort(), Workspace.newDirectory("keycloak"));
    }
    return shared;
  }

  /**
   * A server on {@code port} (home {@code target/devstack/keycloak-PORT}), stopped by {@link
   * #stop()} or at JVM exit. Nothing survives a restart: the realm is imported afresh.
   */
  public static KeycloakServer start(int port) {
    return launch(port, Workspace.root().resolve("keycloak-" + port));
  }

  /** {@code http://localhost:PORT}. */
  public String baseUrl() {
    if (owner != null) {
      return (String) JvmWide.call(owner, "baseUrl");
    }
    return "http://localhost:" + port;
  }

  /** {@code http://localhost:PORT/realms/trials}: the issuer, and Quarkus' auth-server-url. */
  public String realmUrl() {
    return baseUrl() + "/realms/" + REALM;
  }

  public int port() {
    if (owner != null) {
      return (Integer) JvmWide.call(owner, "port");
    }
    return port;
  }

  /**
   * An access token for a user of the realm (password grant on {@code trial-portal}); demo users
   * have the password {@code demo}. A token is reused while it has more than a minute to live.
   *
   * @throws IllegalStateException if Keycloak refuses (the message has the HTTP status and body)
   */
  public String accessToken(String username, String password) {
    if (owner != null) {
      return (String) JvmWide.call(owner, "accessToken", username, password);
    }
    return token(
        username + "\u0000" + password,
        Map.of(
            "grant_type", "password",
            "client_id", PORTAL_CLIENT,
            "username", username,
            "password", password));
  }

  /**
   * A new login's access token, never a cached one, as a browser client gets it before an
   * electronic signature: the authorization-code flow with PKCE and {@code prompt=login}, the
   * password typed into Keycloak's own login form. Only this flow records when the user logged in
   * ({@code auth_time}); the password grant does not.
   */
  public String signingToken(String username, String password) {
    if (owner != null) {
      return (String) JvmWide.call(owner, "signingToken", username, password);
    }
    return new BrowserLogin(realmUrl(), PORTAL_CLIENT).login(username, password);
  }

  /**
   * A service's own token (client-credentials grant on its confidential client, with the realm's
   * dev-only secret {@code dev-CLIENT-secret}), as the service gets it to call another.
   */
  public String serviceToken(String clientId) {
    if (owner != null) {
      return (String) JvmWide.call(owner, "serviceToken", clientId);
    }
    return token(
        "client\u0000" + clientId,
        Map.of(
            "grant_type",
            "client_credentials",
            "client_id",
            clientId,
            "client_secret",
            "dev-" + clientId + "-secret"));
  }

  private String token(String key, Map<String, String> form) {
    synchronized (tokens) {
      var cached = tokens.get(key);
      if (cached != null
          && cached.expiresAtNanos() - System.nanoTime() > Duration.ofMinutes(1).toNanos()) {
        return cached.token();
      }
    }
    var requested = System.nanoTime();
    var response = post(realmUrl() + "/protocol/openid-connect/token", form);
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "Keycloak refused a token for "
              + form.getOrDefault("username", form.get("client_id"))
              + ": HTTP "
              + response.statusCode()
              + " "
              + response.body());
    }
    try {
      JsonNode body = JSON.readTree(response.body());
      var token = body.path("access_token").asText();
      var expiresAt = requested + Duration.ofSeconds(body.path("expires_in").asLong()).toNanos();
      synchronized (tokens) {
        tokens.put(key, new CachedToken(token, expiresAt));
      }
      return token;
    } catch (IOException e) {
      throw new UncheckedIOException("Unreadable token response: " + response.body(), e);
    }
  }

  public synchronized void stop() {
    if (owner != null) {
      JvmWide.call(owner, "stop");
      return;
    }
    if (process != null) {
      process.stop(STOP_GRACE);
      process = null;
      synchronized (tokens) {
        tokens.clear();
      }
      ProgressLog.step(COMPONENT, "stopped (port " + port + ")");
    }
  }

  private static KeycloakServer launch(int port, Path instance) {
    var server = new KeycloakServer(null, port, instance);
    Runtime.getRuntime().addShutdownHook(new Thread(server::stopQuietly, "devstack-keycloak-stop"));
    server.run();
    return server;
  }

  private synchronized void run() {
    var javaHome = KeycloakDistribution.javaHome();
    var home = KeycloakDistribution.home(javaHome);
    var started = System.nanoTime();
    ProgressLog.step(
        COMPONENT,
        "starting Keycloak "
            + KeycloakDistribution.version()
            + " on port "
            + port
            + " (JDK "
            + javaHome
            + ")");
    prepareInstance(home);
    var command = new ArrayList<String>();
    command.add(home.resolve("bin/kc.sh").toString());
    // kc.sh passes -D options to the JVM after its own, so this home wins over the cache's.
    command.add("-Dkc.home.dir=" + instance);
    command.addAll(
        List.of(
            "start",
            "--optimized",
            "--cache=local",
            "--import-realm",
            "--http-enabled=true",
            "--http-host=127.0.0.1",
            "--http-port=" + port,
            "--hostname=http://localhost:" + port));
    process =
        ChildProcess.start(
            COMPONENT,
            command,
            instance,
            instance.resolve("keycloak.log"),
            env -> {
              KeycloakDistribution.environment(env, javaHome);
              env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
              env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
            });
    awaitReady();
    ProgressLog.done(COMPONENT, "ready at " + baseUrl() + " (realm " + REALM + ")", started);
  }

  /** A home of links to the cached distribution, with its own data directory and the realm. */
  private void prepareInstance(Path home) {
    try {
      Files.createDirectories(instance);
      Workspace.deleteTree(instance.resolve("data"));
      for (var shared : List.of("bin", "conf", "lib", "providers", "themes")) {
        var link = instance.resolve(shared);
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, home.resolve(shared));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare " + instance, e);
    }
    Workspace.write(
        instance.resolve("data/import/" + REALM + "-realm.json"),
        Workspace.resourceText("realm.json"));
  }

  private void awaitReady() {
    var deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    var probe =
        HttpRequest.newBuilder(URI.create(realmUrl() + "/.well-known/openid-configuration"))
            .timeout(Duration.ofSeconds(5))
            .build();
    while (true) {
      try {
        if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          process.recordPids();
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        var reason =
            process.isAlive()
                ? "did not answer within " + START_TIMEOUT.toSeconds() + " s"
                : "exited";
        var tail = process.logTail(60);
        process.stop(STOP_GRACE);
        process = null;
        throw new IllegalStateException(
            "Keycloak " + reason + " (log " + instance.resolve("keycloak.log") + "):\n" + tail);
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
      }
    }
  }

  private HttpResponse<String> post(String url, Map<String, String> form) {
    var body =
        form.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    var request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("POST " + url + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted: POST " + url, e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private void stopQuietly() {
    try {
      stop();
    } catch (RuntimeException e) {
      System.err.println("[devstack] keycloak: stop failed: " + e);
    }
  }
}
