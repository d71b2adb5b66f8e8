package org.mdmaat.platform.security.tokens;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/**
 * A bearer token this service has already verified in full, with the identity verified from it. Its
 * own request type, so that exactly one provider answers it ({@link VerifiedTokenProvider}) and
 * OIDC's provider never sees it: the identity provider manager does not order providers of one
 * request type by priority.
 */
final class VerifiedTokenRequest extends BaseAuthenticationRequest {
  private final SecurityIdentity identity;

  VerifiedTokenRequest(SecurityIdentity identity) {
    this.identity = identity;
  }

  SecurityIdentity identity() {
    return identity;
  }
}
