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

  /** The caller's token lacks what the action needs (no sponsor claim, arms still blinded). */
  FORBIDDEN(403, "REC-0403"),

  /**
   * Unknown trial, site, call, pre-screen or participant, or one of another sponsor or site: the
   * same answer, so that its existence is not revealed.
   */
  NOT_FOUND(404, "REC-0404"),

  /** An illegal trial, call or participant status transition. */
  ILLEGAL_TRANSITION(409, "REC-0409"),

  /** The sponsor already has a trial with this protocol code. */
  DUPLICATE_PROTOCOL_CODE(409, "REC-0409-DUPLICATE"),

  /** A broken business rule or inconsistent settings. */
  RULE_BROKEN(422, "REC-0422"),

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
