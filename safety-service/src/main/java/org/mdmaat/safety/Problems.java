package org.mdmaat.safety;

import org.mdmaat.platform.problem.ProblemCode;

/**
 * Every problem code safety-service answers, with its HTTP status; {@link #problem} builds the
 * platform exception of that status. A code keeps its meaning once released: add constants, never
 * reuse one. {@code ProblemsTest} checks that codes are unique and that their number is their
 * status.
 *
 * <p>A record of another site or sponsor answers exactly like a missing one (the same constant), so
 * that its existence is not revealed.
 */
public enum Problems implements ProblemCode {
  /** Not FHIR R4 JSON of the expected resource, or a resource the FHIR schema refuses. */
  FHIR_INVALID(400, "SAF-0400-FHIR"),
  /** A FHIR search parameter that is not supported or not understood. */
  FHIR_SEARCH(400, "SAF-0400-FHIR-SEARCH"),

  ARM_RULE_DSMB_ONLY(403, "SAF-0403-ARM-RULE"),

  PARTICIPANT_NOT_FOUND(404, "SAF-0404-PARTICIPANT"),
  TRIAL_NOT_FOUND(404, "SAF-0404-TRIAL"),
  HOLD_NOT_FOUND(404, "SAF-0404"),
  ALERT_NOT_FOUND(404, "SAF-0404-ALERT"),
  ADVERSE_EVENT_NOT_FOUND(404, "SAF-0404-ADVERSE-EVENT"),
  CONTACT_NOT_FOUND(404, "SAF-0404-CONTACT"),
  DOSING_SESSION_NOT_FOUND(404, "SAF-0404-DOSING-SESSION"),
  OBSERVATION_NOT_FOUND(404, "SAF-0404-OBSERVATION"),
  /** An SDTM domain this service does not produce. */
  SDTM_DOMAIN_NOT_FOUND(404, "SAF-0404-SDTM-DOMAIN"),

  ALERT_ACKNOWLEDGED(409, "SAF-0409-ALERT-ACKNOWLEDGED"),
  HOLD_LIFTED(409, "SAF-0409-HOLD-LIFTED"),
  REPORT_SUBMITTED(409, "SAF-0409-REPORT-SUBMITTED"),
  CONTACT_RECORDED(409, "SAF-0409-CONTACT-RECORDED"),
  RULE_EXISTS(409, "SAF-0409-RULE-EXISTS"),
  CHECKLIST_RECORDED(409, "SAF-0409-CHECKLIST-RECORDED"),
  /** A regulator asked for a submission dataset of a trial that is still blinded. */
  TRIAL_BLINDED(409, "SAF-0409-TRIAL-BLINDED"),

  VITALS_IN_FUTURE(422, "SAF-0422-VITALS-FUTURE"),
  HOLD_NOT_PARTICIPANTS(422, "SAF-0422-HOLD"),
  ADVERSE_EVENT_INCONSISTENT(422, "SAF-0422-ADVERSE-EVENT"),
  NO_EXPEDITED_REPORT(422, "SAF-0422-NO-EXPEDITED-REPORT"),
  CONTACT_IN_FUTURE(422, "SAF-0422-CONTACT-FUTURE"),
  LIMITS_INVALID(422, "SAF-0422-LIMITS"),
  LIMIT_IMPLAUSIBLE(422, "SAF-0422-LIMIT-IMPLAUSIBLE"),
  LIMIT_LOOSER(422, "SAF-0422-LIMIT-LOOSER"),
  CHECKLIST_INCOMPLETE(422, "SAF-0422-CHECKLIST"),
  /** A device Bundle that is not a transaction or batch of vital-sign Observations we take. */
  FHIR_BUNDLE(422, "SAF-0422-FHIR-BUNDLE"),
  /** One Observation of a device Bundle that cannot be taken as a vital-sign reading. */
  FHIR_OBSERVATION(422, "SAF-0422-FHIR-OBSERVATION"),
  /** A transaction's entry that was fine itself but is not stored: another entry was refused. */
  FHIR_TRANSACTION_REFUSED(422, "SAF-0422-FHIR-TRANSACTION"),

  DIRECTORY_UNAVAILABLE(503, "SAF-0503-DIRECTORY"),
  ARMS_NOT_DISCLOSED(503, "SAF-0503-ARMS-NOT-DISCLOSED");

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
