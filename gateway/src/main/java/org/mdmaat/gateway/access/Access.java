package org.mdmaat.gateway.access;

import java.util.Set;

/** What the route policy says about one request. */
public sealed interface Access {

  /** Anyone, with or without a token (rate-limited per client address). */
  record Anonymous() implements Access {}

  /**
   * A valid token with at least one of these realm roles; an empty set means any signed-in user.
   */
  record RolesAllowed(Set<String> roles) implements Access {
    public RolesAllowed {
      roles = Set.copyOf(roles);
    }

    boolean admits(Set<String> callerRoles) {
      return roles.isEmpty() || callerRoles.stream().anyMatch(roles::contains);
    }
  }

  /** The path exists but is read-only: refused with 405 whoever asks. */
  record ReadOnly(String allow) implements Access {}
}
