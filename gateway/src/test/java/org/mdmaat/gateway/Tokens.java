package org.mdmaat.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mdmaat.devstack.KeycloakServer;

/** Real tokens from devstack's Keycloak: one demo user per realm role. */
public final class Tokens {
  public static final Map<String, String> USER_BY_ROLE = new LinkedHashMap<>();

  static {
    USER_BY_ROLE.put("sponsor", "sponsor.maps");
    USER_BY_ROLE.put("site-coordinator", "coordinator.sf");
    USER_BY_ROLE.put("investigator", "investigator.sf");
    USER_BY_ROLE.put("therapist", "therapist.sf1");
    USER_BY_ROLE.put("rater", "rater.sf");
    USER_BY_ROLE.put("pharmacist", "pharmacist.sf");
    USER_BY_ROLE.put("dsmb", "dsmb.chair");
    USER_BY_ROLE.put("unblinded-statistician", "statistician.maps");
    USER_BY_ROLE.put("regulator", "regulator.fda");
  }

  private Tokens() {}

  public static String forUser(String user) {
    return KeycloakServer.shared().accessToken(user, "demo");
  }

  public static String forRole(String role) {
    return forUser(USER_BY_ROLE.get(role));
  }
}
