package org.mdmaat.platform.calls;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * This service's own identity toward the others: a Keycloak client-credentials token for its
 * confidential client ({@code quarkus.oidc-client.*}), fetched on first use and renewed a little
 * before it expires. Concurrent callers share one fetch.
 */
@ApplicationScoped
public class ServiceIdentity {
  /** Renew this long before expiry, so a token never expires in flight. */
  static final Duration RENEW_BEFORE = Duration.ofSeconds(30);

  /** Past this, a token fetch fails (and the next call starts a new one). */
  static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

  private final OidcClient client;
  private Tokens current;
  private Uni<Tokens> fetching;

  ServiceIdentity(OidcClient client) {
    this.client = client;
  }

  /** A valid access token of this service; fails when Keycloak does not issue one. */
  public Uni<String> accessToken() {
    return Uni.createFrom().deferred(this::tokens).map(Tokens::getAccessToken);
  }

  /** A new token, for when the one in hand was refused (e.g. revoked before its expiry). */
  public Uni<String> renewedAccessToken() {
    return Uni.createFrom()
        .deferred(
            () -> {
              synchronized (this) {
                current = null;
              }
              return tokens();
            })
        .map(Tokens::getAccessToken);
  }

  private synchronized Uni<Tokens> tokens() {
    if (current != null && fresh(current, Instant.now())) {
      return Uni.createFrom().item(current);
    }
    if (fetching == null) {
      fetching =
          client
              .getTokens()
              // A Keycloak that hangs must not hold every later call on one endless fetch.
              .ifNoItem()
              .after(FETCH_TIMEOUT)
              .fail()
              .invoke(this::keep)
              .onTermination()
              .invoke(this::fetched)
              .memoize()
              .indefinitely();
    }
    return fetching;
  }

  private synchronized void keep(Tokens tokens) {
    current = tokens;
  }

  private synchronized void fetched() {
    fetching = null;
  }

  static boolean fresh(Tokens tokens, Instant now) {
    Long expiresAt = tokens.getAccessTokenExpiresAt();
    // No expiry given: never reuse it.
    return expiresAt != null && now.plus(RENEW_BEFORE).getEpochSecond() < expiresAt;
  }
}
