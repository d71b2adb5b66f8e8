package org.mdmaat.session.booking;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Where and as whom booked therapists are looked up: Keycloak's Admin REST API, with this service's
 * own service account (its client-credentials token, {@code ServiceIdentity}). The account needs
 * {@code realm-management} {@code view-users}.
 */
@ConfigMapping(prefix = "session.therapists")
public interface TherapistDirectoryConfig {
  /**
   * The realm, e.g. {@code http://localhost:18080/realms/trials}: the token endpoint is below it,
   * and the Admin API is {@code <base>/admin/realms/<realm>}. Defaults to the OIDC issuer; set it
   * when this service reaches Keycloak's admin endpoints at another (internal) address.
   */
  String realmUrl();

  /** How long one call to Keycloak may take before the booking is refused with 503. */
  @WithDefault("3s")
  Duration timeout();
}
