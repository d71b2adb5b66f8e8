package org.mdmaat.platform.problem;

import java.util.List;

/** The caller may not do this (403). */
public class Forbidden extends Problem {
  private static final long serialVersionUID = 1L;

  public Forbidden(String code, String detail) {
    super(code, detail, null);
  }

  public Forbidden(String code, String detail, List<Violation> violations) {
    super(code, detail, violations);
  }

  @Override
  public int status() {
    return 403;
  }
}
