package org.mdmaat.benchmarks;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Pattern;
import org.mdmaat.devstack.Platform;
import org.mdmaat.devstack.ServiceProcess;

/**
 * {@code ./benchmark.sh}: starts the platform as {@code ./run-platform.sh} does (devstack's {@link
 * Platform}, the services' own JVM flags) and a bare Quarkus app the same way, then measures both
 * in one run and writes {@code benchmarks/target/benchmark-report.{md,json}}. Figures only: it
 * asserts no time.
 */
public final class Benchmark {
  private static final String TRIAL = "MAPP-DEMO";
  private static final String SITE = "US-SF-01";
  private static final Pattern READY =
      Pattern.compile("\\[devstack\\] (\\S+)\\s+ready on \\S+ \\(([0-9]+)[.,]([0-9]) s\\)");

  /** Issue 19's anchor for P2-FHIR, quoted with where it comes from. */
  static final String HAPI_ANCHOR =
      "Anchor that cannot run here: HAPI FHIR JPA server, 591 readings/s stored in 500-entry"
          + " transaction Bundles and 114 searches/s over 20k Observations. Source: the figures as"
          + " quoted in issue 19 (the issue gives no publication, and none was found for them in"
          + " the public issue trackers and pages searched; HAPI FHIR's own trackers discuss"
          + " transaction throughput, e.g. github.com/hapifhir/hapi-fhir/issues/310, without these"
          + " figures). The P2-FHIR note gives the ratio to it.";

  private final int fhirEntries = Integer.getInteger("benchmark.fhir-entries", 500);
  private final int p3Runs = Integer.getInteger("benchmark.p3-runs", 20);
  private final int p4Participants = Integer.getInteger("benchmark.p4-participants", 10_000);
  private final int p4Requests = Integer.getInteger("benchmark.p4-requests", 20);
  private final long auditEntries = Long.getLong("benchmark.audit-entries", 1_000_000L);

  /** {@code benchmark.only}: the measures to run (e.g. {@code P4,P6}); all when not given. */
  private final String only = System.getProperty("benchmark.only", "");

  private final Path root;
  private final Path work;
  private final Duration warmup = Duration.ofSeconds(Long.getLong("benchmark.warmup", 10));
  private final Duration duration = Duration.ofSeconds(Long.getLong("benchmark.duration", 20));
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<String> notes = new ArrayList<>();

  private Benchmark(Path root) {
    this.root = root;
    this.work = root.resolve("benchmarks/target/run");
  }

  public static void main(String[] args) throws Exception {
    var root = Path.of(System.getProperty("devstack.root", ".")).toAbsolutePath().normalize();
    new Benchmark(root).run();
  }

