package org.mdmaat.devstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A login as a browser makes it: the authorization-code flow with PKCE and {@code prompt=login},
 * credentials posted to Keycloak's login form, the code exchanged for tokens. The redirect is never
 * followed, so no listener is needed at the redirect URI.
 */
final class BrowserLogin {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern FORM_ACTION =
      Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
  private static final String REDIRECT = "http://localhost:1/signed";

  private final String realmUrl;
  private final String clientId;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  BrowserLogin(String realmUrl, String clientId) {
    this.realmUrl = realmUrl;
    this.clientId = clientId;
  }

  String login(String username, String password) {
    var verifier = randomText();
    var query = new LinkedHashMap<String, String>();
    query.put("client_id", clientId);
    query.put("response_type", "code");
    query.put("scope", "openid");
    query.put("redirect_uri", REDIRECT);
    query.put("code_challenge", challenge(verifier));
    query.put("code_challenge_method", "S256");
    query.put("prompt", "login");
    query.put("state", randomText());
    var page = send(get(realmUrl + "/protocol/openid-connect/auth?" + form(query)));
    var action = FORM_ACTION.matcher(page.body());
    if (page.statusCode() != 200 || !action.find()) {
      throw new IllegalStateException("Keycloak showed no login form: HTTP " + page.statusCode());
    }
    // Keycloak marks its cookies Secure; a browser still sends them to http://localhost (a secure
    // context), java.net's cookie handler would not, so they are carried by hand.
    var cookies =
        page.headers().allValues("Set-Cookie").stream()
            .map(c -> c.split(";", 2)[0])
            .collect(Collectors.joining("; "));
    var submitted =
        send(
            HttpRequest.newBuilder(
                    post(
                        action.group(1).replace("&amp;", "&"),
                        Map.of("username", username, "password", password, "credentialId", "")),
                    (n, v) -> true)
                .header("Cookie", cookies)
                .build());
    var location = submitted.headers().firstValue("Location").orElse("");
    if (submitted.statusCode() != 302 || !location.startsWith(REDIRECT)) {
      throw new IllegalStateException(
          "Keycloak refused the login of " + username + ": HTTP " + submitted.statusCode());
    }
    var code = parameter(location, "code");
    var tokens =
        send(
            post(
                realmUrl + "/protocol/openid-connect/token",
                Map.of(
                    "grant_type", "authorization_code",
                    "client_id", clientId,
                    "code", code,
                    "redirect_uri", REDIRECT,
                    "code_verifier", verifier)));
    if (tokens.statusCode() != 200) {
      throw new IllegalStateException(
          "Keycloak refused the code of " + username + ": HTTP " + tokens.statusCode());
    }
    try {
      return JSON.readTree(tokens.body()).path("access_token").asText();
    } catch (IOException e) {
      throw new UncheckedIOException("Unreadable token response", e);
    }
  }

  private static String parameter(String url, String name) {
    var query = URI.create(url).getRawQuery();
    for (var pair : query.split("&")) {
      var parts = pair.split("=", 2);
      if (parts[0].equals(name) && parts.length == 2) {
        return URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
      }
    }
    throw new IllegalStateException("no " + name + " in the redirect");
  }

  private static String randomText() {
    var bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String challenge(String verifier) {
    try {
      var digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String form(Map<String, String> values) {
    return values.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build();
  }

  private static HttpRequest post(String url, Map<String, String> values) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(values)))
        .build();
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted: " + request.uri(), e);
    }
  }
}
