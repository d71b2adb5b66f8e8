package org.mdmaat.benchmarks;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.mdmaat.devstack.Platform;

/** Plain calls through the gateway as a demo user, for setting up and for single-shot measures. */
final class Api {
  /** An answer: status and body. */
  record Answer(int status, String body) {
    JsonObject json() {
      return body.isBlank() ? new JsonObject() : new JsonObject(body);
    }

    /** The problem's code of a problem+json answer, or null. */
    String code() {
      try {
        return json().getString("code");
      } catch (RuntimeException e) {
        return null;
      }
    }

    Answer expect(int wanted, String what) {
      if (status != wanted) {
        throw new IllegalStateException(what + ": " + status + " " + body);
      }
      return this;
    }
  }

  private final Platform platform;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  Api(Platform platform) {
    this.platform = platform;
  }

  /** A token of the demo user (password grant, cached by devstack while it lives). */
  String token(String user) {
    return platform.keycloak().accessToken(user, "demo");
  }

  /** A token from a fresh login, for calls that carry an electronic signature. */
  String signingToken(String user) {
    return platform.keycloak().signingToken(user, "demo");
  }

  Answer get(String token, String path) throws IOException, InterruptedException {
    return send(token, "GET", path, null);
  }

  Answer post(String token, String path, Object body) throws IOException, InterruptedException {
    return send(token, "POST", path, body);
  }

  Answer put(String token, String path, Object body) throws IOException, InterruptedException {
    return send(token, "PUT", path, body);
  }

  /** {@code path} through the gateway; a body is sent as JSON ({@link JsonObject} or text). */
  Answer send(String token, String method, String path, Object body)
      throws IOException, InterruptedException {
    var request =
        HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    }
    var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body());
  }

  HttpClient client() {
    return http;
  }
}
