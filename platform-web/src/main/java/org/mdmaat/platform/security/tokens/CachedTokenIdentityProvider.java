package org.mdmaat.platform.security.tokens;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Answers a bearer token this service has already verified with the identity it verified, before
 * the OIDC provider checks the signature again; anything else (an unknown, changed or expired
 * token) goes on to the OIDC provider, which verifies it in full (a {@code null} identity passes
 * the request to the next provider). Runs ahead of it by priority.
 */
@ApplicationScoped
public class CachedTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {
  private final VerifiedTokens tokens;

  CachedTokenIdentityProvider(VerifiedTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public Class<TokenAuthenticationRequest> getRequestType() {
    return TokenAuthenticationRequest.class;
  }

  @Override
  public int priority() {
    return SYSTEM_FIRST;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      TokenAuthenticationRequest request, AuthenticationRequestContext context) {
    var token = request.getToken() == null ? null : request.getToken().getToken();
    if (token == null) {
      return Uni.createFrom().nullItem();
    }
    return tokens
        .find(token)
        .map(identity -> Uni.createFrom().item(forThisRequest(identity, request)))
        .orElseGet(() -> Uni.createFrom().nullItem());
  }

  /** The cached identity with this request's routing context, not the first request's. */
  private static SecurityIdentity forThisRequest(
      SecurityIdentity identity, TokenAuthenticationRequest request) {
    RoutingContext current = HttpSecurityUtils.getRoutingContextAttribute(request);
    var name = RoutingContext.class.getName();
    if (identity.getAttribute(name) == null && current == null) {
      return identity;
    }
    return QuarkusSecurityIdentity.builder(identity).addAttribute(name, current).build();
  }
}
