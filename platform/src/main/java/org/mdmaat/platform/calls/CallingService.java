package org.mdmaat.platform.calls;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.Optional;

/**
 * The realm roles that only a service's own account holds ({@code service:session-service}, ...):
 * gRPC methods are allowed per calling service with {@code @RolesAllowed} of these. People never
 * hold them, so a person's token is refused on every gRPC method.
 */
public final class CallingService {
  public static final String PREFIX = "service:";
  public static final String RECRUITMENT = "service:recruitment-service";
  public static final String SESSION = "service:session-service";
  public static final String SAFETY = "service:safety-service";
  public static final String OUTCOMES = "service:outcomes-service";

  private CallingService() {}

  /** The calling service's name ({@code outcomes-service}), from its verified token's roles. */
  public static Optional<String> of(SecurityIdentity identity) {
    if (identity == null || identity.isAnonymous()) {
      return Optional.empty();
    }
    return identity.getRoles().stream()
        .filter(role -> role.startsWith(PREFIX))
        .map(role -> role.substring(PREFIX.length()))
        .sorted()
        .findFirst();
  }
}
