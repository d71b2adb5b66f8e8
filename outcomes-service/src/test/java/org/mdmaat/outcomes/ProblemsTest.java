package org.mdmaat.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mdmaat.platform.problem.RuleViolation;
import org.mdmaat.platform.problem.Violation;

class ProblemsTest {
  private static final Pattern CODE = Pattern.compile("OUT-0(\\d{3})(-[A-Z]+)?");

  @Test
  void everyCodeIsUnique() {
    var codes = Arrays.stream(Problems.values()).map(Problems::code).toList();
    assertThat(codes).doesNotHaveDuplicates();
  }

  @Test
  void everyCodeHasTheFormAndNumberOfItsStatus() {
    for (var problem : Problems.values()) {
      var matcher = CODE.matcher(problem.code());
      assertThat(matcher.matches()).as(problem + " " + problem.code()).isTrue();
      assertThat(Integer.parseInt(matcher.group(1))).as(problem.code()).isEqualTo(problem.status());
    }
  }

  @Test
  void theProblemBuiltAnswersTheStatusAndCode() {
    for (var problem : Problems.values()) {
      var built = problem.problem("detail");
      assertThat(built.status()).as(problem.code()).isEqualTo(problem.status());
      assertThat(built.code()).isEqualTo(problem.code());
      assertThat(built.detail()).isEqualTo("detail");
    }
  }

  @Test
  void violationsTravelWithA422AndAreRefusedWhereTheyWouldBeLost() {
    var violations = List.of(new Violation("responses.B1", "is required"));
    var built = Problems.INVALID_RESPONSES.problem("bad", violations);
    assertThat(built).isInstanceOf(RuleViolation.class);
    assertThat(built.violations()).isEqualTo(violations);
    assertThatThrownBy(() -> Problems.NOT_FOUND.problem("gone", violations))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
