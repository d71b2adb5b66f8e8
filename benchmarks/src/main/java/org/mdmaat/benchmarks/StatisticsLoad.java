package org.mdmaat.benchmarks;

import java.io.StringReader;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.HdrHistogram.Histogram;
import org.mdmaat.devstack.Platform;
import org.postgresql.PGConnection;

/**
 * P4: trial statistics over {@code participants} × 7 timepoints of CAPS-5. The outcomes are written
 * straight into outcomes-service's database (rows as its migrations define them and its own code
 * writes them: the participant as ParticipantRandomized records it, three dosing sessions as
 * DoseRecorded does, each assessment with its first revision), for a trial of its own; then the
 * sponsor's statistics are timed through the gateway.
 */
final class StatisticsLoad {
  /** The seven CAPS-5 timepoints of the schedule (outcomes-service's {@code Timepoint}). */
  static final String[] TIMEPOINTS = {
    "BASELINE",
    "AFTER_SESSION_1",
    "AFTER_SESSION_2",
    "AFTER_SESSION_3",
    "PRIMARY_ENDPOINT",
    "FOLLOW_UP_6_MONTHS",
    "FOLLOW_UP_12_MONTHS"
  };

  /** Days after randomization each timepoint is assessed (in its window). */
  static final int[] DAYS = {0, 21, 56, 91, 126, 273, 456};

  /** Days after randomization of the three dosing sessions (the windows' anchors). */
  static final int[] DOSING_DAYS = {7, 42, 77};

  record Seeded(int participants, long assessments, double seconds) {}

  private StatisticsLoad() {}

  static String participantCode(int i) {
    return String.format("BP4-%06d", i);
  }

  /** The CAPS-5 total of participant {@code i} at timepoint {@code t}: falls, with noise. */
  static int total(Random random, int baseline, int t) {
    int drop = t == 0 ? 0 : Math.min(baseline, t * 3 + random.nextInt(8));
    return Math.max(0, baseline - drop);
  }

  /** COPY text (tab-separated, \N for null) of the participants, doses and assessments. */
  static String[] rows(String trialId, int participants, Instant start, long seed) {
    var random = new Random(seed);
    var people = new StringBuilder();
    var doses = new StringBuilder();
    var assessments = new StringBuilder();
    var revisions = new StringBuilder();
    var recorded = Instant.now().truncatedTo(ChronoUnit.MICROS);
    for (int i = 0; i < participants; i++) {
      var code = participantCode(i);
      var site = i % 2 == 0 ? "US-SF-01" : "US-BOS-02";
      var randomized = start.plus(i % 365, ChronoUnit.DAYS);
      people
          .append(code)
          .append('\t')
          .append(trialId)
          .append('\t')
          .append(site)
          .append("\t\\N\t\\N\t")
          .append(random.nextInt(5) == 0)
          .append('\t')
          .append(random.nextBoolean())
          .append('\t')
          .append(randomized)
          .append('\t')
          .append(recorded)
          .append('\t')
          .append(random.nextBoolean())
          .append('\t')
          .append(random.nextInt(10) == 0)
          .append('\n');
      for (int d = 0; d < DOSING_DAYS.length; d++) {
        doses
            .append("bench-dose-")
            .append(code)
            .append('-')
            .append(d + 1)
            .append('\t')
            .append("bench-session-")
            .append(code)
            .append('-')
            .append(d + 1)
            .append('\t')
            .append(code)
            .append('\t')
            .append(trialId)
            .append('\t')
            .append(site)
            .append("\tfalse\t")
            .append(randomized.plus(DOSING_DAYS[d], ChronoUnit.DAYS))
            .append('\t')
            .append(recorded)
            .append('\n');
      }
      int baseline = 38 + random.nextInt(23);
      for (int t = 0; t < TIMEPOINTS.length; t++) {
        var id = UUID.randomUUID();
        int total = total(random, baseline, t);
        var administered = randomized.plus(DAYS[t], ChronoUnit.DAYS);
        var flags = "{\"ptsdDiagnosis\":" + (total >= 26) + "}";
        var common =
            "\t1\t{}\t"
                + total
                + "\t{}\t\\N\t"
                + flags
                + "\t"
                + administered
                + "\tbenchmark\t"
                + recorded
                + "\t\\N\n";
        assessments
            .append(id)
            .append('\t')
            .append(code)
            .append('\t')
            .append(trialId)
            .append('\t')
            .append(site)
            .append("\tCAPS5\t")
            .append(TIMEPOINTS[t])
            .append(common);
        revisions.append(UUID.randomUUID()).append('\t').append(id).append(common);
      }
    }
    return new String[] {
      people.toString(), doses.toString(), assessments.toString(), revisions.toString()
    };
  }

