package org.mdmaat.gateway.routing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in upstream service that answers with what it received, so tests can see exactly what the
 * gateway relayed. The outcomes route points at a port nobody listens on.
 */
public class EchoUpstream implements QuarkusTestResourceLifecycleManager {
  private Vertx vertx;

  @Override
  public Map<String, String> start() {
    vertx = Vertx.vertx();
    try {
      var server =
          vertx
              .createHttpServer()
              .requestHandler(
                  request ->
                      request
                          .body()
                          .onSuccess(
                              body -> {
                                var headers = new JsonObject();
                                request
                                    .headers()
                                    .forEach(
                                        h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
                                request
                                    .response()
                                    .putHeader("content-type", "application/json")
                                    .putHeader("X-Upstream", "echo")
                                    .setStatusCode(request.path().endsWith("/teapot") ? 418 : 200)
                                    .end(
                                        new JsonObject()
                                            .put("method", request.method().name())
                                            .put("uri", request.uri())
                                            .put("headers", headers)
                                            .put("body", body.toString())
                                            .encode());
                              }))
              .listen(0)
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      var echo = "http://localhost:" + server.actualPort();
      return Map.of(
          "gateway.routes.recruitment.url", echo,
          "gateway.routes.sessions.url", echo,
          "gateway.routes.safety.url", echo,
          "gateway.routes.outcomes.url", "http://localhost:" + closedPort(),
          "gateway.timeout", "3s");
    } catch (Exception e) {
      throw new IllegalStateException("echo upstream did not start", e);
    }
  }

  private static int closedPort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void stop() {
    if (vertx != null) {
      vertx.close();
    }
  }
}
