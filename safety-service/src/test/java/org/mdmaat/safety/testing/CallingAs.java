package org.mdmaat.safety.testing;

import io.grpc.Metadata;
import io.quarkus.grpc.GrpcClientUtils;
import org.mdmaat.devstack.KeycloakServer;
import org.mdmaat.platform.calls.ServiceCalls;

/** A test's gRPC client as a service calls: with that service's own Keycloak token. */
public final class CallingAs {
  private CallingAs() {}

  public static <T> T service(T client, String service) {
    var headers = new Metadata();
    headers.put(
        ServiceCalls.AUTHORIZATION, "Bearer " + KeycloakServer.shared().serviceToken(service));
    return GrpcClientUtils.attachHeaders(client, headers);
  }
}