  static Seeded seed(Platform platform, String trialId, int participants) throws Exception {
    long started = System.nanoTime();
    var rows = rows(trialId, participants, Instant.parse("2025-01-06T17:00:00Z"), 19L);
    var postgres = platform.postgres();
    try (var db =
        DriverManager.getConnection(
            postgres.jdbcUrl("outcomes"), postgres.username(), postgres.password())) {
      db.setAutoCommit(false);
      var copy = db.unwrap(PGConnection.class).getCopyAPI();
      copy.copyIn(
          "copy trial_participant (participant_code, trial_id, site_code, stratum, kit_code,"
              + " dissociative_subtype, veteran, randomized_at, recorded_at, combat_exposure,"
              + " traumatic_brain_injury) from stdin",
          new StringReader(rows[0]));
      copy.copyIn(
          "copy participant_dose (dose_id, session_id, participant_code, trial_id, site_code,"
              + " supplemental, administered_at, recorded_at) from stdin",
          new StringReader(rows[1]));
      long assessments =
          copy.copyIn(
              "copy assessment (id, participant_code, trial_id, site_code, instrument, timepoint,"
                  + " revision, responses, total, subscales, band, flags, administered_at,"
                  + " recorded_by, recorded_at, reason) from stdin",
              new StringReader(rows[2]));
      copy.copyIn(
          "copy assessment_revision (id, assessment_id, revision, responses, total, subscales,"
              + " band, flags, administered_at, recorded_by, recorded_at, reason) from stdin",
          new StringReader(rows[3]));
      db.commit();
      try (var st = db.createStatement()) {
        st.execute("analyze trial_participant, participant_dose, assessment");
      }
      return new Seeded(participants, assessments, (System.nanoTime() - started) / 1e9);
    }
  }

  record Timed(LatencySummary latency, int ok, Map<String, Long> outcomes) {}

  /** {@code warmup} untimed reads, then {@code requests} timed ones, one after the other. */
  static Timed time(Api api, String trialId, int warmup, int requests) throws Exception {
    var path = "/api/outcomes/trials/" + trialId + "/statistics?instrument=CAPS5";
    var token = api.token("sponsor.maps");
    for (int i = 0; i < warmup; i++) {
      api.get(token, path);
    }
    // A peer still cold (outcomes' first gRPC calls to recruitment-service) answers 503: the
    // timed reads start once one read has been answered, within a minute.
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
    while (api.get(token, path).status() == 503 && System.nanoTime() < deadline) {
      Thread.sleep(1_000);
    }
    var latencies = new Histogram(3);
    var outcomes = new TreeMap<String, Long>();
    int ok = 0;
    for (int i = 0; i < requests; i++) {
      long started = System.nanoTime();
      var answer = api.get(api.token("sponsor.maps"), path);
      long micros = (System.nanoTime() - started) / 1_000;
      outcomes.merge(Integer.toString(answer.status()), 1L, Long::sum);
      if (answer.status() == 200) {
        ok++;
        latencies.recordValue(Math.max(1, micros));
      } else if (ok == 0 && i == requests - 1) {
        System.out.println("[benchmark] P4: " + answer.status() + " " + answer.body());
      }
    }
    return new Timed(LatencySummary.of(latencies), ok, outcomes);
  }
}
