package org.mdmaat.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The JVM-wide {@link KeycloakServer} for a {@code @QuarkusTest}: {@code
 * quarkus.oidc.auth-server-url} is the {@code trials} realm, and {@code devstack.keycloak.url}
 * Keycloak's base URL. Tokens for tests: {@code
 * KeycloakServer.shared().accessToken("coordinator.sf", "demo")}. {@link #stop()} leaves the server
 * running for the next test class; it stops at JVM exit.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {
  @Override
  public Map<String, String> start() {
    var keycloak = KeycloakServer.shared();
    return Map.of(
        "quarkus.oidc.auth-server-url", keycloak.realmUrl(),
        "devstack.keycloak.url", keycloak.baseUrl());
  }

  @Override
  public void stop() {
    // The shared server outlives each test class; a shutdown hook stops it.
  }
}
