package org.mdmaat.platform.fhir;

import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.StringType;
import org.mdmaat.platform.problem.Problem;
import org.mdmaat.platform.problem.Violation;

/**
 * A platform {@link Problem} as a FHIR OperationOutcome: one error issue per violation (or one for
 * the problem), each carrying the problem code (system {@value #PROBLEM_SYSTEM}) as the REST API's
 * problem+json does, the detail as diagnostics and the path as expression. One copy for every
 * service that serves FHIR, so their OperationOutcomes read alike.
 */
public final class ProblemOutcomes {
  public static final String PROBLEM_SYSTEM = "urn:mdmaat:problem";

  private static final Map<Integer, String> REASONS =
      Map.of(
          200, "OK",
          201, "Created",
          400, "Bad Request",
          403, "Forbidden",
          404, "Not Found",
          409, "Conflict",
          422, "Unprocessable Entity",
          503, "Service Unavailable");

  private ProblemOutcomes() {}

  public static OperationOutcome of(Problem problem) {
    return of(problem, null);
  }

  /** {@code where} (e.g. {@code Bundle.entry[2].resource}) prefixes each violation's path. */
  public static OperationOutcome of(Problem problem, String where) {
    return of(problem, where, problem.violations());
  }

  /** With only {@code violations} of the problem's (those about one entry). */
  public static OperationOutcome of(Problem problem, String where, List<Violation> violations) {
    var outcome = new OperationOutcome();
    if (violations.isEmpty()) {
      issue(outcome, problem, problem.detail(), where);
    } else {
      for (var v : violations) {
        var path = v.field() == null ? where : where == null ? v.field() : where + "." + v.field();
        issue(outcome, problem, v.message(), path);
      }
    }
    return outcome;
  }

  private static void issue(OperationOutcome outcome, Problem problem, String text, String path) {
    var issue =
        outcome
            .addIssue()
            .setSeverity(IssueSeverity.ERROR)
            .setCode(type(problem.status()))
            .setDetails(
                new CodeableConcept(new Coding(PROBLEM_SYSTEM, problem.code(), null))
                    .setText(problem.detail()))
            .setDiagnostics(text);
    if (path != null) {
      issue.getExpression().add(new StringType(path));
    }
  }

  private static IssueType type(int status) {
    return switch (status) {
      case 400 -> IssueType.INVALID;
      case 403 -> IssueType.FORBIDDEN;
      case 404 -> IssueType.NOTFOUND;
      case 409 -> IssueType.CONFLICT;
      case 422 -> IssueType.BUSINESSRULE;
      case 503 -> IssueType.TRANSIENT;
      default -> IssueType.PROCESSING;
    };
  }

  /** An HTTP status as a Bundle entry's {@code response.status} ("201 Created"). */
  public static String statusLine(int status) {
    var reason = REASONS.get(status);
    return reason == null ? Integer.toString(status) : status + " " + reason;
  }
}
