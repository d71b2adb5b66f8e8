package org.mdmaat.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mdmaat.devstack.Platform;
import org.mdmaat.platform.audit.AuditEntry;
import org.postgresql.PGConnection;

/**
 * P6: a long audit chain written into one service's database, then the regulator's streaming export
 * and the chain's verification timed with the services' memory watched.
 *
 * <p>Entries are made and sealed by the platform's own {@link AuditEntry} ({@link
 * AuditEntry#computeHash()}: the hash format is not re-implemented here) and appended after the
 * chain's current head with COPY, under the chain's advisory lock, as {@code AuditTrail} appends
 * one: the service's own writers wait meanwhile, and its signed checkpoints stay valid. Lines are
 * made as COPY reads them, so the harness holds one entry at a time.
 */
final class AuditChain {
  /** {@code AuditTrail}'s lock of the chain ("MDMAAUDT" in ASCII). */
  static final long CHAIN_LOCK = 0x4D444D4141554454L;

  static final String COLUMNS =
      "id, occurred_at, actor, actor_roles, entity_type, entity_id, action, before_state,"
          + " after_state, reason, trial_id, participant_code, correlation_id, prev_hash, hash";

  private static final DateTimeFormatter STORED =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS'+00'").withZone(ZoneOffset.UTC);

  private AuditChain() {}

  /** The {@code n}-th generated entry, linked after {@code prevHash} and sealed. */
  static AuditEntry entry(long n, Instant base, String prevHash) {
    var unsealed =
        AuditEntry.stored(
            0,
            UUID.nameUUIDFromBytes(("bench-audit-" + base + "-" + n).getBytes()),
            base.plus(n, ChronoUnit.MICROS),
            "benchmark:audit-generator",
            "system",
            "BenchmarkRecord",
            String.format("bench-%07d", n),
            "CREATE",
            null,
            "{\"n\":" + n + ",\"note\":\"benchmark entry\"}",
            null,
            "BENCH-P6",
            null,
            "bench-" + n,
            prevHash,
            null);
    var hash = unsealed.computeHash();
    return AuditEntry.stored(
        0,
        unsealed.getId(),
        unsealed.getOccurredAt(),
        unsealed.getActor(),
        unsealed.getActorRoles(),
        unsealed.getEntityType(),
        unsealed.getEntityId(),
        unsealed.getAction(),
        unsealed.getBeforeState(),
        unsealed.getAfterState(),
        unsealed.getReason(),
        unsealed.getTrialId(),
        unsealed.getParticipantCode(),
        unsealed.getCorrelationId(),
        prevHash,
        hash);
  }

  /** One COPY text line of {@code e} in {@link #COLUMNS} order. */
  static String line(AuditEntry e) {
    return String.join(
            "\t",
            copyText(e.getId().toString()),
            STORED.format(e.getOccurredAt()),
            copyText(e.getActor()),
            copyText(e.getActorRoles()),
            copyText(e.getEntityType()),
            copyText(e.getEntityId()),
            copyText(e.getAction()),
            copyText(e.getBeforeState()),
            copyText(e.getAfterState()),
            copyText(e.getReason()),
            copyText(e.getTrialId()),
            copyText(e.getParticipantCode()),
            copyText(e.getCorrelationId()),
            copyText(e.getPrevHash()),
            copyText(e.getHash()))
        + "\n";
  }

  /** A value in COPY's text format: {@code \N} for null, backslash, tab and newlines escaped. */
  static String copyText(String value) {
    if (value == null) {
      return "\\N";
    }
    return value
        .replace("\\", "\\\\")
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r");
  }

  /** {@code count} entries after {@code head}, made one at a time as they are read. */
  static final class Lines extends Reader {
    private final long count;
    private final Instant base;
    private String prevHash;
    private long next;
    private String line = "";
    private int at;

    Lines(long count, Instant base, String head) {
      this.count = count;
      this.base = base;
      this.prevHash = head;
    }

    String head() {
      return prevHash;
    }

    @Override
    public int read(char[] buffer, int off, int len) {
      if (at == line.length()) {
        if (next == count) {
          return -1;
        }
        var e = entry(next++, base, prevHash);
        prevHash = e.getHash();
        line = line(e);
        at = 0;
      }
      int n = Math.min(len, line.length() - at);
      line.getChars(at, at + n, buffer, off);
      at += n;
      return n;
    }

