package org.mdmaat.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.mdmaat.platform.audit.AuditEntry;

/** The harness's payloads and generated data, without a platform. */
class PayloadTest {
  private static final Instant BASE = Instant.parse("2026-12-02T00:00:00Z");

  @Test
  void aFhirTransactionCarriesVitalObservationsAsTheIngestReadsThem() throws Exception {
    var bundle =
        new ObjectMapper()
            .readTree(FhirBundles.transaction("P-ABC", "s-1", BASE, 100, 7, "monitor-1"));
    assertThat(bundle.get("resourceType").asText()).isEqualTo("Bundle");
    assertThat(bundle.get("type").asText()).isEqualTo("transaction");
    assertThat(bundle.get("entry")).hasSize(7);
    var first = bundle.get("entry").get(0);
    assertThat(first.get("request").get("method").asText()).isEqualTo("POST");
    assertThat(first.get("request").get("url").asText()).isEqualTo("Observation");
    var o = first.get("resource");
    assertThat(o.get("resourceType").asText()).isEqualTo("Observation");
    assertThat(o.get("status").asText()).isEqualTo("final");
    assertThat(o.at("/subject/identifier/system").asText())
        .isEqualTo("urn:mdmaat:participant-code");
    assertThat(o.at("/subject/identifier/value").asText()).isEqualTo("P-ABC");
    assertThat(o.at("/encounter/identifier/system").asText()).isEqualTo("urn:mdmaat:session");
    assertThat(o.at("/encounter/identifier/value").asText()).isEqualTo("s-1");
    assertThat(o.at("/code/coding/0/system").asText()).isEqualTo("http://loinc.org");
    assertThat(o.at("/valueQuantity/system").asText()).isEqualTo("http://unitsofmeasure.org");
    assertThat(o.at("/device/display").asText()).isEqualTo("monitor-1");
    // Reading 100 is the systolic (100 % 5 == 0), measured 1 s after the base, to the millisecond
    // even on a whole second.
    assertThat(o.at("/code/coding/0/code").asText()).isEqualTo("8480-6");
    assertThat(o.at("/valueQuantity/code").asText()).isEqualTo("mm[Hg]");
    assertThat(o.get("effectiveDateTime").asText()).isEqualTo("2026-12-02T00:00:01.000Z");
    var codes = new StringBuilder();
    bundle
        .get("entry")
        .forEach(e -> codes.append(e.at("/resource/code/coding/0/code").asText()).append(' '));
    assertThat(codes.toString().trim())
        .isEqualTo("8480-6 8462-4 8867-4 8310-5 59408-5 8480-6 8462-4");
    assertThat(bundle.at("/entry/3/resource/valueQuantity/code").asText()).isEqualTo("Cel");
    assertThat(bundle.at("/entry/3/resource/valueQuantity/value").asDouble()).isEqualTo(36.8);
    assertThat(bundle.at("/entry/1/resource/effectiveDateTime").asText())
        .isEqualTo("2026-12-02T00:00:01.010Z");
  }

  @Test
  void theDoseAttemptCanNeverBeADoseAndTheReadingIsCritical() {
    var attempt = DoseRefusal.doseAttempt();
    assertThat(attempt.getDouble("mgHcl")).isEqualTo(0.01);
    assertThat(attempt.getBoolean("supplemental")).isFalse();
    var reading = DoseRefusal.criticalReading("P-1", "s-1", BASE).getJsonObject("reading");
    assertThat(reading.getInteger("systolic")).isGreaterThanOrEqualTo(180);
    assertThat(reading.getString("measuredAt")).isEqualTo("2026-12-01T23:59:59Z");
    assertThat(DoseRefusal.HOLD_REFUSALS)
        .containsExactlyInAnyOrder("SES-0422-HOLD", "SES-0422-CLEARANCE");
    assertThat(
            DoseRefusal.caps5().stream()
                .filter(e -> e.getKey().length() == 2)
                .mapToInt(e -> (Integer) e.getValue())
                .sum())
        .isEqualTo(44);
    assertThat(DoseRefusal.count("[]")).isZero();
    assertThat(DoseRefusal.count("[{\"id\":1},{\"id\":2}]")).isEqualTo(2);
    assertThat(DoseRefusal.count("{\"items\":[{\"id\":1}],\"total\":1}")).isEqualTo(1);
  }

