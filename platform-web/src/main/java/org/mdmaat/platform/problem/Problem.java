package org.mdmaat.platform.problem;

import java.util.List;
import java.util.Objects;

/**
 * A failure the caller can understand and act on. Thrown anywhere in a request and answered as RFC
 * 9457 {@code application/problem+json} by {@link ProblemMapping}.
 *
 * <p>The {@link #code()} is stable (e.g. {@code SAF-0404}): clients and support search for it, so a
 * code keeps its meaning once released. The {@link #detail()} is shown to the caller: never put
 * another site's data, stack traces or class names in it.
 */
public abstract class Problem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final String detail;
  private final List<Violation> violations;

  protected Problem(String code, String detail, List<Violation> violations) {
    super(code + ": " + detail);
    this.code = Objects.requireNonNull(code, "code");
    this.detail = detail;
    this.violations = violations == null ? List.of() : List.copyOf(violations);
  }

  /** The HTTP status this problem is answered with. */
  public abstract int status();

  /** Stable, searchable code such as {@code REC-0012}. */
  public String code() {
    return code;
  }

  /** Short summary of the kind of problem; the same for every occurrence of a status. */
  public String title() {
    return ProblemDetails.titleFor(status());
  }

  /** What went wrong this time, for the caller. */
  public String detail() {
    return detail;
  }

  /** Field-level details; empty when the problem is not about particular fields. */
  public List<Violation> violations() {
    return violations;
  }
}
