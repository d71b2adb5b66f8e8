package org.mdmaat.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {
  @Test
  void percentilesComeFromTheMicrosecondHistogramInMilliseconds() {
    var micros = new Histogram(3);
    for (int ms = 1; ms <= 1000; ms++) {
      micros.recordValue(ms * 1_000L);
    }
    var summary = LatencySummary.of(micros);
    assertThat(summary.count()).isEqualTo(1000);
    // 3 significant digits: within 0.1% of the exact value.
    assertThat(summary.p50Ms()).isCloseTo(500, within(0.5));
    assertThat(summary.p99Ms()).isCloseTo(990, within(1.0));
    assertThat(summary.maxMs()).isCloseTo(1000, within(1.0));
  }

  @Test
  void anEmptyRunHasNoLatencies() {
    assertThat(LatencySummary.of(new Histogram(3))).isEqualTo(LatencySummary.NONE);
  }
}
