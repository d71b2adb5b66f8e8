package org.mdmaat.platform.audit;

import java.util.Objects;
import java.util.Set;

/**
 * Who made a change: a person (token subject and realm roles) or a service acting on its own, e.g.
 * when applying an event from another service.
 */
public record Actor(String subject, Set<String> roles) {
  public Actor {
    Objects.requireNonNull(subject, "subject");
    roles = roles == null ? Set.of() : Set.copyOf(roles);
  }

  /** A service acting on its own; appears as {@code system:<service>} in the audit trail. */
  public static Actor system(String service) {
    return new Actor("system:" + Objects.requireNonNull(service, "service"), Set.of());
  }
}
