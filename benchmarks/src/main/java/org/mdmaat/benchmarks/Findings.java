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
                  + " answers from memory in one: the gateway authenticates, rate-limits, relays"
                  + " over HTTP through a circuit breaker and buffers the answer; recruitment-"
                  + "service authenticates again, opens a Hibernate Reactive session, reads the"
                  + " trial and its site list and writes JSON. With the token cache neither"
                  + " checks the RS256 signature again, and the trial's documents are parsed once"
                  + " (TrialDocuments); what is left is spread over Vert.x, Hibernate, Jackson and"
                  + " the PostgreSQL protocol with no single hot spot, and the two cores are shared"
                  + " with PostgreSQL, Keycloak, Kafka and the load generator. p99 is queueing: 64"
                  + " connections on 2 cores at this service time."),
          Map.entry(
              "P2",
              "each batch is one transaction that locks its participant, stores the readings,"
                  + " writes an audit entry under the chain's advisory lock (held to commit, so"
                  + " batches of different participants queue behind each other), checks the"
                  + " participant's open alerts and commits (a WAL flush); and it crosses the"
                  + " gateway's relay, two token checks and a site lookup by gRPC first. The"
                  + " single audit chain is kept on purpose: a chain per partition lets entries"
                  + " commit out of seq order, so the regulator's keyset pages and exports could"
                  + " pass an entry that commits later with a lower seq (README, \"The audit"
                  + " chain's advisory lock\")."),
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
              "the statistics are computed in the service from every assessment of the trial"
                  + " (70,000 rows) and every participant and dose: loading them as managed"
                  + " Hibernate entities, with their response documents, dominated; see the"
                  + " change that reads projections instead and the figure it gives."),
          Map.entry(
              "P6-ndjson",
              "the export is merged by time in the gateway from pages: every service is asked"
                  + " for its next page (1,000 entries, the services' largest), each page request"
                  + " is written to that service's access log (a transaction and a WAL flush)"
                  + " before it is read, and the gateway parses each entry into a JSON tree to"
                  + " merge it and writes it again. The services and the gateway spent most of the"
                  + " run waiting on these round trips (a profile showed both under 15% busy). A"
                  + " service-side streaming export (one access-log entry, one cursor) merged by"
                  + " the gateway as streams is the change that would meet it."),
          Map.entry("P6-csv", "as P6-ndjson: the same pages, written as CSV."),
          Map.entry(
              "P6-verify",
              "each service recomputes every entry's SHA-256 from managed Hibernate entities"
                  + " read 500 at a time; the gateway waits for all four."),
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
    if (startup.readySeconds() > Report.SERVICE_READY_TARGET_S) {
      reasons.add("ready: " + why("P5-ready"));
    }
    if (Math.max(startup.rssMbAtReady(), startup.rssMbAfterLoad()) > Report.SERVICE_RSS_TARGET_MB) {
      reasons.add("memory: " + why("P5-rss"));
    }
    return reasons;
  }
}
