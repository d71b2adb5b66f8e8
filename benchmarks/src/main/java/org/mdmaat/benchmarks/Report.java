package org.mdmaat.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One run's figures, as Markdown (with a text chart) and JSON, each target judged. */
record Report(
    Instant at,
    Map<String, String> machine,
    Measure ceiling,
    List<Measure> measures,
    List<Startup> startup,
    double stackReadySeconds,
    List<Check> checks,
    List<String> notes) {

  /** The targets for P5. */
  static final double SERVICE_READY_TARGET_S = 3.0;

  static final double SERVICE_RSS_TARGET_MB = 200.0;
  static final double STACK_READY_TARGET_S = 45.0;

  /**
   * One throughput measure. A target left null is not one this measure has; {@code ratio} is to the
   * ceiling's requests per second.
   */
  record Measure(
      String id,
      String title,
      String unit,
      int connections,
      double perSecond,
      LatencySummary latency,
      long ok,
      long failed,
      Map<String, Long> outcomes,
      Double ratio,
      Double minRatio,
      Double minPerSecond,
      Double maxP99Ms) {

    boolean hasTarget() {
      return minRatio != null || minPerSecond != null || maxP99Ms != null;
    }

    /** Every target this measure has is met (and something was answered at all). */
    boolean met() {
      return ok > 0
          && (minRatio == null || (ratio != null && ratio >= minRatio))
          && (minPerSecond == null || perSecond >= minPerSecond)
          && (maxP99Ms == null || latency.p99Ms() <= maxP99Ms);
    }

    /** How far each target is met or missed, e.g. "p99 missed by 3.20 ms (16.0%)". */
    String marginText() {
      var parts = new ArrayList<String>();
      if (minRatio != null && ratio != null) {
        parts.add("ratio " + margin(ratio * 100, minRatio * 100, false, "%"));
      }
      if (minPerSecond != null) {
        parts.add("rate " + margin(perSecond, minPerSecond, false, unit));
      }
      if (maxP99Ms != null) {
        parts.add("p99 " + margin(latency.p99Ms(), maxP99Ms, true, "ms"));
      }
      return String.join("; ", parts);
    }

    String targetText() {
      var parts = new ArrayList<String>();
      if (minRatio != null) {
        parts.add("≥ " + fmt(minRatio * 100) + "% of ceiling");
      }
      if (minPerSecond != null) {
        parts.add("≥ " + fmt(minPerSecond) + " " + unit);
      }
      if (maxP99Ms != null) {
        parts.add("p99 ≤ " + fmt(maxP99Ms) + " ms");
      }
      return String.join(", ", parts);
    }
  }

  /** A component's start: seconds until ready, resident memory at ready and after the load. */
  record Startup(
      String component, double readySeconds, double rssMbAtReady, double rssMbAfterLoad) {
    boolean met() {
      return readySeconds <= SERVICE_READY_TARGET_S
          && Math.max(rssMbAtReady, rssMbAfterLoad) <= SERVICE_RSS_TARGET_MB;
    }

    String marginText() {
      return "ready "
          + margin(readySeconds, SERVICE_READY_TARGET_S, true, "s")
          + "; RSS "
          + margin(Math.max(rssMbAtReady, rssMbAfterLoad), SERVICE_RSS_TARGET_MB, true, "MB");
    }
  }

  /**
   * A measure judged by one figure against one limit (P3, P4, P6): the figure at most the limit
   * ({@code atMost}) or at least it. NaN (nothing measured) is missed. {@code detail} says how the
   * figure was taken and what else was seen.
   */
  record Check(
      String id,
      String title,
      String figureName,
      double figure,
      String unit,
      double limit,
      boolean atMost,
      String detail) {
    boolean met() {
      return !Double.isNaN(figure) && (atMost ? figure <= limit : figure >= limit);
    }

    String targetText() {
      return figureName + (atMost ? " ≤ " : " ≥ ") + fmt(limit) + " " + unit;
    }

    String marginText() {
      return margin(figure, limit, atMost, unit);
    }
  }

  /**
   * By how much {@code figure} meets or misses {@code limit}: "met, 20.0 ms to spare (20.0%)" or
   * "missed by 20.0 ms (20.0%)", the percentage of the limit.
   */
  static String margin(double figure, double limit, boolean atMost, String unit) {
    if (Double.isNaN(figure)) {
      return "missed: not measured";
    }
    double spare = atMost ? limit - figure : figure - limit;
    String pct = limit == 0 ? "" : " (" + fmt(Math.abs(spare) / limit * 100) + "%)";
    String amount = fmt(Math.abs(spare)) + ("%".equals(unit) ? " points" : " " + unit);
    return spare >= 0 ? "met, " + amount + " to spare" + pct : "missed by " + amount + pct;
  }

  /** {@code part / whole}, or null when there is no whole to compare with. */
  static Double ratio(double part, double whole) {
    return whole > 0 ? part / whole : null;
  }

  static String fmt(double value) {
    if (value >= 100) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    if (value >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    return String.format(Locale.ROOT, "%.2f", value);
  }

  private static String verdict(boolean met) {
    return met ? "met" : "missed";
  }

  String markdown() {
    var md = new StringBuilder();
    md.append("# Benchmark report\n\n");
    md.append("Run at ").append(at).append(" (UTC).\n\n");
    machine.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
    md.append("\n## Throughput\n\n");
    md.append(
        "| measure | connections | rate | p50 ms | p99 ms | max ms | ok | failed | ratio to ceiling"
            + " | target | verdict | by how much |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (var m : all()) {
      md.append("| ")
          .append(m.id())
          .append(' ')
          .append(m.title())
          .append(" | ")
          .append(m.connections())
          .append(" | ")
          .append(fmt(m.perSecond()))
          .append(' ')
          .append(m.unit())
          .append(" | ")
          .append(fmt(m.latency().p50Ms()))
          .append(" | ")
          .append(fmt(m.latency().p99Ms()))
          .append(" | ")
          .append(fmt(m.latency().maxMs()))
          .append(" | ")
          .append(m.ok())
          .append(" | ")
          .append(m.failed())
          .append(" | ")
          .append(m.ratio() == null ? "" : fmt(m.ratio() * 100) + "%")
          .append(" | ")
          .append(m.targetText())
          .append(" | ")
          .append(m.hasTarget() ? verdict(m.met()) : "")
          .append(" | ")
          .append(m.marginText())
          .append(" |\n");
    }
    md.append("\nRequests per second, relative to the ceiling (one █ per 2%):\n\n```\n");
    for (var m : all()) {
      if (m.ratio() == null) {
        continue;
      }
      int blocks = (int) Math.round(Math.min(m.ratio(), 1.0) * 50);
      md.append(
          String.format(
              Locale.ROOT, "%-4s %-50s %s%%%n", m.id(), "█".repeat(blocks), fmt(m.ratio() * 100)));
    }
    md.append("```\n");
    var failures = all().stream().filter(m -> m.failed() > 0).toList();
    if (!failures.isEmpty()) {
      md.append("\nAnswers other than 2xx, by status or error:\n\n");
      failures.forEach(
          m -> md.append("- ").append(m.id()).append(": ").append(m.outcomes()).append('\n'));
    }
    if (!checks.isEmpty()) {
      md.append("\n## Latency, statistics and audit\n\n");
      md.append("| measure | figure | target | verdict | by how much | how |\n");
      md.append("|---|---|---|---|---|---|\n");
      for (var c : checks) {
        md.append("| ")
            .append(c.id())
            .append(' ')
            .append(c.title())
            .append(" | ")
            .append(c.figureName())
            .append(' ')
            .append(Double.isNaN(c.figure()) ? "n/a" : fmt(c.figure()) + " " + c.unit())
            .append(" | ")
            .append(c.targetText())
            .append(" | ")
            .append(verdict(c.met()))
            .append(" | ")
            .append(c.marginText())
            .append(" | ")
            .append(c.detail().replace("|", "\\|"))
            .append(" |\n");
      }
      md.append("\nEach figure relative to its limit (one █ per 4%, `>` beyond 200%):\n\n```\n");
      for (var c : checks) {
        double share = Double.isNaN(c.figure()) || c.limit() == 0 ? 0 : c.figure() / c.limit();
        int blocks = (int) Math.round(Math.min(share, 2.0) * 25);
        md.append(
            String.format(
                Locale.ROOT,
                "%-9s %-50s%s %s%% of %s%n",
                c.id(),
                "█".repeat(blocks),
                share > 2.0 ? ">" : " ",
                fmt(share * 100),
                c.targetText()));
      }
      md.append("```\n");
    }
    md.append("\n## P5 start and memory\n\n");
    md.append(
        "| component | ready s | RSS MB at ready | RSS MB after load | target | verdict | by how"
            + " much |\n");
    md.append("|---|---|---|---|---|---|---|\n");
    for (var s : startup) {
      md.append("| ")
          .append(s.component())
          .append(" | ")
          .append(fmt(s.readySeconds()))
          .append(" | ")
          .append(fmt(s.rssMbAtReady()))
          .append(" | ")
          .append(fmt(s.rssMbAfterLoad()))
          .append(" | ≤ ")
          .append(fmt(SERVICE_READY_TARGET_S))
          .append(" s, ≤ ")
          .append(fmt(SERVICE_RSS_TARGET_MB))
          .append(" MB | ")
          .append(verdict(s.met()))
          .append(" | ")
          .append(s.marginText())
          .append(" |\n");
    }
    md.append("| whole stack | ")
        .append(fmt(stackReadySeconds))
        .append(" | | | ≤ ")
        .append(fmt(STACK_READY_TARGET_S))
        .append(" s | ")
        .append(verdict(stackReadySeconds <= STACK_READY_TARGET_S))
        .append(" | ")
        .append(margin(stackReadySeconds, STACK_READY_TARGET_S, true, "s"))
        .append(" |\n");
    var missed = whyMissed();
    if (!missed.isEmpty()) {
      md.append("\n## Why each missed target is missed\n\n");
      md.append("From the runs and profiles of ")
          .append(Findings.AS_OF)
          .append(" on this kind of machine (benchmarks/README.md, \"Findings\").\n\n");
      missed.forEach(
          (id, why) -> md.append("- **").append(id).append("**: ").append(why).append('\n'));
    }
    if (!notes.isEmpty()) {
      md.append("\n## Notes\n\n");
      notes.forEach(n -> md.append("- ").append(n).append('\n'));
    }
    return md.toString();
  }

  /** Each missed target's id with the reason recorded for it, in the report's order. */
  java.util.LinkedHashMap<String, String> whyMissed() {
    var missed = new java.util.LinkedHashMap<String, String>();
    for (var m : all()) {
      if (m.hasTarget() && !m.met()) {
        missed.put(m.id(), Findings.why(baseId(m.id())));
      }
    }
    for (var c : checks) {
      if (!c.met()) {
        missed.put(c.id(), Findings.why(c.id()));
      }
    }
    for (var s : startup) {
      if (!s.met()) {
        missed.put("P5 " + s.component(), String.join(" ", Findings.whyStartup(s)));
      }
    }
    if (stackReadySeconds > STACK_READY_TARGET_S) {
      missed.put("P5 whole stack", Findings.why("P5-stack"));
    }
    return missed;
  }

  /** A measure's id without the mark of the second round's JVM options ("P1 *", "C*"). */
  static String baseId(String id) {
    return id.replace("*", "").trim();
  }

  private List<Measure> all() {
    var all = new ArrayList<Measure>();
    if (ceiling != null) {
      all.add(ceiling);
    }
    all.addAll(measures);
    return all;
  }

  String json() {
    var json = new Json();
    json.begin().field("at", at.toString()).field("machine", machine).key("ceiling");
    measure(json, ceiling);
    json.key("measures").beginArray();
    measures.forEach(m -> measure(json, m));
    json.endArray().key("startup").beginArray();
    for (var s : startup) {
      json.begin()
          .field("component", s.component())
          .field("readySeconds", s.readySeconds())
          .field("rssMbAtReady", s.rssMbAtReady())
          .field("rssMbAfterLoad", s.rssMbAfterLoad())
          .field("met", s.met())
          .field("why", s.met() ? null : String.join(" ", Findings.whyStartup(s)))
          .end();
    }
    json.endArray()
        .field("stackReadySeconds", stackReadySeconds)
        .field("stackReadyMet", stackReadySeconds <= STACK_READY_TARGET_S)
        .key("checks")
        .beginArray();
    for (var c : checks) {
      json.begin()
          .field("id", c.id())
          .field("title", c.title())
          .field("figureName", c.figureName())
          .field("figure", Double.isNaN(c.figure()) ? null : c.figure())
          .field("unit", c.unit())
          .field("limit", c.limit())
          .field("target", c.targetText())
          .field("met", c.met())
          .field("margin", c.marginText())
          .field("detail", c.detail())
          .field("why", c.met() ? null : Findings.why(c.id()))
          .end();
    }
    json.endArray().key("notes").beginArray();
    notes.forEach(json::value);
    return json.endArray().end().toString();
  }

  private static void measure(Json json, Measure m) {
    if (m == null) {
      json.nullValue();
      return;
    }
    json.begin()
        .field("id", m.id())
        .field("title", m.title())
        .field("unit", m.unit())
        .field("connections", m.connections())
        .field("perSecond", m.perSecond())
        .field("p50Ms", m.latency().p50Ms())
        .field("p99Ms", m.latency().p99Ms())
        .field("maxMs", m.latency().maxMs())
        .field("ok", m.ok())
        .field("failed", m.failed())
        .field("outcomes", m.outcomes())
        .field("ratioToCeiling", m.ratio())
        .field("target", m.targetText())
        .field("met", m.hasTarget() ? m.met() : null)
        .field("margin", m.hasTarget() ? m.marginText() : null)
        .field("why", m.hasTarget() && !m.met() ? Findings.why(baseId(m.id())) : null)
        .end();
  }
}
