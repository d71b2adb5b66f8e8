package org.mdmaat.platform.problem;

import java.util.List;

/** The request is malformed or invalid (400). */
public class BadRequest extends Problem {
  private static final long serialVersionUID = 1L;

  public BadRequest(String code, String detail) {
    super(code, detail, null);
  }

  public BadRequest(String code, String detail, List<Violation> violations) {
    super(code, detail, violations);
  }

  @Override
  public int status() {
    return 400;
  }
}
