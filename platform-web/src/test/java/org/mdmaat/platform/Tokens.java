package org.mdmaat.platform;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import org.mdmaat.devstack.KeycloakServer;

/** Requests as a demo user of the trials realm, with a token from devstack's real Keycloak. */
public final class Tokens {
  private Tokens() {}

  public static RequestSpecification as(String user) {
    return given().auth().oauth2(token(user));
  }

  public static String token(String user) {
    return KeycloakServer.shared().accessToken(user, "demo");
  }
}
