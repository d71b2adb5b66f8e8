package org.mdmaat.safety.hold;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Fixes the test port so the test's gRPC client can reach the service's own SafetyGate, and the
 * service can reach the scripted ParticipantDirectory served beside it.
 */
public class SelfServedPort implements QuarkusTestResourceLifecycleManager {
  @Override
  public Map<String, String> start() {
    try (var socket = new ServerSocket(0)) {
      var port = Integer.toString(socket.getLocalPort());
      // The scripted ParticipantDirectory of the tests is served on the same port.
      return Map.of(
          "quarkus.http.test-port", port,
          "quarkus.grpc.clients.safety-gate.port", port,
          "quarkus.grpc.clients.participant-directory.host", "localhost",
          "quarkus.grpc.clients.participant-directory.port", port);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void stop() {}
}
