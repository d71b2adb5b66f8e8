package org.mdmaat.platform.security.tokens;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Stores each identity the OIDC provider has just verified from a bearer JWT in {@link
 * VerifiedTokens}, until the token's {@code exp}. Augmentors run only after a provider produced an
 * identity, so a token that failed verification never gets here; it runs first of all augmentors,
 * so it stores the identity as the provider built it, and the others augment a cached one again on
 * each request as they would a fresh one.
 */
@ApplicationScoped
public class RememberVerifiedToken implements SecurityIdentityAugmentor {
  private final VerifiedTokens tokens;

  RememberVerifiedToken(VerifiedTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public int priority() {
    return Integer.MAX_VALUE;
  }

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    if (!identity.isAnonymous()
        && identity.getAttribute(VerifiedTokens.FROM_CACHE) == null
        && identity.getPrincipal() instanceof JsonWebToken jwt
        && jwt.getRawToken() != null
        && jwt.getExpirationTime() > 0) {
      var credential = identity.getCredential(TokenCredential.class);
      // The identity must be the one built from this very token (its credential and its claims).
      if (credential != null && jwt.getRawToken().equals(credential.getToken())) {
        tokens.remember(jwt.getRawToken(), identity, jwt.getExpirationTime());
      }
    }
    return Uni.createFrom().item(identity);
  }
}
