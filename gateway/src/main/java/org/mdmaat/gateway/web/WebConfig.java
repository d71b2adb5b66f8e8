package org.mdmaat.gateway.web;

import io.smallrye.config.ConfigMapping;

/** What the site pages' login needs to know: where the browser meets Keycloak. */
@ConfigMapping(prefix = "gateway.web")
public interface WebConfig {
  /** The realm's URL as a browser reaches it (the token issuer). */
  String authServerUrl();

  /** The public OIDC client the pages log in with (authorization code with PKCE). */
  String clientId();
}
