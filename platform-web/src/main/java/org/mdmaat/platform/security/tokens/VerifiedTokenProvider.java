package org.mdmaat.platform.security.tokens;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Answers a {@link VerifiedTokenRequest} with the identity it carries. Going through the identity
 * provider manager (rather than the mechanism answering the identity itself) keeps every augmentor
 * running on a cached identity as on a freshly verified one.
 */
@ApplicationScoped
public class VerifiedTokenProvider implements IdentityProvider<VerifiedTokenRequest> {
  @Override
  public Class<VerifiedTokenRequest> getRequestType() {
    return VerifiedTokenRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      VerifiedTokenRequest request, AuthenticationRequestContext context) {
    return Uni.createFrom().item(request.identity());
  }
}
