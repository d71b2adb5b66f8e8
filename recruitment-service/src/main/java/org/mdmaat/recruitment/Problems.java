package org.mdmaat.recruitment;

import org.mdmaat.platform.problem.ProblemCode;

/**
 * Every problem recruitment-service answers, with its HTTP status and stable code ({@code REC-0SSS}
 * or {@code REC-0SSS-SUFFIX}, SSS being the status). Clients and support search for the codes, so a
 * code keeps its meaning once released.
 */
public enum Problems implements ProblemCode {
  /** Input that is invalid beyond what Bean Validation checks. */
  INVALID_INPUT(400, "REC-0400"),

  /** A FHIR search with a parameter not supported, or a value that is not one of its values. */
  FHIR_SEARCH(400, "REC-0400-FHIR-SEARCH"),

  /** The caller's token lacks what the action needs (no sponsor claim, arms still blinded). */
  FORBIDDEN(403, "REC-0403"),

  /**
   * Unknown trial, site, call, pre-screen or participant, or one of another sponsor or site: the
   * same answer, so that its existence is not revealed.
   */
  NOT_FOUND(404, "REC-0404"),
  /** An SDTM domain this service does not produce. */
  SDTM_DOMAIN_NOT_FOUND(404, "REC-0404-SDTM-DOMAIN"),
  /** A regulator asked for a submission dataset of a trial that is still blinded. */
  TRIAL_BLINDED(409, "REC-0409-TRIAL-BLINDED"),

  /** An illegal trial, call or participant status transition. */
  ILLEGAL_TRANSITION(409, "REC-0409"),

  /** The sponsor already has a trial with this protocol code. */
  DUPLICATE_PROTOCOL_CODE(409, "REC-0409-DUPLICATE"),

  /** Only an unblinded role may set a randomization seed (allocation concealment). */
  SEED_NEEDS_UNBLINDED_ROLE(403, "REC-0403-SEED"),

  /** The trial already has an open unblinding request: approve or reject it first. */
  UNBLINDING_ALREADY_REQUESTED(409, "REC-0409-UNBLINDING-OPEN"),

  /** Unblinding on the grounds of the database lock while the outcome data is not locked. */
  DATA_NOT_LOCKED(422, "REC-0422-DATA-NOT-LOCKED"),

  /** Unblinding to stop early needs the DSMB's recommendation: a DSMB member requests it. */
  NO_DSMB_RECOMMENDATION(422, "REC-0422-NO-DSMB-RECOMMENDATION"),

  /** The two-person rule: the approver of an unblinding is not its requester. */
  SECOND_PERSON_REQUIRED(422, "REC-0422-SECOND-PERSON"),

  /** A broken business rule or inconsistent settings. */
  RULE_BROKEN(422, "REC-0422"),

  /** The trial has no screening CAPS-5 threshold: no candidate can be signed eligible. */
  NO_SCREENING_THRESHOLD(422, "REC-0422-NO-CAPS5-THRESHOLD"),

  /** An eligibility signature without a screening CAPS-5 recorded by a rater in outcomes. */
  NO_SCREENING_CAPS5(422, "REC-0422-NO-SCREENING-CAPS5"),

  /** The screening CAPS-5 total is below the trial's threshold. */
  CAPS5_BELOW_THRESHOLD(422, "REC-0422-CAPS5-BELOW-THRESHOLD"),

  /** The screening CAPS-5 does not meet the DSM-5 PTSD diagnostic rule. */
  PTSD_DIAGNOSIS_NOT_MET(422, "REC-0422-DIAGNOSIS-NOT-MET"),

  /** outcomes-service did not answer: the screening CAPS-5 cannot be shown, nothing is signed. */
  OUTCOMES_UNAVAILABLE(503, "REC-0503-OUTCOMES"),

  /** The trial does not enrol or randomize in its current status. */
  TRIAL_NOT_ENROLLING(422, "REC-0422-NOT-ENROLLING");

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
