package org.mdmaat.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RolesTest {
  // Roles of service accounts (platform's CallingService): the gRPC methods a service may call.
  private static final String SERVICE_ROLE = "service:";

  private JsonNode realm() throws Exception {
    // The realm devstack imports (deploy/keycloak/realm.json, copied into devstack's jar).
    try (var realm = getClass().getClassLoader().getResourceAsStream("devstack/realm.json")) {
      assertThat(realm).isNotNull();
      return new ObjectMapper().readTree(realm);
    }
  }

  @Test
  void namesExactlyThePeoplesRolesOfTheRealm() throws Exception {
    var names = new HashSet<String>();
    realm().path("roles").path("realm").forEach(role -> names.add(role.path("name").asText()));
    names.removeIf(name -> name.startsWith(SERVICE_ROLE));
    assertThat(Roles.ALL).isEqualTo(names);
  }

  @Test
  void onlyAServicesOwnAccountHoldsItsServiceRole() throws Exception {
    var holders = new HashSet<String>();
    for (var user : realm().path("users")) {
      var client = user.path("serviceAccountClientId").asText(null);
      for (var role : user.path("realmRoles")) {
        var name = role.asText();
        if (name.startsWith(SERVICE_ROLE)) {
          // A person with a service role could call gRPC methods: never.
          assertThat(client).as(user.path("username").asText()).isNotNull();
          assertThat(name).isEqualTo(SERVICE_ROLE + client);
          holders.add(client);
        }
      }
    }
    assertThat(holders)
        .isEqualTo(
            Set.of("recruitment-service", "session-service", "safety-service", "outcomes-service"));
  }
}
