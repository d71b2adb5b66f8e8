package org.mdmaat.recruitment;

/** The stable problem codes of recruitment-service. */
public final class Codes {
  private Codes() {}

  /** Input that is invalid beyond what Bean Validation checks. */
  public static final String BAD_REQUEST = "REC-0400";

  /** The caller's token lacks what the action needs (e.g. no sponsor claim). */
  public static final String FORBIDDEN = "REC-0403";

  /** Unknown trial, call, pre-screen or participant, or one of another sponsor or site. */
  public static final String NOT_FOUND = "REC-0404";

  /** An illegal trial or participant status transition. */
  public static final String ILLEGAL_TRANSITION = "REC-0409";

  /** A record that exists already (e.g. the sponsor's protocol code). */
  public static final String DUPLICATE = "REC-0410";

  /** A broken business rule. */
  public static final String RULE = "REC-0422";

  /** The trial does not enrol or randomize in its current status. */
  public static final String NOT_ENROLLING = "REC-0423";
}
