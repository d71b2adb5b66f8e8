package org.mdmaat.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BenchmarkTest {
  @Test
  void readyTimesAreReadFromTheLaunchersLines() {
    var output =
        """
        [devstack] postgres ready
        [devstack] recruitment-service  ready on http://localhost:40001 (6.3 s)
        [devstack] gateway              ready on http://localhost:40005 (12,0 s)
        """;
    assertThat(Benchmark.readyTimes(output))
        .containsEntry("recruitment-service", 6.3)
        .containsEntry("gateway", 12.0)
        .hasSize(2);
  }

  @Test
  void aBatchIsOneSessionsReadingsTenMillisecondsApart() throws Exception {
    var json =
        new ObjectMapper()
            .readTree(
                Benchmark.batch(
                    "s-1", "P-ABCDEFGH", Instant.parse("2026-12-02T00:00:00Z"), 200, "m-1"));
    assertThat(json.get("sessionId").asText()).isEqualTo("s-1");
    assertThat(json.get("readings")).hasSize(100);
    assertThat(json.get("readings").get(0).get("measuredAt").asText())
        .isEqualTo("2026-12-02T00:00:02Z");
    assertThat(json.get("readings").get(1).get("measuredAt").asText())
        .isEqualTo("2026-12-02T00:00:02.010Z");
  }

  @Test
  void residentMemoryIsReadInKilobytes() {
    assertThat(Processes.parseKb("VmRSS:\t  287456 kB")).isEqualTo(287456);
  }
}
