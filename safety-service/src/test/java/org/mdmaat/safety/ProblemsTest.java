package org.mdmaat.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mdmaat.platform.problem.Conflict;
import org.mdmaat.platform.problem.NotFound;
import org.mdmaat.platform.problem.RuleViolation;
import org.mdmaat.platform.problem.ServiceUnavailable;
import org.mdmaat.platform.problem.Violation;

class ProblemsTest {
  private static final Pattern CODE = Pattern.compile("SAF-0(\\d{3})(-[A-Z0-9]+(-[A-Z0-9]+)*)?");

  @Test
  void everyCodeIsUnique() {
    var codes = Arrays.stream(Problems.values()).map(Problems::code).toList();
    assertThat(codes).doesNotHaveDuplicates();
  }

  @Test
  void everyCodeNamesItsStatus() {
    for (var problem : Problems.values()) {
      var matcher = CODE.matcher(problem.code());
      assertThat(matcher.matches()).as(problem.code()).isTrue();
      assertThat(Integer.parseInt(matcher.group(1))).as(problem.code()).isEqualTo(problem.status());
    }
  }

  @Test
  void everyProblemIsThePlatformExceptionOfItsStatus() {
    for (var problem : Problems.values()) {
      var thrown = problem.problem("detail");
      assertThat(thrown.status()).as(problem.code()).isEqualTo(problem.status());
      assertThat(thrown.code()).isEqualTo(problem.code());
      assertThat(thrown.detail()).isEqualTo("detail");
    }
    assertThat(Problems.TRIAL_NOT_FOUND.problem("x")).isInstanceOf(NotFound.class);
    assertThat(Problems.HOLD_LIFTED.problem("x")).isInstanceOf(Conflict.class);
    assertThat(Problems.DIRECTORY_UNAVAILABLE.problem("x")).isInstanceOf(ServiceUnavailable.class);
    var violations = List.of(new Violation("event.grade", "an event with DEATH is grade 5"));
    var rule = Problems.ADVERSE_EVENT_INCONSISTENT.problem("x", violations);
    assertThat(rule).isInstanceOf(RuleViolation.class);
    assertThat(rule.violations()).isEqualTo(violations);
  }

  @Test
  void onlyFieldProblemsCarryViolations() {
    var violations = List.of(new Violation("id", "unknown"));
    assertThatThrownBy(() -> Problems.ALERT_NOT_FOUND.problem("x", violations))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
