package org.mdmaat.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mdmaat.platform.problem.Conflict;
import org.mdmaat.platform.problem.NotFound;
import org.mdmaat.platform.problem.ProblemCode;
import org.mdmaat.platform.problem.RuleViolation;
import org.mdmaat.platform.problem.ServiceUnavailable;
import org.mdmaat.platform.problem.Violation;

/** Every code safety-service answers with is listed once, and its number is its status. */
class ProblemsTest {
  @Test
  void theCatalogueIsConsistent() {
    // Unique, of the form SAF-0SSS[-SUFFIX], SSS being the status.
    assertThat(ProblemCode.verify("SAF", Problems.values())).isEmpty();
  }

  @Test
  void everyProblemIsThePlatformExceptionOfItsStatus() {
    for (var entry : Problems.values()) {
      var thrown = entry.problem("detail");
      assertThat(thrown.status()).as(entry.name()).isEqualTo(entry.status());
      assertThat(thrown.code()).isEqualTo(entry.code());
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
}
