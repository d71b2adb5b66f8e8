package org.mdmaat.outcomes.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each distinct flags text is parsed once per request; the answers are the parser's. */
class DiagnosisFlagsTest {
  private final List<String> parsed = new ArrayList<>();

  private Map<String, Boolean> parse(String text) {
    parsed.add(text);
    return switch (text) {
      case "{\"ptsdDiagnosis\":true}" -> Map.of("ptsdDiagnosis", true);
      case "{\"ptsdDiagnosis\":false}" -> Map.of("ptsdDiagnosis", false);
      default -> Map.of();
    };
  }

  @Test
  void eachDistinctTextParsedOnce() {
    var flags = new DiagnosisFlags("ptsdDiagnosis", this::parse);
    for (int i = 0; i < 3; i++) {
      assertEquals(Boolean.TRUE, flags.of("{\"ptsdDiagnosis\":true}"));
      assertEquals(Boolean.FALSE, flags.of("{\"ptsdDiagnosis\":false}"));
      assertNull(flags.of("{}"), "a flag not in the text is null, and remembered as such");
    }
    assertEquals(List.of("{\"ptsdDiagnosis\":true}", "{\"ptsdDiagnosis\":false}", "{}"), parsed);
  }

  @Test
  void anInstrumentWithoutDiagnosisFlagParsesNothing() {
    var flags = new DiagnosisFlags(null, this::parse);
    assertNull(flags.of("{\"ptsdDiagnosis\":true}"));
    assertEquals(List.of(), parsed);
  }
}
