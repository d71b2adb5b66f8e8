package org.mdmaat.gateway.access;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.mdmaat.gateway.stub.StubServices;

/** The gateway with an identity provider that nobody answers for (a closed port). */
public class KeycloakDownProfile implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    try (var socket = new ServerSocket(0)) {
      return Map.of(
          "quarkus.oidc.auth-server-url",
          "http://localhost:" + socket.getLocalPort() + "/realms/trials");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(StubServices.class));
  }

  @Override
  public boolean disableGlobalTestResources() {
    return true;
  }
}