  private void run() throws Exception {
    var serviceOptions = String.join(" ", ServiceProcess.jvmOptions());
    deleteTree(work);
    var original = System.out;
    var launcherOutput = new ByteArrayOutputStream();
    System.setOut(new PrintStream(tee(original, launcherOutput), true, StandardCharsets.UTF_8));
    long started = System.nanoTime();
    Platform platform;
    try {
      platform = Platform.start(root, work, Platform.Ports.free(), true);
    } finally {
      System.setOut(original);
    }
    double stackReady = (System.nanoTime() - started) / 1e9;
    Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "platform-stop"));
    var readyTimes = readyTimes(launcherOutput.toString(StandardCharsets.UTF_8));
    var rssAtReady = new LinkedHashMap<String, Double>();
    for (var service : Platform.Service.values()) {
      rssAtReady.put(service.module(), rss(service.module()));
    }

    int port = freePort();
    int management = freePort();
    long ceilingStarted = System.nanoTime();
    var ceiling =
        ServiceProcess.start(
            "ceiling",
            root.resolve("benchmarks/target/quarkus-app/quarkus-run.jar"),
            Map.of(
                "quarkus.http.port", Integer.toString(port),
                "quarkus.management.port", Integer.toString(management),
                "quarkus.management.host", "127.0.0.1"),
            work.resolve("logs/ceiling.log"),
            port,
            management);
    Runtime.getRuntime().addShutdownHook(new Thread(ceiling::stop, "ceiling-stop"));
    double ceilingReady = (System.nanoTime() - ceilingStarted) / 1e9;
    double ceilingRssAtReady = rss("benchmarks");

    var measures = new ArrayList<Report.Measure>();
    var checks = new ArrayList<Report.Check>();
    var startup = new ArrayList<Report.Startup>();
    Report.Measure ceilingMeasure;
    var compare = System.getProperty("benchmark.compare-jvm-options");
    try (var load = new LoadGenerator()) {
      ceilingMeasure = wants("C") ? ceiling(load, ceiling, "C") : null;
      if (wants("P1")) {
        measures.add(
            p1(platform, load, ceilingMeasure == null ? 0 : ceilingMeasure.perSecond(), ""));
      }
      if (wants("P2")) {
        measures.add(p2(platform, load, ""));
      }
      if (wants("P2-FHIR")) {
        measures.add(p2Fhir(platform, load));
      }
      var api = new Api(platform);
      if (wants("P3")) {
        checks.add(p3(platform, api));
      }
      if (wants("P4")) {
        checks.add(p4(platform, api));
      }
      if (wants("P6")) {
        checks.addAll(p6(platform, api));
      }
      for (var service : Platform.Service.values()) {
        startup.add(
            new Report.Startup(
                service.module(),
                readyTimes.getOrDefault(service.module(), Double.NaN),
                rssAtReady.get(service.module()),
                rss(service.module())));
      }
      startup.add(
          new Report.Startup(
              "ceiling (bare Quarkus)", ceilingReady, ceilingRssAtReady, rss("benchmarks")));
      if (compare != null) {
        // The same platform (data, Keycloak, Kafka) with every service restarted under the other
        // options, so both sides of the comparison share the machine's moment and the data.
        var defaults = String.join(" ", ServiceProcess.jvmOptions());
        System.setProperty("devstack.service-jvm-options", compare);
        var services = Platform.Service.values();
        for (int i = services.length - 1; i >= 0; i--) {
          platform.stopService(services[i]);
        }
        var ready = new LinkedHashMap<String, Double>();
        var rss = new LinkedHashMap<String, Double>();
        for (var service : services) {
          long t = System.nanoTime();
          platform.startService(service);
          ready.put(service.module(), (System.nanoTime() - t) / 1e9);
          rss.put(service.module(), rss(service.module()));
          System.out.printf(
              "[benchmark] %s restarted with %s (%.1f s)%n",
              service.module(), compare, ready.get(service.module()));
        }
        ceiling.stop();
        long t = System.nanoTime();
        ceiling.start();
        double altCeilingReady = (System.nanoTime() - t) / 1e9;
        double altCeilingRss = rss("benchmarks");
        var altCeiling = ceiling(load, ceiling, "C*");
        measures.add(altCeiling);
        measures.add(p1(platform, load, altCeiling.perSecond(), "*"));
        measures.add(p2(platform, load, "*"));
        for (var service : services) {
          startup.add(
              new Report.Startup(
                  service.module() + " *",
                  ready.get(service.module()),
                  rss.get(service.module()),
                  rss(service.module())));
        }
        startup.add(
            new Report.Startup(
                "ceiling (bare Quarkus) *", altCeilingReady, altCeilingRss, rss("benchmarks")));
        notes.add(
            "Rows marked * ran with the service JVM options `"
                + compare
                + "` instead of `"
                + defaults
                + "`: the same platform and data, every service (and the ceiling) restarted with"
                + " them after the first round; their ready times are the restart's, measured by"
                + " the harness.");
      }
    }

    notes.add(
        "Everything ran on this machine's "
            + Runtime.getRuntime().availableProcessors()
            + " cores: the platform (PostgreSQL, Kafka, Keycloak, five services), the ceiling and"
            + " the load generator (Vert.x, closed loop, as wrk).");
    notes.add(HAPI_ANCHOR);
    var report =
        new Report(
            Instant.now().truncatedTo(ChronoUnit.SECONDS),
            machine(serviceOptions),
            ceilingMeasure,
            measures,
            startup,
            stackReady,
            checks,
            notes);
    var target = root.resolve("benchmarks/target");
    Files.writeString(target.resolve("benchmark-report.md"), report.markdown());
    Files.writeString(target.resolve("benchmark-report.json"), report.json());
    System.out.println();
    System.out.println(report.markdown());
    System.out.println(
        "[benchmark] written: " + target.resolve("benchmark-report.md") + " and .json");
    ceiling.stop();
    platform.close();
    System.exit(0);
  }

  /** P5 is always reported; the others only when {@code benchmark.only} is empty or names them. */
  boolean wants(String id) {
    return only.isBlank()
        || java.util.Arrays.stream(only.split(","))
            .map(String::trim)
            .anyMatch(id::equalsIgnoreCase);
  }

  private Report.Measure ceiling(LoadGenerator load, ServiceProcess ceiling, String id) {
    var hello =
        new LoadGenerator.Request(
            HttpMethod.GET, "/hello", MultiMap.caseInsensitiveMultiMap(), null);
    var url = URI.create(ceiling.url());
    System.out.println("[benchmark] " + id + ": GET /hello on the bare app, 64 connections");
    load.run(url, 64, warmup, i -> hello);
    var run = load.run(url, 64, duration, i -> hello);
    var m =
        measure(
            id, "bare Quarkus, GET @NonBlocking hello", "req/s", 64, run, null, null, null, null);
    print(m);
    return m;
  }

  // ---------------------------------------------------------------- P1

  /**
   * P1: the sponsor reads its trial through the gateway (token checked, DB-backed), 64 connections.
   */
  private Report.Measure p1(Platform platform, LoadGenerator load, double ceiling, String mark)
      throws Exception {
    var token = platform.keycloak().accessToken("sponsor.maps", "demo");
    var path = "/api/recruitment/trials/" + TRIAL;
    awaitOk(platform.gatewayUrl() + path, token);
    var headers =
        MultiMap.caseInsensitiveMultiMap()
            .add("Authorization", "Bearer " + token)
            .add("Accept", "application/json");
    var read = new LoadGenerator.Request(HttpMethod.GET, path, headers, null);
    var gateway = URI.create(platform.gatewayUrl());
    System.out.println("[benchmark] P1: GET " + path + " as sponsor.maps, 64 connections");
    load.run(gateway, 64, warmup, i -> read);
    var run = load.run(gateway, 64, duration, i -> read);
    var m =
        measure(
            "P1" + mark,
            "sponsor reads its trial via the gateway",
            "req/s",
            64,
            run,
            ceiling,
            0.20,
            null,
            20.0);
    print(m);
    return m;
  }

  // ---------------------------------------------------------------- P2

  private static final int MONITORS = 16;
  private static final int BATCH = 100;

  /**
   * P2: 16 monitors (one participant's session each) post batches of 100 readings through the
   * gateway; the rate is what the safety database holds afterwards, per second.
   */
  private Report.Measure p2(Platform platform, LoadGenerator load, String mark) throws Exception {
    var coordinator = platform.keycloak().accessToken("coordinator.sf", "demo");
    var participants = new ArrayList<String>();
    for (int i = 0; i < MONITORS; i++) {
      participants.add(register(platform, coordinator, i));
    }
    var investigator = platform.keycloak().accessToken("investigator.sf", "demo");
    var headers =
        MultiMap.caseInsensitiveMultiMap()
            .add("Authorization", "Bearer " + investigator)
            .add("Content-Type", "application/json")
            .add("Accept", "application/json");
    var base = Instant.now().minus(1, ChronoUnit.DAYS);
    var sent = new AtomicLongArray(MONITORS);
    var gateway = URI.create(platform.gatewayUrl());
    System.out.println(
        "[benchmark] P2: POST /api/safety/vitals/batch, " + MONITORS + " monitors x " + BATCH);
    java.util.function.IntFunction<LoadGenerator.Request> batchOf =
        i -> {
          long first = sent.getAndAdd(i, BATCH);
          var body = batch("bench-session-" + i, participants.get(i), base, first, "monitor-" + i);
          return new LoadGenerator.Request(
              HttpMethod.POST, "/api/safety/vitals/batch", headers, Buffer.buffer(body));
        };
    load.run(gateway, MONITORS, warmup, batchOf);
    long before = count(platform, "safety", "select count(*) from vital_sign");
    var run = load.run(gateway, MONITORS, duration, batchOf);
    long stored = count(platform, "safety", "select count(*) from vital_sign") - before;
    double perSecond = stored / run.seconds();
    notes.add(
        "P2"
            + mark
            + ": "
            + stored
            + " readings stored in "
            + Report.fmt(run.seconds())
            + " s ("
            + run.ok()
            + " batches of "
            + BATCH
            + " answered 201); latency is per batch.");
    var m =
        new Report.Measure(
            "P2" + mark,
            "vitals ingest via the gateway, batches of " + BATCH + ", durable",
            "readings/s",
            MONITORS,
            perSecond,
            run.latency(),
            run.ok(),
            run.failed(),
            run.outcomes(),
            null,
            null,
            30_000.0,
            null);
    print(m);
    return m;
  }

  /** A batch of plausible, in-range readings, each measured 10 ms after the one before. */
  static String batch(String session, String participant, Instant base, long first, String source) {
    var json = new StringBuilder(BATCH * 200);
    json.append("{\"sessionId\":\"")
        .append(session)
        .append("\",\"participantCode\":\"")
        .append(participant)
        .append("\",\"readings\":[");
    for (int r = 0; r < BATCH; r++) {
      if (r > 0) {
        json.append(',');
      }
      var at = base.plusMillis((first + r) * 10).atOffset(ZoneOffset.UTC);
      json.append("{\"measuredAt\":\"")
          .append(at)
          .append(
              "\",\"systolic\":120,\"diastolic\":80,\"heartRate\":72,\"temperatureC\":36.8,"
                  + "\"spo2\":98,\"sourceKind\":\"DEVICE\",\"sourceId\":\"")
          .append(source)
          .append("\"}");
    }
    return json.append("]}").toString();
  }

  private String register(Platform platform, String token, int i) throws Exception {
    var body =
        """
        {"trialId":"%s","siteCode":"%s","fullName":"Bench Monitor %d","email":"bench%d@example.org",
         "phone":"+1 415 555 %04d","weightKg":72.5,"sex":"MALE","childbearingPotential":false,
         "dissociativeSubtype":false,"veteran":false,"combatExposure":false,"traumaticBrainInjury":false}
        """
            .formatted(TRIAL, SITE, i, i, i);
    var response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(platform.gatewayUrl() + "/api/recruitment/participants"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    var code = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
    if (response.statusCode() != 201 || !code.find()) {
      throw new IllegalStateException(
          "registering a monitor's participant: " + response.statusCode() + " " + response.body());
    }
    return code.group(1);
  }

  // ---------------------------------------------------------------- P2 as FHIR

  /**
   * P2 as FHIR: the same monitors post R4 transaction Bundles of {@code benchmark.fhir-entries}
   * vital-sign Observations (500, as the HAPI FHIR anchor) to {@code POST /fhir/r4}; the rate is
   * the rows {@code vital_sign} gained (one per Observation: one vital each).
   */
  private Report.Measure p2Fhir(Platform platform, LoadGenerator load) throws Exception {
    var coordinator = platform.keycloak().accessToken("coordinator.sf", "demo");
    var participants = new ArrayList<String>();
    for (int i = 0; i < MONITORS; i++) {
      participants.add(register(platform, coordinator, 100 + i));
    }
    var investigator = platform.keycloak().accessToken("investigator.sf", "demo");
    var headers =
        MultiMap.caseInsensitiveMultiMap()
            .add("Authorization", "Bearer " + investigator)
            .add("Content-Type", "application/fhir+json")
            .add("Accept", "application/fhir+json");
    var base = Instant.now().minus(1, ChronoUnit.DAYS);
    var sent = new AtomicLongArray(MONITORS);
    var gateway = URI.create(platform.gatewayUrl());
    System.out.println(
        "[benchmark] P2-FHIR: POST /fhir/r4 transaction Bundles, "
            + MONITORS
            + " monitors x "
            + fhirEntries);
    java.util.function.IntFunction<LoadGenerator.Request> bundleOf =
        i -> {
          long first = sent.getAndAdd(i, fhirEntries);
          var body =
              FhirBundles.transaction(
                  participants.get(i),
                  "bench-fhir-session-" + i,
                  base,
                  first,
                  fhirEntries,
                  "fhir-monitor-" + i);
          return new LoadGenerator.Request(
              HttpMethod.POST, "/fhir/r4", headers, Buffer.buffer(body));
        };
    load.run(gateway, MONITORS, warmup, bundleOf);
    long before = count(platform, "safety", "select count(*) from vital_sign");
    var run = load.run(gateway, MONITORS, duration, bundleOf);
    long stored = count(platform, "safety", "select count(*) from vital_sign") - before;
    double perSecond = stored / run.seconds();
    notes.add(
        "P2-FHIR: "
            + stored
            + " Observations stored in "
            + Report.fmt(run.seconds())
            + " s ("
            + run.ok()
            + " transaction Bundles of "
            + fhirEntries
            + " answered 200); each Observation is one vital, one row (a native reading carries"
            + " five); latency is per Bundle. "
            + Report.fmt(perSecond / HAPI_READINGS_PER_SECOND)
            + "x the HAPI FHIR anchor of "
            + Report.fmt(HAPI_READINGS_PER_SECOND)
            + " readings/s.");
    var m =
        new Report.Measure(
            "P2-FHIR",
            "FHIR R4 transaction Bundles of "
                + fhirEntries
                + " Observations via the gateway, durable",
            "readings/s",
            MONITORS,
            perSecond,
            run.latency(),
            run.ok(),
            run.failed(),
            run.outcomes(),
            null,
            null,
            30_000.0,
            null);
    print(m);
    return m;
  }

  static final double HAPI_READINGS_PER_SECOND = 591;

  // ---------------------------------------------------------------- P3

  private Report.Check p3(Platform platform, Api api) throws Exception {
    System.out.println("[benchmark] P3: critical reading to refused dose, " + p3Runs + " runs");
    var p3 = new DoseRefusal(api);
    var trial = p3.recruitingTrial(unique("BENCH-P3"), Math.max(20, p3Runs * 2));
    var result = p3.run(trial, p3Runs);
    var detail =
        "p50 "
            + Report.fmt(result.latency().p50Ms())
            + " ms, max "
            + Report.fmt(result.latency().maxMs())
            + " ms over "
            + result.runs()
            + " runs (a participant each, trial "
            + trial
            + "); from the critical reading's POST /api/safety/vitals to the first dose attempt"
            + " (POST /api/sessions/visits/{id}/doses) refused by the hold: "
            + result.refusals()
            + "; "
            + result.polls()
            + " attempts in all, each of "
            + DoseRefusal.NEVER_A_DOSE
            + " mg HCl (no regimen's dose), so none could be recorded; doses recorded: "
            + result.dosesRecorded();
    var check =
        new Report.Check(
            "P3",
            "critical reading to refused dose",
            "p99",
            result.latency().count() == 0 ? Double.NaN : result.latency().p99Ms(),
            "ms",
            100.0,
            true,
            detail);
    System.out.println("[benchmark] P3 " + check.figure() + " ms p99: " + detail);
    return check;
  }

  // ---------------------------------------------------------------- P4

  private Report.Check p4(Platform platform, Api api) throws Exception {
    System.out.println(
        "[benchmark] P4: statistics of "
            + p4Participants
            + " participants x "
            + StatisticsLoad.TIMEPOINTS.length
            + " timepoints");
    var sponsor = api.token("sponsor.maps");
    var trial =
        api.post(
                sponsor,
                "/api/recruitment/trials",
                DoseRefusal.trialRequest(unique("BENCH-P4"), 500))
            .expect(201, "P4: creating the trial")
            .json()
            .getValue("id")
            .toString();
    var seeded = StatisticsLoad.seed(platform, trial, p4Participants);
    var timed = StatisticsLoad.time(api, trial, 3, p4Requests);
    var detail =
        "GET /api/outcomes/trials/{id}/statistics?instrument=CAPS5 as sponsor.maps (pooled), "
            + p4Requests
            + " reads one after another after 3 untimed: p50 "
            + Report.fmt(timed.latency().p50Ms())
            + " ms, max "
            + Report.fmt(timed.latency().maxMs())
            + " ms, answers "
            + timed.outcomes()
            + "; "
            + seeded.participants()
            + " participants, "
            + seeded.assessments()
            + " CAPS-5 assessments and 3 doses each written into outcomes' database with COPY in "
            + Report.fmt(seeded.seconds())
            + " s (trial "
            + trial
            + "; no response/remission thresholds set, so those are reported not available)";
    var check =
        new Report.Check(
            "P4",
            "trial statistics, " + p4Participants + " x 7",
            "p99",
            timed.ok() == 0 ? Double.NaN : timed.latency().p99Ms(),
            "ms",
            500.0,
            true,
            detail);
    System.out.println("[benchmark] P4 " + check.figure() + " ms p99: " + detail);
    return check;
  }

  // ---------------------------------------------------------------- P6

  private List<Report.Check> p6(Platform platform, Api api) throws Exception {
    var service = Platform.Service.OUTCOMES;
    System.out.println(
        "[benchmark] P6: writing "
            + auditEntries
            + " audit entries into "
            + service.module()
            + "'s chain");
    var written = AuditChain.write(platform, service.database(), auditEntries);
    System.out.printf(
        "[benchmark] P6: %d entries written in %.1f s%n", written.entries(), written.seconds());
    var regulator = api.token("regulator.fda");
    AuditChain.RssProbe gateway = () -> rss("gateway");
    AuditChain.RssProbe owner = () -> rss(service.module());
    var checks = new ArrayList<Report.Check>();
    for (var format : List.of("ndjson", "csv")) {
      var streamed =
          AuditChain.stream(
              api,
              platform.gatewayUrl() + "/api/audit/export?format=" + format,
              regulator,
              gateway,
              owner);
      var detail =
          "GET /api/audit/export?format="
              + format
              + " as regulator.fda: status "
              + streamed.status()
              + ", "
              + streamed.lines()
              + " lines, "
              + Report.fmt(streamed.bytes() / 1e6)
              + " MB streamed; "
              + streamed.memory().text(service.module())
              + "; the chain holds "
              + written.entries()
              + " generated entries in "
              + service.module()
              + " (written in "
              + Report.fmt(written.seconds())
              + " s) besides the services' own";
      checks.add(
          new Report.Check(
              "P6-" + format,
              "audit export (" + format + "), " + written.entries() + " entries",
              "time",
              streamed.status() == 200 ? streamed.seconds() : Double.NaN,
              "s",
              10.0,
              true,
              detail));
      System.out.println(
          "[benchmark] P6 export " + format + " " + streamed.seconds() + " s: " + detail);
    }
    var verified =
        AuditChain.stream(
            api, platform.gatewayUrl() + "/api/audit/verify", regulator, gateway, owner);
    boolean intact = verified.status() == 200 && verifiedIntact(verified.body());
    var detail =
        "GET /api/audit/verify as regulator.fda (every service's chain, the gateway asks each):"
            + " status "
            + verified.status()
            + (intact ? ", every chain intact" : ", NOT intact: " + abbreviate(verified.body()))
            + "; "
            + verified.memory().text(service.module());
    checks.add(
        new Report.Check(
            "P6-verify",
            "audit chain verification, " + written.entries() + " entries",
            "time",
            intact ? verified.seconds() : Double.NaN,
            "s",
            10.0,
            true,
            detail));
    System.out.println("[benchmark] P6 verify " + verified.seconds() + " s: " + detail);
    return checks;
  }

  /** The gateway's answer says every service's chain is intact. */
  static boolean verifiedIntact(String body) {
    try {
      return new io.vertx.core.json.JsonObject(body).getBoolean("intact", false);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String abbreviate(String text) {
    return text.length() > 400 ? text.substring(0, 400) + "…" : text;
  }

  private static String unique(String prefix) {
    return prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 6).toUpperCase();
  }

  // ---------------------------------------------------------------- helpers

  private static Report.Measure measure(
      String id,
      String title,
      String unit,
      int connections,
      LoadGenerator.Run run,
      Double ceiling,
      Double minRatio,
      Double minPerSecond,
      Double maxP99) {
    return new Report.Measure(
        id,
        title,
        unit,
        connections,
        run.perSecond(),
        run.latency(),
        run.ok(),
        run.failed(),
        run.outcomes(),
        ceiling == null ? null : Report.ratio(run.perSecond(), ceiling),
        minRatio,
        minPerSecond,
        maxP99);
  }

  private static void print(Report.Measure m) {
    System.out.printf(
        "[benchmark] %-3s %10s %-10s p50 %8s ms  p99 %8s ms  ok %d  failed %d %s%n",
        m.id(),
        Report.fmt(m.perSecond()),
        m.unit(),
        Report.fmt(m.latency().p50Ms()),
        Report.fmt(m.latency().p99Ms()),
        m.ok(),
        m.failed(),
        m.failed() > 0 ? m.outcomes() : "");
  }

  /** Waits until the read answers 200 (the demo trial is seeded as recruitment-service starts). */
  private void awaitOk(String url, String token) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    HttpResponse<String> last = null;
    while (System.nanoTime() < deadline) {
      last =
          http.send(
              HttpRequest.newBuilder(URI.create(url))
                  .header("Authorization", "Bearer " + token)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (last.statusCode() == 200) {
        return;
      }
      Thread.sleep(1_000);
    }
    throw new IllegalStateException(url + " answers " + last.statusCode() + ": " + last.body());
  }

  private double rss(String module) {
    return Processes.rssMb(
        "-Ddevstack.logs=" + work.resolve("logs"), module + "/target/quarkus-app/quarkus-run.jar");
  }

  /** Each service's seconds from start to ready, as the launcher printed them. */
  static Map<String, Double> readyTimes(String launcherOutput) {
    var times = new LinkedHashMap<String, Double>();
    var m = READY.matcher(launcherOutput);
    while (m.find()) {
      times.put(m.group(1), Double.parseDouble(m.group(2) + "." + m.group(3)));
    }
    return times;
  }

  private static long count(Platform platform, String database, String sql) throws SQLException {
    var postgres = platform.postgres();
    try (var db =
            DriverManager.getConnection(
                postgres.jdbcUrl(database), postgres.username(), postgres.password());
        var st = db.createStatement();
        var rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Map<String, String> machine(String serviceOptions) {
    var m = new LinkedHashMap<String, String>();
    m.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    m.put("service JVM options", serviceOptions);
    m.put(
        "load",
        "warm-up "
            + Long.getLong("benchmark.warmup", 10)
            + " s, then "
            + Long.getLong("benchmark.duration", 20)
            + " s per measure");
    return m;
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static OutputStream tee(OutputStream a, OutputStream b) {
    return new OutputStream() {
      @Override
      public void write(int c) throws IOException {
        a.write(c);
        synchronized (b) {
          b.write(c);
        }
      }

      @Override
      public void write(byte[] bytes, int off, int len) throws IOException {
        a.write(bytes, off, len);
        synchronized (b) {
          b.write(bytes, off, len);
        }
      }

      @Override
      public void flush() throws IOException {
        a.flush();
      }
    };
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
