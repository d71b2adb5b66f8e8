package org.mdmaat.benchmarks;

import org.HdrHistogram.Histogram;

/** Latencies of one run in milliseconds (recorded in microseconds, 3 significant digits). */
record LatencySummary(long count, double p50Ms, double p99Ms, double maxMs) {
  static final LatencySummary NONE = new LatencySummary(0, 0, 0, 0);

  static LatencySummary of(Histogram micros) {
    if (micros.getTotalCount() == 0) {
      return NONE;
    }
    return new LatencySummary(
        micros.getTotalCount(),
        micros.getValueAtPercentile(50) / 1_000.0,
        micros.getValueAtPercentile(99) / 1_000.0,
        micros.getMaxValue() / 1_000.0);
  }
}
