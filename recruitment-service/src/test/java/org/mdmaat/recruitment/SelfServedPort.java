package org.mdmaat.recruitment;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Fixes the test port so the tests' gRPC client reaches the service's own ParticipantDirectory, and
 * the service's ScreeningAssessments client the scripted one served beside it.
 */
public class SelfServedPort implements QuarkusTestResourceLifecycleManager {
  @Override
  public Map<String, String> start() {
    try (var socket = new ServerSocket(0)) {
      var port = Integer.toString(socket.getLocalPort());
      return Map.of(
          "quarkus.http.test-port",
          port,
          "quarkus.grpc.clients.participant-directory.port",
          port,
          "quarkus.grpc.clients.screening-assessments.port",
          port);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void stop() {}
}
