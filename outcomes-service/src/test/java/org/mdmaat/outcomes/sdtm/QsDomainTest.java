package org.mdmaat.outcomes.sdtm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mdmaat.outcomes.instrument.Instrument;

class QsDomainTest {
  private static Instrument instrument(String code, String... items) {
    return new Instrument(
        code,
        code,
        "1",
        false,
        null,
        java.util.Arrays.stream(items)
            .map(i -> new Instrument.Item(i, i, 0, 4, null, null, null))
            .toList(),
        List.of(),
        List.of(),
        List.of(),
        null);
  }

  @Test
  void testCodesFitEightCharactersAndStayUnique() {
    var sds = instrument("SDS", "WORK", "SOCIAL", "FAMILY");
    assertThat(QsDomain.testCode(sds, "WORK")).isEqualTo("SDSWORK");
    assertThat(QsDomain.testCode(sds, "SOCIAL")).isEqualTo("SDS02");
    assertThat(QsDomain.testCode(sds, "FAMILY")).isEqualTo("SDS03");
    assertThat(QsDomain.totalCode(sds)).isEqualTo("SDSTOT");
    var audit = instrument("AUDIT", "Q1", "Q10");
    assertThat(QsDomain.testCode(audit, "Q10")).isEqualTo("AUDITQ10");
    assertThat(QsDomain.totalCode(instrument("CAPS5", "B1"))).isEqualTo("CAPS5TOT");
  }
}
