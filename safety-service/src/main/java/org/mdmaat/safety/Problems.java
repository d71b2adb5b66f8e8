package org.mdmaat.safety;

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
 * Every problem code safety-service answers, with its HTTP status. A code keeps its meaning once
 * released: add constants, never reuse one. {@code ProblemsTest} checks that codes are unique and
 * that their number is their status.
 *
 * <p>A record of another site or sponsor answers exactly like a missing one (the same constant), so
 * that its existence is not revealed.
 */
public enum Problems {
  PARTICIPANT_NOT_FOUND(404, "SAF-0404-PARTICIPANT"),
  TRIAL_NOT_FOUND(404, "SAF-0404-TRIAL"),
  HOLD_NOT_FOUND(404, "SAF-0404"),
  ALERT_NOT_FOUND(404, "SAF-0404-ALERT"),
  ADVERSE_EVENT_NOT_FOUND(404, "SAF-0404-ADVERSE-EVENT"),
  CONTACT_NOT_FOUND(404, "SAF-0404-CONTACT"),

  ALERT_ACKNOWLEDGED(409, "SAF-0409-ALERT-ACKNOWLEDGED"),
  HOLD_LIFTED(409, "SAF-0409-HOLD-LIFTED"),
  REPORT_SUBMITTED(409, "SAF-0409-REPORT-SUBMITTED"),
  CONTACT_RECORDED(409, "SAF-0409-CONTACT-RECORDED"),
  RULE_EXISTS(409, "SAF-0409-RULE-EXISTS"),

  VITALS_IN_FUTURE(422, "SAF-0422-VITALS-FUTURE"),
  HOLD_NOT_PARTICIPANTS(422, "SAF-0422-HOLD"),
  ADVERSE_EVENT_INCONSISTENT(422, "SAF-0422-ADVERSE-EVENT"),
  NO_EXPEDITED_REPORT(422, "SAF-0422-NO-EXPEDITED-REPORT"),
  CONTACT_IN_FUTURE(422, "SAF-0422-CONTACT-FUTURE"),

  DIRECTORY_UNAVAILABLE(503, "SAF-0503-DIRECTORY"),
  ARMS_NOT_DISCLOSED(503, "SAF-0503-ARMS-NOT-DISCLOSED");

  private final int status;
  private final String code;

  Problems(int status, String code) {
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** The platform exception for this problem, to throw or fail a {@code Uni} with. */
  public Problem problem(String detail) {
    return problem(detail, List.of());
  }

  /**
   * The platform exception for this problem naming the fields at fault; only 400 and 422 problems
   * carry field violations.
   */
  public Problem problem(String detail, List<Violation> violations) {
    boolean fields = violations != null && !violations.isEmpty();
    return switch (status) {
      case 400 -> new BadRequest(code, detail, violations);
      case 422 -> new RuleViolation(code, detail, violations);
      case 403 -> withoutFields(new Forbidden(code, detail), fields);
      case 404 -> withoutFields(new NotFound(code, detail), fields);
      case 409 -> withoutFields(new Conflict(code, detail), fields);
      case 503 -> withoutFields(new ServiceUnavailable(code, detail), fields);
      default -> throw new IllegalStateException(code + ": no platform problem for " + status);
    };
  }

  private Problem withoutFields(Problem problem, boolean fields) {
    if (fields) {
      throw new IllegalArgumentException(code + " (" + status + ") carries no field violations");
    }
    return problem;
  }
}
