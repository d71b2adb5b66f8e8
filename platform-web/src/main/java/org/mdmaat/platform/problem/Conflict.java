package org.mdmaat.platform.problem;

import java.util.List;

/**
 * The resource is in a state that does not allow this change (409), e.g. an illegal state
 * transition.
 */
public class Conflict extends Problem {
  private static final long serialVersionUID = 1L;

  public Conflict(String code, String detail) {
    super(code, detail, null);
  }

  public Conflict(String code, String detail, List<Violation> violations) {
    super(code, detail, violations);
  }

  @Override
  public int status() {
    return 409;
  }
}
