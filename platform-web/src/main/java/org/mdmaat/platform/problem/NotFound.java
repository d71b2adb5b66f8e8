package org.mdmaat.platform.problem;

import java.util.List;

/**
 * The resource does not exist, or is not visible to the caller (404). Also the answer for a record
 * of another site or sponsor, so that its existence is not revealed.
 */
public class NotFound extends Problem {
  private static final long serialVersionUID = 1L;

  public NotFound(String code, String detail) {
    super(code, detail, null);
  }

  public NotFound(String code, String detail, List<Violation> violations) {
    super(code, detail, violations);
  }

  @Override
  public int status() {
    return 404;
  }
}
