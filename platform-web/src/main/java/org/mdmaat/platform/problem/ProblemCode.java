package org.mdmaat.platform.problem;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One entry of a service's problem-code catalogue: a stable code and the HTTP status it is answered
 * with. Each service keeps its catalogue as one enum implementing this, so every code it answers is
 * listed in one place and {@link #verify} can check them all.
 */
public interface ProblemCode {
  /** {@code PREFIX-0SSS} or {@code PREFIX-0SSS-SUFFIX}, where SSS is the HTTP status. */
  Pattern FORM = Pattern.compile("([A-Z]+)-0(\\d{3})(-[A-Z0-9]+(-[A-Z0-9]+)*)?");

  int status();

  String code();

  /** The problem to throw, of the class that answers with {@link #status()}. */
  default Problem problem(String detail) {
    return problem(detail, null);
  }

  default Problem problem(String detail, List<Violation> violations) {
    return switch (status()) {
      case 400 -> new BadRequest(code(), detail, violations);
      case 403 -> new Forbidden(code(), detail, violations);
      case 404 -> new NotFound(code(), detail, violations);
      case 409 -> new Conflict(code(), detail, violations);
      case 422 -> new RuleViolation(code(), detail, violations);
      case 503 -> new ServiceUnavailable(code(), detail, violations);
      default -> throw new IllegalStateException("no problem class for status " + status());
    };
  }

  /**
   * What is wrong with a catalogue: a code used twice, a code not of the {@link #FORM}, a prefix
   * other than {@code prefix}, or a number that is not its status. Empty when all is well; the
   * services' tests assert that.
   */
  static List<String> verify(String prefix, ProblemCode... catalogue) {
    var wrong = new ArrayList<String>();
    var seen = new HashSet<String>();
    for (var entry : catalogue) {
      if (!seen.add(entry.code())) {
        wrong.add(entry.code() + " is used twice");
      }
      var form = FORM.matcher(entry.code());
      if (!form.matches()) {
        wrong.add(entry.code() + " is not of the form " + prefix + "-0SSS[-SUFFIX]");
        continue;
      }
      if (!form.group(1).equals(prefix)) {
        wrong.add(entry.code() + " does not start with " + prefix);
      }
      if (Integer.parseInt(form.group(2)) != entry.status()) {
        wrong.add(entry.code() + " is answered with status " + entry.status());
      }
    }
    return wrong;
  }
}
