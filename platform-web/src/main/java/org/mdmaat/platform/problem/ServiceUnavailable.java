package org.mdmaat.platform.problem;

import java.util.List;

/** A dependency needed to answer safely is unavailable (503); the caller may retry later. */
public class ServiceUnavailable extends Problem {
  private static final long serialVersionUID = 1L;

  public ServiceUnavailable(String code, String detail) {
    super(code, detail, null);
  }

  public ServiceUnavailable(String code, String detail, List<Violation> violations) {
    super(code, detail, violations);
  }

  @Override
  public int status() {
    return 503;
  }
}
