package org.mdmaat.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mdmaat.platform.problem.ProblemCode;

/** Every code session-service answers with is listed once, and its number is its status. */
class ProblemsTest {
  @Test
  void theCatalogueIsConsistent() {
    assertThat(ProblemCode.verify("SES", Problems.values())).isEmpty();
  }

  @Test
  void eachProblemIsAnsweredWithItsStatus() {
    for (var entry : Problems.values()) {
      var problem = entry.problem("detail");
      assertThat(problem.status()).as(entry.name()).isEqualTo(entry.status());
      assertThat(problem.code()).isEqualTo(entry.code());
    }
  }
}
