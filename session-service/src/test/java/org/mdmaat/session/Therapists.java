package org.mdmaat.session;

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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.mdmaat.devstack.KeycloakServer;

/**
 * Real therapist accounts for tests, made in devstack's Keycloak through its Admin REST API (as the
 * master realm's dev-only administrator {@code admin}/{@code admin}): bookings need therapists who
 * exist, have the therapist role and work at the session's site, and tests that must not overlap
 * each other's bookings each take fresh ones. Every account made here has the password {@code
 * demo}, so it can also act: {@code SessionFixtures.as(username)}.
 */
public final class Therapists {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private static String adminToken;
  private static long adminTokenExpiresAtNanos;

  private Therapists() {}

  /** A new therapist at US-SF-01; returns the username (lower case, as Keycloak keeps it). */
  public static String fresh() {
    return at(SessionFixtures.SF);
  }

  /** A new therapist at {@code site}. */
  public static String at(String site) {
    return create("therapist", List.of("therapist"), List.of(site), true);
  }

  /**
   * A new account named {@code prefix.<random>} with these realm roles and sites; returns its
   * username.
   */
  public static String create(
      String prefix, List<String> realmRoles, List<String> sites, boolean enabled) {
    var username = prefix + "." + UUID.randomUUID().toString().substring(0, 8);
    var user =
        Map.of(
            "username",
            username,
            "enabled",
            enabled,
            "email",
            username + "@example.org",
            "emailVerified",
            true,
            "firstName",
            "Test",
            "lastName",
            "Therapist",
            "attributes",
            Map.of("sites", sites, "sponsor", List.of("maps")),
            "credentials",
            List.of(Map.of("type", "password", "value", "demo", "temporary", false)));
    var created = send("POST", "/users", user);
    expect(created, 201, "create user " + username);
    var location = created.headers().firstValue("Location").orElseThrow();
    var id = location.substring(location.lastIndexOf('/') + 1);
    var roles = new ArrayList<JsonNode>();
    for (var role : realmRoles) {
      var found = send("GET", "/roles/" + role, null);
      expect(found, 200, "realm role " + role);
      roles.add(read(found));
    }
    if (!roles.isEmpty()) {
      expect(send("POST", "/users/" + id + "/role-mappings/realm", roles), 204, "grant roles");
    }
    return username;
  }

  /** The subject (user id) of {@code username}. */
  public static String subOf(String username) {
    var found =
        send(
            "GET",
            "/users?exact=true&username="
                + URLEncoder.encode(username.toLowerCase(Locale.ROOT), StandardCharsets.UTF_8),
            null);
    expect(found, 200, "find " + username);
    var users = read(found);
    if (users.size() != 1) {
      throw new IllegalStateException("No single user " + username + ": " + users);
    }
    return users.get(0).path("id").asText();
  }

  /**
   * Grants the service account of client {@code session-service} the client roles that {@code
   * deploy/keycloak/realm.json} gives it, where devstack's Keycloak runs an older copy of the realm
   * (devstack carries the realm file as a resource and is not rebuilt with this module). Read from
   * the realm file itself, so a realm without the grant fails the tests as it would fail a
   * deployment. Returns the roles it had to grant (empty when the imported realm already has them).
   */
  public static synchronized List<String> grantServiceAccountRolesOfRealmFile() {
    JsonNode realm;
    try {
      realm = JSON.readTree(Files.readString(realmFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JsonNode declared = null;
    for (var user : realm.path("users")) {
      if ("session-service".equals(user.path("serviceAccountClientId").asText())) {
        declared = user;
      }
    }
    if (declared == null) {
      return List.of();
    }
    var account = read(expect(send("GET", "/clients?clientId=session-service", null), 200, "c"));
    var accountUser =
        read(
            expect(
                send(
                    "GET",
                    "/clients/" + account.get(0).path("id").asText() + "/service-account-user",
                    null),
                200,
                "service account user"));
    var userId = accountUser.path("id").asText();
    var granted = new ArrayList<String>();
    for (var entry : declared.path("clientRoles").properties()) {
      var client =
          read(
              expect(
                  send("GET", "/clients?clientId=" + entry.getKey(), null),
                  200,
                  "client " + entry.getKey()));
      var clientId = client.get(0).path("id").asText();
      var has = new HashSet<String>();
      read(expect(
              send("GET", "/users/" + userId + "/role-mappings/clients/" + clientId, null),
              200,
              "client role mappings"))
          .forEach(role -> has.add(role.path("name").asText()));
      var missing = new ArrayList<JsonNode>();
      for (var name : entry.getValue()) {
        if (!has.contains(name.asText())) {
          missing.add(
              read(
                  expect(
                      send("GET", "/clients/" + clientId + "/roles/" + name.asText(), null),
                      200,
                      "role " + name.asText())));
          granted.add(entry.getKey() + "/" + name.asText());
        }
      }
      if (!missing.isEmpty()) {
        expect(
            send("POST", "/users/" + userId + "/role-mappings/clients/" + clientId, missing),
            204,
            "grant client roles");
      }
    }
    return granted;
  }

  private static Path realmFile() {
    var dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      var file = dir.resolve("deploy/keycloak/realm.json");
      if (Files.isRegularFile(file)) {
        return file;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("deploy/keycloak/realm.json not found above the module");
  }

  private static HttpResponse<String> send(String method, String path, Object body) {
    var builder =
        HttpRequest.newBuilder(
                URI.create(
                    KeycloakServer.shared().baseUrl()
                        + "/admin/realms/"
                        + KeycloakServer.REALM
                        + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + adminToken())
            .header("Accept", "application/json");
    try {
      if (body != null) {
        builder
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      } else {
        builder.method(method, HttpRequest.BodyPublishers.noBody());
      }
      return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static synchronized String adminToken() {
    if (adminToken != null && adminTokenExpiresAtNanos - System.nanoTime() > 10_000_000_000L) {
      return adminToken;
    }
    long requested = System.nanoTime();
    var form = "grant_type=password&client_id=admin-cli&username=admin&password=admin";
    var request =
        HttpRequest.newBuilder(
                URI.create(
                    KeycloakServer.shared().baseUrl()
                        + "/realms/master/protocol/openid-connect/token"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    try {
      var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      expect(response, 200, "admin token");
      var body = JSON.readTree(response.body());
      adminToken = body.path("access_token").asText();
      adminTokenExpiresAtNanos =
          requested + Duration.ofSeconds(body.path("expires_in").asLong()).toNanos();
      return adminToken;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<String> expect(
      HttpResponse<String> response, int status, String what) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          "Keycloak admin API, "
              + what
              + ": HTTP "
              + response.statusCode()
              + " "
              + response.body());
    }
    return response;
  }

  private static JsonNode read(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
