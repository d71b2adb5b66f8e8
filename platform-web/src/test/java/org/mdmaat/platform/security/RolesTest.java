package org.mdmaat.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class RolesTest {
  @Test
  void namesExactlyTheRealmRoles() throws Exception {
    // The realm devstack imports (deploy/keycloak/realm.json, copied into devstack's jar).
    try (var realm = getClass().getClassLoader().getResourceAsStream("devstack/realm.json")) {
      assertThat(realm).isNotNull();
      var names = new HashSet<String>();
      new ObjectMapper()
          .readTree(realm)
          .path("roles")
          .path("realm")
          .forEach(role -> names.add(role.path("name").asText()));
      assertThat(Roles.ALL).isEqualTo(names);
    }
  }
}
