package org.mdmaat.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
  private static Report.Measure ceiling() {
    return new Report.Measure(
        "C",
        "bare",
        "req/s",
        64,
        10_000,
        new LatencySummary(100, 1, 2, 3),
        100,
        0,
        Map.of("200", 100L),
        null,
        null,
        null,
        null);
  }

  private static Report.Measure p1(double perSecond, double p99) {
    return new Report.Measure(
        "P1",
        "read",
        "req/s",
        64,
        perSecond,
        new LatencySummary(100, 5, p99, 50),
        100,
        2,
        Map.of("200", 100L, "503", 2L),
        Report.ratio(perSecond, 10_000),
        0.20,
        null,
        20.0);
  }

  private static Report report(Report.Measure p1, double stackReady) {
    return new Report(
        Instant.parse("2026-12-03T07:00:00Z"),
        Map.of("cores", "2"),
        ceiling(),
        List.of(p1),
        List.of(
            new Report.Startup("gateway", 5.2, 280, 310), new Report.Startup("tiny", 1.0, 90, 120)),
        stackReady,
        List.of(p3(85), p3(130)),
        List.of("a \"quoted\" note"));
  }

  private static Report.Check p3(double p99) {
    return new Report.Check("P3", "reading to refusal", "p99", p99, "ms", 100, true, "a | b");
  }

  @Test
  void aMeasureMeetsItsTargetsOnlyWhenEveryOneIsMet() {
    assertThat(p1(2_500, 15).met()).isTrue();
    assertThat(p1(1_500, 15).met()).as("below 20% of the ceiling").isFalse();
    assertThat(p1(2_500, 25).met()).as("p99 over 20 ms").isFalse();
    assertThat(p1(2_500, 15).targetText()).isEqualTo("≥ 20.0% of ceiling, p99 ≤ 20.0 ms");
    assertThat(ceiling().hasTarget()).isFalse();
  }

  @Test
  void startupMeetsItsTargetWithinThreeSecondsAndTwoHundredMegabytes() {
    assertThat(new Report.Startup("s", 2.9, 150, 199).met()).isTrue();
    assertThat(new Report.Startup("s", 3.1, 150, 199).met()).isFalse();
    assertThat(new Report.Startup("s", 2.9, 150, 201).met()).isFalse();
  }

  @Test
  void theMarkdownHasARowPerMeasureWithItsRatioAndVerdict() {
    var md = report(p1(600, 170), 95).markdown();
    assertThat(md)
        .contains("| P1 read | 64 | 600 req/s | 5.00 | 170 | 50.0 | 100 | 2 | 6.00% |")
        .contains("| missed |")
        .contains("| gateway | 5.20 | 280 | 310 |")
        .contains("| whole stack | 95.0 |")
        .contains("- P1: {")
        .contains("P1   ███ ")
        .contains("rate ")
        .contains(
            "| P3 reading to refusal | p99 85.0 ms | p99 ≤ 100 ms | met | met, 15.0 ms to spare (15.0%) | a \\| b |")
        .contains("| missed | missed by 30.0 ms (30.0%) |")
        .contains("p99 missed by 150 ms (750%)")
        .contains("ready missed by 2.20 s (73.3%); RSS missed by 110 MB (55.0%)");
  }

  @Test
  void aCheckIsJudgedAgainstItsLimitAndNothingMeasuredIsMissed() {
    assertThat(p3(100).met()).isTrue();
    assertThat(p3(100.5).met()).isFalse();
    assertThat(p3(Double.NaN).met()).isFalse();
    assertThat(p3(Double.NaN).marginText()).isEqualTo("missed: not measured");
    var atLeast = new Report.Check("X", "x", "rate", 1_500, "readings/s", 30_000, false, "");
    assertThat(atLeast.met()).isFalse();
    assertThat(atLeast.marginText()).isEqualTo("missed by 28500 readings/s (95.0%)");
    assertThat(atLeast.targetText()).isEqualTo("rate ≥ 30000 readings/s");
  }

  @Test
  void aMeasuresMarginNamesEachTarget() {
    assertThat(p1(2_500, 15).marginText())
        .isEqualTo("ratio met, 5.00 points to spare (25.0%); p99 met, 5.00 ms to spare (25.0%)");
  }

  @Test
  void theJsonParsesAndCarriesTheFigures() throws Exception {
    var json = new ObjectMapper().readTree(report(p1(2_500, 15), 30).json());
    assertThat(json.get("ceiling").get("perSecond").asDouble()).isEqualTo(10_000);
    assertThat(json.get("ceiling").get("met").isNull()).isTrue();
    var p1 = json.get("measures").get(0);
    assertThat(p1.get("ratioToCeiling").asDouble()).isEqualTo(0.25);
    assertThat(p1.get("met").asBoolean()).isTrue();
    assertThat(p1.get("outcomes").get("503").asLong()).isEqualTo(2);
    assertThat(json.get("startup").get(1).get("met").asBoolean()).isTrue();
    assertThat(json.get("stackReadyMet").asBoolean()).isTrue();
    assertThat(json.get("notes").get(0).asText()).isEqualTo("a \"quoted\" note");
    assertThat(json.get("checks").get(0).get("met").asBoolean()).isTrue();
    assertThat(json.get("checks").get(1).get("met").asBoolean()).isFalse();
    assertThat(json.get("checks").get(1).get("figure").asDouble()).isEqualTo(130);
    assertThat(json.get("checks").get(1).get("margin").asText()).startsWith("missed by 30.0 ms");
    assertThat(p1.get("margin").asText()).startsWith("ratio met");
  }

  @Test
  void everyMissedTargetIsGivenItsRecordedReasonAndAMetOneNone() throws Exception {
    var report = report(p1(1_500, 25), 50);
    var md = report.markdown();

    assertThat(md).contains("## Why each missed target is missed");
    assertThat(md).contains("- **P1**: " + Findings.why("P1"));
    assertThat(md).contains("- **P3**: " + Findings.why("P3"));
    assertThat(md).contains("- **P5 gateway**: ready: " + Findings.why("P5-ready"));
    assertThat(md).contains("memory: " + Findings.why("P5-rss"));
    assertThat(md).contains("- **P5 whole stack**: " + Findings.why("P5-stack"));
    assertThat(md).doesNotContain("**P5 tiny**").doesNotContain("**C**");
    assertThat(Findings.why("P1")).isNotEqualTo(Findings.NONE);
    assertThat(Findings.why("P9")).isEqualTo(Findings.NONE);
    assertThat(Report.baseId("P1 *")).isEqualTo("P1");

    var json = new ObjectMapper().readTree(report.json());
    assertThat(json.path("measures").get(0).path("why").asText()).isEqualTo(Findings.why("P1"));
    assertThat(json.path("ceiling").path("why").isNull()).isTrue();
    assertThat(json.path("startup").get(1).path("why").isNull()).as("tiny met").isTrue();
  }

  @Test
  void aReportWithEveryTargetMetHasNoReasonsSection() {
    var report =
        new Report(
            Instant.parse("2026-12-03T07:00:00Z"),
            Map.of("cores", "2"),
            ceiling(),
            List.of(p1(2_500, 15)),
            List.of(new Report.Startup("tiny", 1.0, 90, 120)),
            30,
            List.of(p3(85)),
            List.of());

    assertThat(report.whyMissed()).isEmpty();
    assertThat(report.markdown()).doesNotContain("Why each missed target");
  }
}
