package org.mdmaat.platform.security.tokens;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Answers a request whose bearer token this service has already verified in full, from {@link
 * VerifiedTokens}, before the OIDC mechanism would check the token's RS256 signature again (issue
 * 19: that check was a large share of each request's CPU). Anything else (no token, a token not
 * seen, one that differs in any character, one past its {@code exp}) is left to the OIDC mechanism,
 * which runs next and verifies it in full: this mechanism answers "no credentials here", never a
 * refusal, and never a challenge of its own.
 */
@ApplicationScoped
public class VerifiedTokenMechanism implements HttpAuthenticationMechanism {
  // Ahead of every other mechanism (OIDC's is DEFAULT_PRIORITY + 1), which HttpAuthenticator
  // orders by this number.
  static final int PRIORITY = DEFAULT_PRIORITY + 1000;
  private static final String BEARER = "bearer ";

  private final VerifiedTokens tokens;

  VerifiedTokenMechanism(VerifiedTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identityProviderManager) {
    var token = bearer(context.request().getHeader(HttpHeaders.AUTHORIZATION));
    if (token == null) {
      return Uni.createFrom().nullItem();
    }
    var verified = tokens.find(token);
    if (verified.isEmpty()) {
      return Uni.createFrom().nullItem();
    }
    // This request's routing context, not the first request's.
    var identity =
        QuarkusSecurityIdentity.builder(verified.get())
            .addAttribute(RoutingContext.class.getName(), context)
            .addAttribute(VerifiedTokens.FROM_CACHE, Boolean.TRUE)
            .build();
    return identityProviderManager.authenticate(
        HttpSecurityUtils.setRoutingContextAttribute(new VerifiedTokenRequest(identity), context));
  }

  static String bearer(String authorization) {
    if (authorization == null
        || authorization.length() <= BEARER.length()
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    var token = authorization.substring(BEARER.length()).trim();
    return token.isEmpty() ? null : token;
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    return Uni.createFrom().nullItem();
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of(VerifiedTokenRequest.class);
  }

  @Override
  public int getPriority() {
    return PRIORITY;
  }
}