  @Test
  void generatedAuditEntriesChainWithThePlatformsOwnHash() {
    var first = AuditChain.entry(0, BASE, AuditEntry.GENESIS);
    var second = AuditChain.entry(1, BASE, first.getHash());
    assertThat(first.getHash()).matches("[0-9a-f]{64}").isEqualTo(first.computeHash());
    assertThat(second.getPrevHash()).isEqualTo(first.getHash());
    assertThat(second.getHash()).isEqualTo(second.computeHash()).isNotEqualTo(first.getHash());
    var columns = AuditChain.line(second).split("\t", -1);
    assertThat(columns).hasSize(15);
    assertThat(columns[1]).isEqualTo("2026-12-02 00:00:00.000001+00");
    assertThat(columns[7]).isEqualTo("\\N");
    assertThat(columns[13]).isEqualTo(first.getHash());
    assertThat(columns[14]).isEqualTo(second.getHash() + "\n");
    assertThat(AuditChain.copyText("a\\b\tc\nd")).isEqualTo("a\\\\b\\tc\\nd");
  }

  @Test
  void theChainsLinesAreMadeAsTheyAreReadAndEndAfterTheCount() throws Exception {
    var lines = new AuditChain.Lines(3, BASE, AuditEntry.GENESIS);
    var text = new StringBuilder();
    var buffer = new char[7];
    int n;
    while ((n = lines.read(buffer, 0, buffer.length)) > 0) {
      text.append(buffer, 0, n);
    }
    var rows = text.toString().split("\n");
    assertThat(rows).hasSize(3);
    assertThat(rows[0].split("\t")[13]).isEqualTo(AuditEntry.GENESIS);
    assertThat(rows[1].split("\t")[13]).isEqualTo(rows[0].split("\t")[14]);
    assertThat(lines.head()).isEqualTo(rows[2].split("\t")[14]);
  }

  @Test
  void outcomesAreSevenAssessmentsAndThreeDosesPerParticipant() {
    var rows = StatisticsLoad.rows("T-1", 4, BASE, 1);
    assertThat(rows[0].split("\n")).hasSize(4);
    assertThat(rows[1].split("\n")).hasSize(12);
    var assessments = rows[2].split("\n");
    assertThat(assessments).hasSize(28);
    assertThat(rows[3].split("\n")).hasSize(28);
    var first = assessments[0].split("\t", -1);
    assertThat(first).hasSize(16);
    assertThat(first[1]).isEqualTo("BP4-000000");
    assertThat(first[2]).isEqualTo("T-1");
    assertThat(first[4]).isEqualTo("CAPS5");
    assertThat(first[5]).isEqualTo("BASELINE");
    assertThat(first[11]).matches("\\{\"ptsdDiagnosis\":(true|false)}");
    assertThat(Arrays.stream(assessments).map(a -> a.split("\t")[5]).limit(7))
        .containsExactly(StatisticsLoad.TIMEPOINTS);
    assertThat(rows[0].split("\n")[0].split("\t", -1)).hasSize(11);
  }

  @Test
  void theGatewaysVerificationIsReadForIntact() {
    assertThat(Benchmark.verifiedIntact("{\"intact\":true,\"services\":[]}")).isTrue();
    assertThat(Benchmark.verifiedIntact("{\"intact\":false}")).isFalse();
    assertThat(Benchmark.verifiedIntact("<html>")).isFalse();
    assertThatThrownBy(() -> new Api.Answer(500, "x").expect(200, "what"))
        .hasMessageContaining("what: 500");
  }
}
