package org.mdmaat.gateway.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.KeycloakServer;
import org.mdmaat.gateway.Tokens;
import org.mdmaat.gateway.stub.StubServices;

/**
 * Tokens the gateway must refuse with 401 problem+json before anything is relayed. Wrong issuer,
 * wrong audience and expiry use tokens the real Keycloak signed (from the master realm, and from
 * test clients this class adds to the trials realm); signature attacks are forged here.
 */
@QuarkusTest
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(StubServices.class)
class TokenAttacksTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String ROUTE = "/api/safety/holds";

  private static void refused(String token) {
    given()
        .auth()
        .oauth2(token)
        .when()
        .get(ROUTE)
        .then()
        .statusCode(401)
        .contentType(startsWith("application/problem+json"))
        .header("X-Upstream", (String) null)
        .body("code", equalTo("GW-0401"));
  }

  @Test
  void theGenuineTokenIsAccepted() {
    given().auth().oauth2(Tokens.forRole("investigator")).when().get(ROUTE).then().statusCode(200);
  }

  @Test
  void refusesAPayloadChangedUnderTheSameSignature() {
    var parts = Tokens.forRole("investigator").split("\\.");
    var claims = decode(parts[1]).replace("\"investigator\"", "\"regulator\"");
    refused(parts[0] + "." + encode(claims) + "." + parts[2]);
  }

  @Test
  void refusesTheGenuineClaimsSignedWithAnotherKeyUnderKeycloaksKeyId() throws Exception {
    var parts = Tokens.forRole("investigator").split("\\.");
    var header = JSON.readTree(decode(parts[0]));
    var generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    var jws = new JsonWebSignature();
    jws.setPayload(decode(parts[1]));
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
    jws.setKeyIdHeaderValue(header.path("kid").asText());
    jws.setKey(generator.generateKeyPair().getPrivate());
    refused(jws.getCompactSerialization());
  }

  @Test
  void refusesAnUnsignedToken() {
    var parts = Tokens.forRole("investigator").split("\\.");
    refused(encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".");
  }

  @Test
  void refusesGarbage() {
    refused("not-a-token");
  }

  @Test
  void refusesATokenFromAnotherRealm() throws Exception {
    // Signed by the same Keycloak, but the master realm's key and issuer.
    var master =
        token(
            "master",
            Map.of(
                "grant_type",
                "password",
                "client_id",
                "admin-cli",
                "username",
                "admin",
                "password",
                "admin"));
    refused(master);
  }

  @Test
  void refusesATokenForAnotherAudience() throws Exception {
    ensureClient("gateway-test-no-audience", null, false);
    var token = token("trials", passwordGrant("gateway-test-no-audience", "investigator.sf"));
    refused(token);
  }

  @Test
  void refusesATokenOnceItHasExpired() throws Exception {
    ensureClient("gateway-test-short-lived", "8", true);
    var token = token("trials", passwordGrant("gateway-test-short-lived", "investigator.sf"));
    // Accepted while valid (same client, audience trial-api)...
    given().auth().oauth2(token).when().get(ROUTE).then().statusCode(200);
    // ...and refused once its 8 seconds are over.
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> given().auth().oauth2(token).when().get(ROUTE).statusCode() == 401);
    refused(token);
  }

  private static Map<String, String> passwordGrant(String client, String user) {
    return Map.of(
        "grant_type", "password", "client_id", client, "username", user, "password", "demo");
  }

  /** Adds a public test client to the trials realm (once), optionally with the API's audience. */
  private static void ensureClient(String clientId, String lifespanSeconds, boolean audience)
      throws Exception {
    var admin =
        token(
            "master",
            Map.of(
                "grant_type",
                "password",
                "client_id",
                "admin-cli",
                "username",
                "admin",
                "password",
                "admin"));
    var client = JSON.createObjectNode();
    client.put("clientId", clientId);
    client.put("publicClient", true);
    client.put("directAccessGrantsEnabled", true);
    client.put("standardFlowEnabled", false);
    client.put("fullScopeAllowed", true);
    if (lifespanSeconds != null) {
      client.putObject("attributes").put("access.token.lifespan", lifespanSeconds);
    }
    if (audience) {
      var mapper = client.putArray("protocolMappers").addObject();
      mapper.put("name", "trial-api audience");
      mapper.put("protocol", "openid-connect");
      mapper.put("protocolMapper", "oidc-audience-mapper");
      mapper
          .putObject("config")
          .put("included.custom.audience", "trial-api")
          .put("access.token.claim", "true")
          .put("id.token.claim", "false");
    }
    var response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(KeycloakServer.shared().baseUrl() + "/admin/realms/trials/clients"))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(client.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201 && response.statusCode() != 409) {
      throw new IllegalStateException("Keycloak refused the test client: " + response.body());
    }
  }

  private static String token(String realm, Map<String, String> form)
      throws IOException, InterruptedException {
    var body =
        form.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    var response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        KeycloakServer.shared().baseUrl()
                            + "/realms/"
                            + realm
                            + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("no token: " + response.statusCode() + " " + response.body());
    }
    JsonNode json = JSON.readTree(response.body());
    return json.path("access_token").asText();
  }

  private static String decode(String part) {
    return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
  }

  private static String encode(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
