package org.mdmaat.platform.security;

import java.util.Set;

/** The realm roles of the trials realm, for {@code @RolesAllowed} and {@link Caller#hasRole}. */
public final class Roles {
  private Roles() {}

  public static final String SPONSOR = "sponsor";
  public static final String SITE_COORDINATOR = "site-coordinator";
  public static final String INVESTIGATOR = "investigator";
  public static final String THERAPIST = "therapist";
  public static final String RATER = "rater";

  /** Unblinded: prepares and dispenses the study drug. */
  public static final String PHARMACIST = "pharmacist";

  /** Unblinded: the data and safety monitoring board. */
  public static final String DSMB = "dsmb";

  /**
   * Unblinded: the independent statistician who keeps the randomization and approves a whole-trial
   * unblinding with a second person.
   */
  public static final String UNBLINDED_STATISTICIAN = "unblinded-statistician";

  public static final String REGULATOR = "regulator";

  /**
   * Runs the platform: inspects and replays dead-lettered events (each replay audited). Sees no
   * trial data.
   */
  public static final String PLATFORM_OPERATOR = "platform-operator";

  /**
   * A bedside monitor's own client (a service account bound to its site by the {@code sites}
   * attribute): posts vital-sign Bundles at {@code /fhir/r4}, reads nothing.
   */
  public static final String DEVICE = "device";

  /** Every realm role above. */
  public static final Set<String> ALL =
      Set.of(
          SPONSOR,
          SITE_COORDINATOR,
          INVESTIGATOR,
          THERAPIST,
          RATER,
          PHARMACIST,
          DSMB,
          UNBLINDED_STATISTICIAN,
          REGULATOR,
          PLATFORM_OPERATOR,
          DEVICE);

  /** The roles that may see a randomized arm before the trial is unblinded. */
  public static final Set<String> UNBLINDED = Set.of(PHARMACIST, DSMB, UNBLINDED_STATISTICIAN);
}
