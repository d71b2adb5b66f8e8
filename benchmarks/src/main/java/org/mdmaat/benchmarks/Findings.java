package org.mdmaat.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Why each target the report judges missed is missed: what the runs and profiles on this machine
 * showed (README, "Findings"), written by whoever profiled it, not guessed by the harness. The
 * report prints the reason beside every missed target, and says so where none is recorded.
 */
final class Findings {
  /** The day these reasons were last checked against a full run and its profiles. */
  static final String AS_OF = "2026-12-04";

  static final String NONE =
      "no reason recorded yet: profile it (README, \"Profiling a measure\") and add it to"
          + " Findings";

  private static final Map<String, String> WHY =
      Map.ofEntries(
          Map.entry(
              "P1",
              "two Quarkus applications and PostgreSQL on every request, against a ceiling that"
                  + " answers from memory in one. During P1 recruitment-service is the busiest"
                  + " process (about 1.2 of the 2 cores in top; the gateway about 0.5) and its"
                  + " profile has no hot spot: JFR's samples spread over RESTEasy Reactive's"
                  + " routing, SmallRye context propagation, Hibernate Reactive, Jackson and the"
                  + " PostgreSQL protocol, with the C2 compiler still at work. Tokens are no"
                  + " longer verified per request (the token cache) and the trial's documents are"
                  + " parsed once (TrialDocuments). The rest is the stack's own cost per request;"
                  + " p99 is queueing, 64 connections on 2 cores shared with PostgreSQL, Keycloak,"
                  + " Kafka and the load generator."),
          Map.entry(
              "P2",
              "safety-service is CPU-bound (about 1.6 of the 2 cores in top during P2): each"
                  + " batch persists 100 entities through Hibernate (its per-entity bookkeeping"
                  + " leads the profile), writes an audit entry whose after-state is the 100"
                  + " readings as JSON, hashed, and checks the participant's open alerts; and it"
                  + " crosses the gateway and a site lookup by gRPC first. The audit chain's"
                  + " advisory lock is not what limits it: pg_locks sampled during the run showed"
                  + " on average 0.65 transactions waiting on an advisory lock (the chain's or a"
                  + " participant's) for 16 monitors. The single chain is kept on purpose: a chain"
                  + " per partition lets entries commit out of seq order, so the regulator's"
                  + " keyset pages and exports could pass an entry that commits later with a"
                  + " lower seq (README, \"The audit chain's advisory lock\")."),
          Map.entry(
              "P2-FHIR",
              "as P2, plus HAPI's parsing of each 500-entry Bundle into Observations and the"
                  + " mapping of each to a reading (five Observations make one native reading),"
                  + " and the Bundle is one transaction, so one Bundle at a time holds the audit"
                  + " chain's lock for longer than a native batch."),
          Map.entry(
              "P3",
              "the reading and the refusal are each a full request through the gateway; the hold"
                  + " is placed in the reading's own transaction (alert, hold, audit, outbox) and"
                  + " session-service asks safety-service for clearance by gRPC on each dose"
                  + " attempt: p50 is about the target, and the slowest runs are the ones that"
                  + " met a Kafka consumer poll, a checkpoint or a GC on the shared cores."),
          Map.entry(
              "P4",
              "met on a quiet machine (p99 464 ms on 2026-12-04) since the statistics read"
                  + " projections instead of entities; what remains is Hibernate Reactive turning"
                  + " 70,000 rows into objects (about 200 ms) and the computation (about 130 ms), so"
                  + " any other load on the 2 cores (another measure, a JIT compile, a GC) pushes"
                  + " the slowest read past 500 ms. Reading the rows with the reactive PostgreSQL"
                  + " client directly would be the next step."),
          Map.entry(
              "P6-ndjson",
              "the export streams: each service is asked once and reads its chain in pages of"
                  + " about 4 MB, the gateway merges the streams by time and passes each line on"
                  + " unparsed. What is left is outcomes-service's per-entry cost, a managed"
                  + " Hibernate entity and a Jackson write for each of the million entries on one"
                  + " core (about 10 to 16 µs each), and the first export of a run also compiles"
                  + " that path: on 2026-12-04, 1,000,000 entries took 15.3 to 16.4 s as NDJSON"
                  + " first and 9.8 to 11.5 s as CSV right after it."),
          Map.entry(
              "P6-csv",
              "as P6-ndjson, and the gateway parses every entry to write it as CSV (about 7 s of"
                  + " its event loop for a million entries): around the limit, met in one run and"
                  + " missed by 1.5 s in another."),
          Map.entry(
              "P6-verify",
              "each service recomputes every entry's SHA-256 from managed Hibernate entities"
                  + " read 500 at a time, and the gateway waits for all four: met on a quiet"
                  + " machine (8.7 s for 1,000,000 entries), with little to spare."),
          Map.entry(
              "P5-ready",
              "a service's start runs Flyway, Hibernate's metamodel for its entities, the"
                  + " Kafka clients, the gRPC server and client channels, OIDC discovery against"
                  + " Keycloak and its own demo data, in a JVM without a class-data archive; the"
                  + " five services start together on 2 cores, so each start also waits for the"
                  + " others'."),
          Map.entry(
              "P5-rss",
              "a JVM with Hibernate Reactive, Kafka, gRPC, OpenTelemetry and Micrometer loaded"
                  + " holds about 100 MB of class metadata and compiled code before any heap;"
                  + " the heap may grow to -Xmx384m, and SerialGC gives back little of it."),
          Map.entry(
              "P5-ceiling",
              "the bare app is the reference, judged only for comparison: its heap grew under"
                  + " the ceiling's 1.5 million requests, and SerialGC gives little of it back."),
          Map.entry(
              "P5-stack",
              "the stack's start is PostgreSQL, Kafka and Keycloak (about 25 s together, Keycloak"
                  + " most of it) before the services, which then start together on 2 cores."));

  private Findings() {}

  /** The reason recorded for {@code id} (e.g. {@code P1}, {@code P6-csv}, {@code P5-rss}). */
  static String why(String id) {
    return WHY.getOrDefault(id, NONE);
  }

  /** The reasons of a missed startup row: its ready time, its memory, or both. */
  static List<String> whyStartup(Report.Startup startup) {
    var reasons = new ArrayList<String>();
    if (startup.component().startsWith("ceiling")) {
      reasons.add(why("P5-ceiling"));
      return reasons;
    }
    if (startup.readySeconds() > Report.SERVICE_READY_TARGET_S) {
      reasons.add("ready: " + why("P5-ready"));
    }
    if (Math.max(startup.rssMbAtReady(), startup.rssMbAfterLoad()) > Report.SERVICE_RSS_TARGET_MB) {
      reasons.add("memory: " + why("P5-rss"));
    }
    return reasons;
  }
}
