package org.mdmaat.platform.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.security.Principal;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.mdmaat.platform.audit.Actor;

/**
 * Who is calling, from the verified access token: subject, realm roles, the sites they work at
 * ({@code sites} claim) and the sponsor they belong to ({@code sponsor} claim).
 *
 * <p>Scoping answers 404, never 403: a caller must not learn that a record of another site or
 * sponsor exists.
 */
@RequestScoped
public class Caller {
  static final String NOT_VISIBLE = "PLATFORM-0404";
  static final String ANONYMOUS = "anonymous";

  private final SecurityIdentity identity;

  Caller(SecurityIdentity identity) {
    this.identity = identity;
  }

  /** The caller of {@code identity}, verified elsewhere (a person a gRPC call is made for). */
  public static Caller of(SecurityIdentity identity) {
    return new Caller(identity);
  }

  /**
   * {@code preferred_username} when the token has one (readable in the audit trail), else {@code
   * sub}.
   */
  public String subject() {
    if (identity == null || identity.isAnonymous()) {
      return ANONYMOUS;
    }
    var token = token();
    if (token != null) {
      String username = text(token.getClaim("preferred_username"));
      if (username != null && !username.isBlank()) {
        return username;
      }
      if (token.getSubject() != null) {
        return token.getSubject();
      }
    }
    Principal principal = identity.getPrincipal();
    return principal == null ? ANONYMOUS : principal.getName();
  }

  /** The identity provider's stable id of the caller ({@code sub}); {@link #subject()} if none. */
  public String id() {
    var token = token();
    return token == null || token.getSubject() == null ? subject() : token.getSubject();
  }

  /** The caller's full name as the identity provider knows it ({@code name} claim). */
  public Optional<String> fullName() {
    var token = token();
    return token == null
        ? Optional.empty()
        : Optional.ofNullable(text(token.getClaim("name")))
            .map(n -> n.strip().replaceAll("\\s+", " "))
            .filter(n -> !n.isEmpty());
  }

  /** When the caller last entered their credentials ({@code auth_time}), if the token says. */
  public Optional<Instant> authTime() {
    var token = token();
    Object claim = token == null ? null : token.getClaim("auth_time");
    long seconds =
        claim instanceof JsonNumber number
            ? number.longValue()
            : claim instanceof Number number ? number.longValue() : 0;
    // The token library answers 0 for a numeric claim the token does not have.
    return seconds > 0 ? Optional.of(Instant.ofEpochSecond(seconds)) : Optional.empty();
  }

  /** The caller's realm roles. */
  public Set<String> roles() {
    return identity == null ? Set.of() : Set.copyOf(identity.getRoles());
  }

  public boolean hasRole(String role) {
    return identity != null && identity.hasRole(role);
  }

  /** The site codes the caller works at; empty for roles without sites (sponsor, regulator). */
  public Set<String> sites() {
    var token = token();
    return token == null ? Set.of() : texts(token.getClaim("sites"));
  }

  /** The sponsor the caller belongs to, if any. */
  public Optional<String> sponsor() {
    var token = token();
    return token == null
        ? Optional.empty()
        : Optional.ofNullable(text(token.getClaim("sponsor"))).filter(s -> !s.isBlank());
  }

  /**
   * Whether the caller must not see treatment assignments: everyone but pharmacists, the DSMB and
   * the unblinded statistician.
   */
  public boolean blinded() {
    return !(hasRole(Roles.PHARMACIST)
        || hasRole(Roles.DSMB)
        || hasRole(Roles.UNBLINDED_STATISTICIAN));
  }

  /** Lets the request continue only for a caller working at {@code siteCode}; else 404. */
  public void requireSite(String siteCode) {
    scope().requireSite(siteCode);
  }

  /** Lets the request continue only for a caller of sponsor {@code sponsorId}; else 404. */
  public void requireSponsor(String sponsorId) {
    scope().requireSponsor(sponsorId);
  }

  /** The caller's sites, sponsor and actor as one value, for the service methods that scope. */
  public Scope scope() {
    return new Scope(sites(), sponsor(), actor());
  }

  /**
   * The caller's own access token, to carry to another service that decides on their verified
   * identity; empty for an anonymous caller.
   */
  public Optional<Bearer> bearer() {
    var token = token();
    return token == null || token.getRawToken() == null
        ? Optional.empty()
        : Optional.of(new Bearer(token.getRawToken()));
  }

  /** The caller as the actor of an audit entry. */
  public Actor actor() {
    return new Actor(subject(), roles());
  }

  private JsonWebToken token() {
    if (identity == null || identity.isAnonymous()) {
      return null;
    }
    return identity.getPrincipal() instanceof JsonWebToken token ? token : null;
  }

  // Claims arrive as JSON values, strings or collections depending on the token library: accept
  // all.
  static Set<String> texts(Object claim) {
    var values = new TreeSet<String>();
    if (claim instanceof Collection<?> many) {
      for (Object one : many) {
        String value = text(one);
        if (value != null && !value.isBlank()) {
          values.add(value);
        }
      }
    } else {
      String value = text(claim);
      if (value != null && !value.isBlank()) {
        values.add(value);
      }
    }
    return Set.copyOf(values);
  }

  static String text(Object claim) {
    if (claim == null || claim == JsonValue.NULL) {
      return null;
    }
    if (claim instanceof JsonString string) {
      return string.getString();
    }
    if (claim instanceof String string) {
      return string;
    }
    if (claim instanceof Collection<?> many) {
      // A one-element array where a single value was expected.
      return many.size() == 1 ? text(many.iterator().next()) : null;
    }
    if (claim instanceof JsonValue) {
      return null;
    }
    return claim.toString();
  }
}
