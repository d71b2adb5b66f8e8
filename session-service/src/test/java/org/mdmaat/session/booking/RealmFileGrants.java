package org.mdmaat.session.booking;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.mdmaat.session.Therapists;

/**
 * Before the application starts: session-service's service account holds the client roles {@code
 * deploy/keycloak/realm.json} gives it ({@code realm-management} {@code view-users}), also when
 * devstack's Keycloak was built with an older copy of the realm file (see {@link
 * Therapists#grantServiceAccountRolesOfRealmFile}). Declared on {@link BookingTherapistsTest}; as a
 * {@code @QuarkusTestResource} it applies to every test of the module.
 */
public class RealmFileGrants implements QuarkusTestResourceLifecycleManager {
  @Override
  public Map<String, String> start() {
    var granted = Therapists.grantServiceAccountRolesOfRealmFile();
    if (!granted.isEmpty()) {
      System.out.println(
          "[session-service tests] devstack's realm lacked what deploy/keycloak/realm.json grants"
              + " service-account-session-service; granted "
              + granted);
    }
    return Map.of();
  }

  @Override
  public void stop() {}
}
