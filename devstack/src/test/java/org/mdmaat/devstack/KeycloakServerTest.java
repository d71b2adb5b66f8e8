package org.mdmaat.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeycloakServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void issuesATokenWithRolesSitesSponsorAudienceAndIssuer() throws Exception {
    var keycloak = KeycloakServer.shared();

    var claims = payload(keycloak.accessToken("coordinator.sf", "demo"));

    assertThat(texts(claims.path("realm_access").path("roles"))).contains("site-coordinator");
    assertThat(texts(claims.path("sites"))).containsExactly("US-SF-01");
    assertThat(claims.path("sponsor").asText()).isEqualTo("maps");
    assertThat(texts(claims.path("aud"))).contains("trial-api");
    assertThat(claims.path("iss").asText()).isEqualTo(keycloak.realmUrl());
    assertThat(keycloak.realmUrl()).isEqualTo(keycloak.baseUrl() + "/realms/trials");
  }

  @Test
  void givesEachDemoUserTheirRoleAndScope() throws Exception {
    var keycloak = KeycloakServer.shared();

    var sponsor = payload(keycloak.accessToken("sponsor.northstar", "demo"));
    assertThat(texts(sponsor.path("realm_access").path("roles"))).contains("sponsor");
    assertThat(sponsor.path("sponsor").asText()).isEqualTo("northstar");
    assertThat(sponsor.has("sites")).isFalse();

    var therapist = payload(keycloak.accessToken("therapist.bos1", "demo"));
    assertThat(texts(therapist.path("realm_access").path("roles")))
        .contains("therapist")
        .doesNotContain("investigator");
    assertThat(texts(therapist.path("sites"))).containsExactly("US-BOS-02");
    assertThat(therapist.path("sponsor").asText()).isEqualTo("maps");

    var regulator = payload(keycloak.accessToken("regulator.fda", "demo"));
    assertThat(texts(regulator.path("realm_access").path("roles"))).contains("regulator");
    assertThat(regulator.has("sponsor")).isFalse();
  }

  @Test
  void refusesAWrongPasswordWith401() throws Exception {
    var keycloak = KeycloakServer.shared();
    var request =
        HttpRequest.newBuilder(URI.create(keycloak.realmUrl() + "/protocol/openid-connect/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "grant_type=password&client_id=trial-portal&username=rater.bos&password=wrong"))
            .build();

    var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThatThrownBy(() -> keycloak.accessToken("rater.sf", "not-demo"))
        .hasMessageContaining("HTTP 401");
  }

  @Test
  void issuesServiceAccountTokensWithTheApiAudience() throws Exception {
    var keycloak = KeycloakServer.shared();
    var request =
        HttpRequest.newBuilder(URI.create(keycloak.realmUrl() + "/protocol/openid-connect/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "grant_type=client_credentials&client_id=safety-service&client_secret=dev-safety-service-secret"))
            .build();

    var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    var claims = payload(JSON.readTree(response.body()).path("access_token").asText());
    assertThat(texts(claims.path("aud"))).contains("trial-api");
    assertThat(claims.path("azp").asText()).isEqualTo("safety-service");
  }

  private static JsonNode payload(String jwt) throws Exception {
    return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
  }

  /** A JSON array's (or a single value's) texts. */
  private static List<String> texts(JsonNode node) {
    var texts = new ArrayList<String>();
    if (node.isArray()) {
      node.forEach(value -> texts.add(value.asText()));
    } else if (!node.isMissingNode()) {
      texts.add(node.asText());
    }
    return texts;
  }
}
