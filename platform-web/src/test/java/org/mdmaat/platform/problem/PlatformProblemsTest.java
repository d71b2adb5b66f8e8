package org.mdmaat.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every code of the platform's own catalogue is listed once, and its number is its status. */
class PlatformProblemsTest {
  @Test
  void theCatalogueIsConsistent() {
    assertThat(ProblemCode.verify("PLATFORM", PlatformProblems.values())).isEmpty();
  }

  @Test
  void everyProblemIsThePlatformExceptionOfItsStatus() {
    for (var entry : PlatformProblems.values()) {
      var thrown = entry.problem("detail");
      assertThat(thrown.status()).as(entry.name()).isEqualTo(entry.status());
      assertThat(thrown.code()).isEqualTo(entry.code());
    }
    assertThat(PlatformProblems.IDEMPOTENCY_KEY_REUSED.problem("x"))
        .isInstanceOf(RuleViolation.class);
  }
}