    @Override
    public void close() {}
  }

  record Written(long entries, double seconds, String head) {}

  /** Appends {@code count} entries to the chain of {@code database}, in one transaction. */
  static Written write(Platform platform, String database, long count) throws Exception {
    long started = System.nanoTime();
    var postgres = platform.postgres();
    try (var db =
        DriverManager.getConnection(
            postgres.jdbcUrl(database), postgres.username(), postgres.password())) {
      db.setAutoCommit(false);
      String head;
      try (var st = db.createStatement()) {
        st.execute("select pg_advisory_xact_lock(" + CHAIN_LOCK + ")");
        try (var rs = st.executeQuery("select hash from audit_entry order by seq desc limit 1")) {
          head = rs.next() ? rs.getString(1) : AuditEntry.GENESIS;
        }
      }
      var lines = new Lines(count, Instant.now().truncatedTo(ChronoUnit.MICROS), head);
      long copied =
          db.unwrap(PGConnection.class)
              .getCopyAPI()
              .copyIn("copy audit_entry (" + COLUMNS + ") from stdin", lines);
      db.commit();
      try (var st = db.createStatement()) {
        st.execute("analyze audit_entry");
      }
      return new Written(copied, (System.nanoTime() - started) / 1e9, lines.head());
    }
  }

  /** A streamed answer: status, lines and bytes read, seconds, and the services' peak memory. */
  record Streamed(int status, long lines, long bytes, double seconds, Memory memory, String body) {}

  /** The first bytes of an answer kept as text (a verification's answer is small). */
  static final int KEPT = 64 * 1024;

  /** Peak resident memory of the gateway and the service while something ran, and before. */
  record Memory(
      double gatewayBefore, double gatewayPeak, double serviceBefore, double servicePeak) {
    String text(String service) {
      return "gateway RSS "
          + Report.fmt(gatewayBefore)
          + " → peak "
          + Report.fmt(gatewayPeak)
          + " MB, "
          + service
          + " RSS "
          + Report.fmt(serviceBefore)
          + " → peak "
          + Report.fmt(servicePeak)
          + " MB";
    }
  }

  /** Reads {@code url} to its end (counting lines, keeping nothing) while watching memory. */
  static Streamed stream(Api api, String url, String token, RssProbe gateway, RssProbe service)
      throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofMinutes(10))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build();
    double gatewayBefore = gateway.read();
    double serviceBefore = service.read();
    var peaks = new double[] {gatewayBefore, serviceBefore};
    var done = new AtomicBoolean();
    var watcher =
        new Thread(
            () -> {
              while (!done.get()) {
                peaks[0] = Math.max(peaks[0], gateway.read());
                peaks[1] = Math.max(peaks[1], service.read());
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "rss-watch");
    watcher.setDaemon(true);
    watcher.start();
    long started = System.nanoTime();
    long lines = 0;
    long bytes = 0;
    int status;
    var kept = new java.io.ByteArrayOutputStream();
    try {
      var response = api.client().send(request, HttpResponse.BodyHandlers.ofInputStream());
      status = response.statusCode();
      try (InputStream body = response.body()) {
        var buffer = new byte[64 * 1024];
        int n;
        while ((n = body.read(buffer)) > 0) {
          bytes += n;
          if (kept.size() < KEPT) {
            kept.write(buffer, 0, Math.min(n, KEPT - kept.size()));
          }
          for (int i = 0; i < n; i++) {
            if (buffer[i] == '\n') {
              lines++;
            }
          }
        }
      }
    } catch (IOException e) {
      status = -1;
    } finally {
      done.set(true);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    watcher.join();
    peaks[0] = Math.max(peaks[0], gateway.read());
    peaks[1] = Math.max(peaks[1], service.read());
    return new Streamed(
        status,
        lines,
        bytes,
        seconds,
        new Memory(gatewayBefore, peaks[0], serviceBefore, peaks[1]),
        kept.toString(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Reads one service JVM's resident memory. */
  @FunctionalInterface
  interface RssProbe {
    double read();
  }
}
