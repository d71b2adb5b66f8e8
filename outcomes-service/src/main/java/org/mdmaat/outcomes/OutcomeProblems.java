package org.mdmaat.outcomes;

/** The stable problem codes of outcomes-service, one meaning each. */
public final class OutcomeProblems {
  private OutcomeProblems() {}

  /** A request parameter that Bean Validation cannot check (e.g. an unknown filter value). */
  public static final String BAD_REQUEST = "OUT-0400";

  /** The instrument may be administered only by a user with the rater role. */
  public static final String RATER_ROLE_REQUIRED = "OUT-0403";

  /** Independent-rater rule: the rater is on the participant's treatment team. */
  public static final String RATER_ON_TREATMENT_TEAM = "OUT-0413";

  /** The caller's role may not record this kind of allocation guess. */
  public static final String GUESSER_ROLE = "OUT-0423";

  /** No such participant, assessment or instrument (or another site's). */
  public static final String NOT_FOUND = "OUT-0404";

  /** The participant already has this instrument at this timepoint: correct it instead. */
  public static final String ASSESSMENT_EXISTS = "OUT-0409";

  /** The same guesser already guessed at this timepoint. */
  public static final String GUESS_EXISTS = "OUT-0419";

  /** Arm-level results while the trial is blinded and the caller is not the DSMB. */
  public static final String TRIAL_BLINDED = "OUT-0429";

  /** ParticipantDirectory answered but did not disclose the arms. */
  public static final String ALLOCATIONS_NOT_DISCLOSED = "OUT-0439";

  /** Item responses missing, unknown or out of range. */
  public static final String INVALID_RESPONSES = "OUT-0422";

  /** A guess at a timepoint where guesses are not collected. */
  public static final String GUESS_TIMEPOINT = "OUT-0432";

  /** TreatmentTeam did not answer: a rating cannot be shown independent. */
  public static final String TREATMENT_TEAM_UNAVAILABLE = "OUT-0503";

  /** ParticipantDirectory did not answer: arms cannot be known. */
  public static final String DIRECTORY_UNAVAILABLE = "OUT-0513";
}
