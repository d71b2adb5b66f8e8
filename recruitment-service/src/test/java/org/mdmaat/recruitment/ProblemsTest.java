package org.mdmaat.recruitment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mdmaat.platform.problem.ProblemCode;
import org.mdmaat.platform.problem.Violation;

/** The catalogue keeps its promises: unique codes, numbered by their status, of the right class. */
class ProblemsTest {
  private static final Pattern CODE = Pattern.compile("REC-0(\\d{3})(-[A-Z0-9]+)*");

  @Test
  void codesAreUnique() {
    var codes = Arrays.stream(Problems.values()).map(Problems::code).toList();
    assertThat(codes).doesNotHaveDuplicates();
  }

  @Test
  void everyCodeHasTheFormAndTheNumberOfItsStatus() {
    for (var p : Problems.values()) {
      var m = CODE.matcher(p.code());
      assertThat(m.matches()).as("%s: %s has the form REC-0SSS[-SUFFIX]", p, p.code()).isTrue();
      assertThat(Integer.parseInt(m.group(1)))
          .as("%s: number equals status", p)
          .isEqualTo(p.status());
    }
  }

  @Test
  void everyProblemIsAnsweredWithItsStatusAndCode() {
    for (var p : Problems.values()) {
      var problem = p.problem("detail");
      assertThat(problem.status()).as(p.name()).isEqualTo(p.status());
      assertThat(problem.code()).isEqualTo(p.code());
      assertThat(problem.detail()).isEqualTo("detail");
      assertThat(problem.violations()).isEmpty();
    }
  }

  @Test
  void thePlatformCheckFindsNothingWrong() {
    assertThat(ProblemCode.verify("REC", Problems.values())).isEmpty();
  }

  @Test
  void violationsTravelWithBadRequestsAndRuleViolations() {
    var violations = List.of(new Violation("field", "is wrong"));
    assertThat(Problems.INVALID_INPUT.problem("d", violations).violations()).isEqualTo(violations);
    assertThat(Problems.RULE_BROKEN.problem("d", violations).violations()).isEqualTo(violations);
  }
}
