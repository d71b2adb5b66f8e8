package org.mdmaat.recruitment;

import java.util.List;
import org.mdmaat.platform.problem.BadRequest;
import org.mdmaat.platform.problem.Conflict;
import org.mdmaat.platform.problem.Forbidden;
import org.mdmaat.platform.problem.NotFound;
import org.mdmaat.platform.problem.Problem;
import org.mdmaat.platform.problem.RuleViolation;
import org.mdmaat.platform.problem.ServiceUnavailable;
import org.mdmaat.platform.problem.Violation;

/**
 * Every problem recruitment-service answers, with its HTTP status and stable code ({@code REC-0SSS}
 * or {@code REC-0SSS-SUFFIX}, SSS being the status). Clients and support search for the codes, so a
 * code keeps its meaning once released.
 */
public enum Problems {
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

  /** The HTTP status this problem is answered with. */
  public int status() {
    return status;
  }

  /** The stable, searchable code. */
  public String code() {
    return code;
  }

  /** The platform problem of this kind, answered with {@link #status()} and {@link #code()}. */
  public Problem problem(String detail) {
    return problem(detail, List.of());
  }

  /**
   * The platform problem of this kind with field-level details. Only 400 and 422 carry them; other
   * statuses refuse violations rather than drop them silently.
   */
  public Problem problem(String detail, List<Violation> violations) {
    if (!violations.isEmpty() && status != 400 && status != 422) {
      throw new IllegalArgumentException(this + " (" + status + ") carries no violations");
    }
    return switch (status) {
      case 400 -> new BadRequest(code, detail, violations);
      case 403 -> new Forbidden(code, detail);
      case 404 -> new NotFound(code, detail);
      case 409 -> new Conflict(code, detail);
      case 422 -> new RuleViolation(code, detail, violations);
      case 503 -> new ServiceUnavailable(code, detail);
      default -> throw new IllegalStateException(this + " has no problem class for " + status);
    };
  }
}
