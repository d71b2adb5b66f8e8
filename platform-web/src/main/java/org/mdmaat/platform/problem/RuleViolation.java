package org.mdmaat.platform.problem;

import java.util.List;

/** The request is well-formed but breaks a business rule (422). */
public class RuleViolation extends Problem {
  private static final long serialVersionUID = 1L;

  public RuleViolation(String code, String detail) {
    super(code, detail, null);
  }

  public RuleViolation(String code, String detail, List<Violation> violations) {
    super(code, detail, violations);
  }

  @Override
  public int status() {
    return 422;
  }
}
