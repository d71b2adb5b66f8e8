package org.mdmaat.outcomes.allocation;

import java.util.Set;
import org.mdmaat.platform.security.Roles;

/**
 * Who may see results split by arm. Unblinded roles (DSMB, unblinded statistician) always; the
 * sponsor and regulators only once the whole trial is unblinded; site roles never, so that nobody
 * who treats or rates a participant can infer an arm from a group's results.
 */
public final class ArmVisibility {
  /** Roles that see arm-level results while the trial is blinded (pharmacists need none). */
  public static final Set<String> WHILE_BLINDED = Set.of(Roles.DSMB, Roles.UNBLINDED_STATISTICIAN);

  /** Roles that see them once TrialUnblinded was received. */
  public static final Set<String> AFTER_UNBLINDING = Set.of(Roles.SPONSOR, Roles.REGULATOR);

  /** Roles that never see them, whatever else they hold. */
  public static final Set<String> SITE_ROLES =
      Set.of(
          Roles.INVESTIGATOR,
          Roles.SITE_COORDINATOR,
          Roles.THERAPIST,
          Roles.RATER,
          Roles.PHARMACIST);

  private ArmVisibility() {}

  /** Whether a reader with {@code roles} sees by arm, the trial being {@code unblinded} or not. */
  public static boolean byArm(Set<String> roles, boolean unblinded) {
    if (roles.stream().anyMatch(SITE_ROLES::contains)) {
      return false;
    }
    return roles.stream().anyMatch(WHILE_BLINDED::contains)
        || (unblinded && roles.stream().anyMatch(AFTER_UNBLINDING::contains));
  }
}
