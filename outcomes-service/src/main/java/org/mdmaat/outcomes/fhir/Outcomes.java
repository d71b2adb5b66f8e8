package org.mdmaat.outcomes.fhir;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.StringType;
import org.mdmaat.platform.problem.Problem;

/**
 * A platform {@link Problem} as a FHIR OperationOutcome, as the other services' FHIR endpoints
 * answer them: one error issue per violation (or one for the problem), each carrying the problem
 * code (system {@value #PROBLEM_SYSTEM}), the detail as diagnostics and the path as expression.
 */
final class Outcomes {
  static final String PROBLEM_SYSTEM = "urn:mdmaat:problem";

  private Outcomes() {}

  static OperationOutcome of(Problem problem) {
    var outcome = new OperationOutcome();
    if (problem.violations().isEmpty()) {
      issue(outcome, problem, problem.detail(), null);
    }
    for (var v : problem.violations()) {
      issue(outcome, problem, v.message(), v.field());
    }
    return outcome;
  }

  private static void issue(OperationOutcome outcome, Problem problem, String text, String path) {
    var issue =
        outcome
            .addIssue()
            .setSeverity(IssueSeverity.ERROR)
            .setCode(
                switch (problem.status()) {
                  case 400 -> IssueType.INVALID;
                  case 403 -> IssueType.FORBIDDEN;
                  case 404 -> IssueType.NOTFOUND;
                  case 503 -> IssueType.TRANSIENT;
                  default -> IssueType.PROCESSING;
                })
            .setDetails(
                new CodeableConcept(new Coding(PROBLEM_SYSTEM, problem.code(), null))
                    .setText(problem.detail()))
            .setDiagnostics(text);
    if (path != null) {
      issue.getExpression().add(new StringType(path));
    }
  }
}
