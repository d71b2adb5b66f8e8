package org.mdmaat.outcomes;

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
 * Every problem outcomes-service answers, with its HTTP status and stable code ({@code
 * OUT-0SSS[-SUFFIX]}, SSS the status). A code keeps its meaning once released; {@code ProblemsTest}
 * checks that codes are unique and match their status.
 */
public enum Problems {
  /**
   * No such participant, assessment, instrument, trial or site: also the answer for another site's
   * or sponsor's record, so that its existence is not revealed.
   */
  NOT_FOUND(404, "OUT-0404"),

  /** The instrument may be administered only by a user with the rater role. */
  RATER_ROLE_REQUIRED(403, "OUT-0403"),

  /** Independent-rater rule: the rater is on the participant's treatment team. */
  RATER_ON_TREATMENT_TEAM(403, "OUT-0403-TEAM"),

  /** The caller's role may not record this kind of allocation guess. */
  GUESSER_ROLE(403, "OUT-0403-GUESSER"),

  /** The participant already has this instrument at this timepoint: correct it instead. */
  ASSESSMENT_EXISTS(409, "OUT-0409"),

  /** The same guesser already guessed at this timepoint. */
  GUESS_EXISTS(409, "OUT-0409-GUESS"),

  /** Arm-level results while the trial is blinded and the caller is not the DSMB. */
  TRIAL_BLINDED(409, "OUT-0409-BLINDED"),

  /** ParticipantDirectory answered but did not disclose the arms. */
  ALLOCATIONS_NOT_DISCLOSED(409, "OUT-0409-UNDISCLOSED"),

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

  /** The HTTP status it is answered with. */
  public int status() {
    return status;
  }

  /** The stable code clients and support search for. */
  public String code() {
    return code;
  }

  /** The problem to throw, of the platform class that answers {@link #status()}. */
  public Problem problem(String detail) {
    return problem(detail, List.of());
  }

  /** As {@link #problem(String)}, naming the offending fields where the status carries them. */
  public Problem problem(String detail, List<Violation> violations) {
    return switch (status) {
      case 400 -> new BadRequest(code, detail, violations);
      case 403 -> withoutViolations(new Forbidden(code, detail), violations);
      case 404 -> withoutViolations(new NotFound(code, detail), violations);
      case 409 -> withoutViolations(new Conflict(code, detail), violations);
      case 422 -> new RuleViolation(code, detail, violations);
      case 503 -> withoutViolations(new ServiceUnavailable(code, detail), violations);
      default -> throw new IllegalStateException(code + ": no problem class for " + status);
    };
  }

  // The platform carries field violations on 400 and 422 only; elsewhere they would be dropped
  // silently, so asking for them is a programming error.
  private Problem withoutViolations(Problem problem, List<Violation> violations) {
    if (violations != null && !violations.isEmpty()) {
      throw new IllegalArgumentException(code + ": status " + status + " carries no violations");
    }
    return problem;
  }
}
