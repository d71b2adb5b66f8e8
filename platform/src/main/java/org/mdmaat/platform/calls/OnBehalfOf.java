package org.mdmaat.platform.calls;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.mdmaat.platform.security.Caller;

/**
 * The person a gRPC call is made for ({@link ServiceCalls#ON_BEHALF_OF}), verified here as the REST
 * API verifies a token (signature, issuer, audience, expiry) before any decision rests on it. The
 * header is read when the call arrives; {@link #person()} is valid at the start of the gRPC method.
 */
@ApplicationScoped
@GlobalInterceptor
public class OnBehalfOf implements ServerInterceptor {
  private static final Context.Key<String> TOKEN = Context.key("mdmaat-on-behalf-of");

  private final TenantIdentityProvider identities;

  OnBehalfOf(TenantIdentityProvider identities) {
    this.identities = identities;
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    String token = headers.get(ServiceCalls.ON_BEHALF_OF);
    if (token == null || token.isBlank()) {
      return next.startCall(call, headers);
    }
    return Contexts.interceptCall(Context.current().withValue(TOKEN, token), call, headers, next);
  }

  /**
   * The verified person the current gRPC call is made for; empty when the call names nobody. Fails
   * (as the REST API answers 401) when the token does not verify.
   */
  public Uni<Optional<Caller>> person() {
    String token = TOKEN.get();
    if (token == null) {
      return Uni.createFrom().item(Optional.empty());
    }
    return identities
        .authenticate(new AccessTokenCredential(token))
        .map(Caller::of)
        .map(Optional::of);
  }
}
