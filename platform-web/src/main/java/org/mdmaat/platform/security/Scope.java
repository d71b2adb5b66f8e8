package org.mdmaat.platform.security;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.problem.NotFound;

/**
 * What one caller may reach, as one value a resource hands to its service: the sites they work at,
 * the sponsor they belong to, and who they are in the audit trail (subject and roles). Services do
 * their access checks through it, so that every service method that scopes takes the same
 * parameter. Built from the verified token by {@link Caller#scope()}.
 *
 * <p>Scoping answers 404 ({@code PLATFORM-0404}), never 403: a caller must not learn that a record
 * of another site or sponsor exists.
 *
 * @param sites the site codes the caller works at; empty for roles without sites
 * @param sponsor the sponsor the caller belongs to, if any
 * @param actor the caller as the actor of an audit entry
 */
public record Scope(Set<String> sites, Optional<String> sponsor, Actor actor) {
  public Scope {
    sites = Set.copyOf(sites);
    Objects.requireNonNull(sponsor, "sponsor");
    Objects.requireNonNull(actor, "actor");
  }

  /** Whether the caller has this realm role. */
  public boolean hasRole(String role) {
    return actor.roles().contains(role);
  }

  /** The caller's realm roles. */
  public Set<String> roles() {
    return actor.roles();
  }

  /** Whether the caller must not see treatment assignments (see {@link Roles#UNBLINDED}). */
  public boolean blinded() {
    return actor.roles().stream().noneMatch(Roles.UNBLINDED::contains);
  }

  /** Whether the caller works at {@code siteCode}. */
  public boolean worksAt(String siteCode) {
    return siteCode != null && sites.contains(siteCode);
  }

  /** Whether the caller belongs to sponsor {@code sponsorId}. */
  public boolean belongsTo(String sponsorId) {
    return sponsorId != null && sponsor.map(sponsorId::equals).orElse(false);
  }

  /** Lets the request continue only for a caller working at {@code siteCode}; else 404. */
  public void requireSite(String siteCode) {
    if (!worksAt(siteCode)) {
      throw new NotFound(Caller.NOT_VISIBLE, "Not found.");
    }
  }

  /** Lets the request continue only for a caller of sponsor {@code sponsorId}; else 404. */
  public void requireSponsor(String sponsorId) {
    if (!belongsTo(sponsorId)) {
      throw new NotFound(Caller.NOT_VISIBLE, "Not found.");
    }
  }
}
