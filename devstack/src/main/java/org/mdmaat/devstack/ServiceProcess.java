package org.mdmaat.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One packaged Quarkus service ({@code target/quarkus-app/quarkus-run.jar}) running as a child
 * process, configured through system properties (inheriting this JVM's environment) or through
 * exactly the environment it is given (the deployment rehearsal), ready when its readiness check
 * answers UP.
 */
public final class ServiceProcess {
  private final String name;
  private final Path jar;
  private final Map<String, String> config;
  private final Map<String, String> environment;
  private final Path log;
  private final int port;
  private final int managementPort;
  private ChildProcess process;

  /**
   * The services' JVM options for serving unless {@code -Ddevstack.service-jvm-options} replaces
   * them. Full tiered compilation: C2 compiles the RSA signature check of every bearer token with
   * the BigInteger intrinsics (C1 has none, and the profile showed that check near 30% of a
   * service's CPU under load), and a served platform runs long enough to repay its compile time.
   * Serial GC: a 384m heap collects in a few milliseconds on one thread, and on two cores shared by
   * five services, Kafka and Keycloak, G1's or Parallel's extra GC threads only compete with the
   * request threads. The heap keeps a small initial size (grown to -Xmx on demand) so an idle
   * service stays small (the 200 MB resident target). Tests that start short-lived services may
   * pass C1 only ({@code -XX:TieredStopAtLevel=1}), as system-tests do, for a faster start.
   */
  static final String DEFAULT_JVM_OPTIONS = "-Xmx384m -XX:+UseSerialGC";

  /**
   * The JVM options every service (and the benchmark's ceiling) runs with: {@link
   * #DEFAULT_JVM_OPTIONS}, or {@code -Ddevstack.service-jvm-options} so the benchmark can compare.
   */
  public static List<String> jvmOptions() {
    var options = System.getProperty("devstack.service-jvm-options", DEFAULT_JVM_OPTIONS).strip();
    return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
  }

  private ServiceProcess(
      String name,
      Path jar,
      Map<String, String> config,
      Map<String, String> environment,
      Path log,
      int port,
      int managementPort) {
    this.name = name;
    this.jar = jar;
    this.config = Map.copyOf(config);
    this.environment = environment == null ? null : Map.copyOf(environment);
    this.log = log;
    this.port = port;
    this.managementPort = managementPort;
  }

  /**
   * Starts the service and waits until it is ready (its readiness check, on the management port,
   * answers UP).
   */
  public static ServiceProcess start(
      String name, Path jar, Map<String, String> config, Path log, int port, int managementPort) {
    return start(name, jar, config, null, log, port, managementPort);
  }

  /**
   * Starts the service with {@code environment} as its whole process environment (nothing inherited
   * from this JVM), or this JVM's environment if it is null, and waits until it is ready.
   */
  public static ServiceProcess start(
      String name,
      Path jar,
      Map<String, String> config,
      Map<String, String> environment,
      Path log,
      int port,
      int managementPort) {
    var service = new ServiceProcess(name, jar, config, environment, log, port, managementPort);
    service.start();
    return service;
  }

  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          name + " is not built: " + jar + " is missing (run ./mvnw install -DskipTests)");
    }
    var command = new ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions());
    command.add("-Duser.timezone=UTC");
    // The directory on the command line lets the next start find and stop a leftover process.
    command.add("-Ddevstack.logs=" + log.getParent());
    config.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-jar");
    command.add(jar.toString());
    var dir = log.getParent();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create " + dir, e);
    }
    process =
        ChildProcess.start(
            name,
            command,
            dir,
            log,
            inherited -> {
              if (environment != null) {
                // Exactly what was given: nothing on this machine may stand in for a setting.
                inherited.clear();
                inherited.putAll(environment);
              }
            });
    awaitReady(Duration.ofSeconds(180));
  }

  private void awaitReady(Duration limit) {
    var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    var ready =
        HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
            .timeout(Duration.ofSeconds(5))
            .build();
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited before it was ready; the end of " + log + ":\n" + process.logTail(40));
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + name, e);
      }
      sleep(250);
    }
    var tail = process.logTail(40);
    stop();
    throw new IllegalStateException(
        name + " was not ready within " + limit + "; the end of " + log + ":\n" + tail);
  }

  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.stop(Duration.ofSeconds(20));
    process = null;
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  public String name() {
    return name;
  }

  public int port() {
    return port;
  }

  public String url() {
    return "http://localhost:" + port;
  }

  /** Health ({@code /q/health}) and metrics ({@code /q/metrics}), apart from the API. */
  public String managementUrl() {
    return "http://localhost:" + managementPort;
  }

  public Path log() {
    return log;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
