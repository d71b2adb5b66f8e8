package org.mdmaat.outcomes.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mdmaat.outcomes.assessment.Timepoint;

class AssessmentExportTest {
  static final UUID ID = UUID.fromString("6f0e2c1a-0000-4000-8000-000000000001");

  static AssessmentExport.Row row(int revision, int b1, String reason) {
    return new AssessmentExport.Row(
        ID,
        "P-0001",
        "MAPP-X",
        "US-SF-01",
        "SDS",
        Timepoint.BASELINE,
        revision,
        Instant.parse("2026-01-05T17:00:00Z"),
        "rater.sf",
        Instant.parse("2026-01-05T18:00:00Z").plusSeconds(revision),
        reason,
        b1 + 5,
        null,
        Map.of("WORK", b1, "SOCIAL", 3, "FAMILY", 2),
        null);
  }

  @Test
  void csvHasOneQuotedLinePerItem() {
    var csv = AssessmentExport.csv(List.of(row(2, 6, "typo, \"WORK\"")));
    var lines = csv.split("\r\n");
    assertThat(lines[0]).isEqualTo(AssessmentExport.CSV_HEADER);
    assertThat(lines).hasSize(4);
    assertThat(lines[1])
        .isEqualTo(
            ID
                + ",P-0001,MAPP-X,US-SF-01,SDS,BASELINE,2,2026-01-05T17:00:00Z,rater.sf,"
                + "2026-01-05T18:00:02Z,\"typo, \"\"WORK\"\"\",11,,FAMILY,2,,");
  }

  @Test
  void csvDefusesSpreadsheetFormulas() {
    assertThat(AssessmentExport.cell("=HYPERLINK(1)")).isEqualTo("'=HYPERLINK(1)");
    assertThat(AssessmentExport.cell("-12")).isEqualTo("-12");
  }
}
