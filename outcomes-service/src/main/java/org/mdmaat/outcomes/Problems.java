package org.mdmaat.outcomes;

import org.mdmaat.platform.problem.ProblemCode;

/**
 * Every problem outcomes-service answers, with its HTTP status and stable code ({@code
 * OUT-0SSS[-SUFFIX]}, SSS the status). A code keeps its meaning once released; {@code ProblemsTest}
 * checks that codes are unique and match their status.
 */
public enum Problems implements ProblemCode {
  /** A FHIR search parameter not taken, or a value out of its range. */
  FHIR_SEARCH(400, "OUT-0400-SEARCH"),
  /**
   * No such participant, assessment, instrument, trial or site: also the answer for another site's
   * or sponsor's record, so that its existence is not revealed.
   */
  NOT_FOUND(404, "OUT-0404"),
  /** An SDTM domain this service does not produce. */
  SDTM_DOMAIN_NOT_FOUND(404, "OUT-0404-DOMAIN"),

  /** The instrument may be administered only by a user with the rater role. */
  RATER_ROLE_REQUIRED(403, "OUT-0403"),

  /** Independent-rater rule: the rater is on the participant's treatment team. */
  RATER_ON_TREATMENT_TEAM(403, "OUT-0403-TEAM"),

  /** The caller's role may not record this kind of allocation guess. */
  GUESSER_ROLE(403, "OUT-0403-GUESSER"),

  /** The participant already has this instrument at this timepoint: correct it instead. */
  ASSESSMENT_EXISTS(409, "OUT-0409"),

  /**
   * A screening CAPS-5 for a candidate who has not consented (ICH E6: no study-specific screening
   * before consent), or who is no longer in screening.
   */
  SCREENING_NOT_CONSENTED(409, "OUT-0409-CONSENT"),
  /** The same guesser already guessed at this timepoint. */
  GUESS_EXISTS(409, "OUT-0409-GUESS"),

  /**
   * Results that need the allocation while the trial is blinded and the caller is not in an
   * unblinded role (DSMB, unblinded statistician).
   */
  TRIAL_BLINDED(409, "OUT-0409-BLINDED"),

  /** ParticipantDirectory answered but did not disclose the arms. */
  ALLOCATIONS_NOT_DISCLOSED(409, "OUT-0409-UNDISCLOSED"),

  /**
   * The trial's outcome data are locked (database lock): no assessment, correction or allocation
   * guess is accepted, and a second lock is refused, until the sponsor unlocks them.
   */
  DATA_LOCKED(409, "OUT-0409-LOCKED"),

  /** An unlock of a trial whose outcome data are not locked. */
  NOT_LOCKED(409, "OUT-0409-UNLOCKED"),

  /**
   * A database lock before the last primary endpoint: randomized participants who have not
   * withdrawn lack the primary-endpoint assessment (named in the violations).
   */
  PRIMARY_ENDPOINT_MISSING(422, "OUT-0422-ENDPOINT"),

  /**
   * A response or remission threshold that is negative or outside what the instrument's total can
   * reach, remission on an instrument without a diagnosis, or no threshold at all.
   */
  IMPLAUSIBLE_RULES(422, "OUT-0422-RULES"),

  /** Another change of the same trial's thresholds was saved at the same time: read and retry. */
  RULES_CHANGED(409, "OUT-0409-RULES"),

  /**
   * A timepoint window that is inverted (earliest after target or target after latest), outside the
   * days a window may span, missing a bound, or not in the timepoint's shape (BASELINE: no target,
   * open start).
   */
  IMPLAUSIBLE_WINDOW(422, "OUT-0422-WINDOW"),

  /** Another change of the same trial's window for the timepoint was saved at the same time. */
  WINDOW_CHANGED(409, "OUT-0409-WINDOW"),

  /** Item responses missing, unknown or out of range, or an unknown instrument. */
  INVALID_RESPONSES(422, "OUT-0422"),

  /** A guess at a timepoint where guesses are not collected. */
  GUESS_TIMEPOINT(422, "OUT-0422-TIMEPOINT"),

  /** TreatmentTeam did not answer: a rating cannot be shown independent. */
  TREATMENT_TEAM_UNAVAILABLE(503, "OUT-0503"),

  /** ParticipantDirectory did not answer: arms or the trial's sponsor cannot be known. */
  DIRECTORY_UNAVAILABLE(503, "OUT-0503-DIRECTORY");

  private final int status;
  private final String code;

  Problems(int status, String code) {
    this.status = status;
    this.code = code;
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public String code() {
    return code;
  }
}
