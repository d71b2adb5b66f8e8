package org.mdmaat.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.mdmaat.devstack.Platform;
import org.mdmaat.devstack.Platform.Service;

/**
 * The packaged platform, started once for the whole system-test run, stopped at JVM exit.
 *
 * <p>Where kubectl is installed it is the deployment rehearsal (issue 18): each service starts with
 * exactly the environment its Deployment in the rendered {@code rehearsal} overlay gives ({@link
 * Rehearsal}), plus {@link #additions} and where it listens, so every system test runs against the
 * manifests' own settings and the rehearsal costs no start of its own. Without kubectl the services
 * get devstack's own settings, and {@link DeploymentRehearsalTest} says it skipped.
 */
final class RunningPlatform {
  /**
   * The audit checkpoint interval of the system tests' services: production signs at least once a
   * minute (the platform's default, 1m), and AuditCheckpointTamperingTest waits for a checkpoint
   * three times.
   */
  static final String CHECKPOINT_INTERVAL = "5s";

  private static Platform platform;
  private static Rehearsal rehearsal;
  private static String notRehearsed;
  private static Map<String, Map<String, String>> secrets;
  private static final Map<Service, Map<String, String>> GIVEN = new EnumMap<>(Service.class);
  private static double startSeconds;

  private RunningPlatform() {}

  static synchronized Platform get() {
    if (platform == null) {
      var root = Path.of(System.getProperty("devstack.root", "..")).toAbsolutePath().normalize();
      var work = Path.of(System.getProperty("devstack.work", "target/platform")).toAbsolutePath();
      // Empty databases and topics for every run: an earlier run's bookings would otherwise take
      // the therapists' slots, and counts would mix runs. Logs are kept.
      deleteRecursively(work.resolve("data"));
      var ports = Platform.Ports.free();
      var options = Platform.Options.defaults();
      var missing = Kustomize.unavailable();
      if (missing.isEmpty()) {
        try {
          rehearsal =
              Rehearsal.render(
                  ports, Platform.Ports.freePort(), work.resolve("data/rehearsal-volumes"));
        } catch (Exception e) {
          throw new IllegalStateException("cannot render the rehearsal overlay", e);
        }
        options = options.withEnvironments(RunningPlatform::environment);
      } else {
        notRehearsed = missing.get();
        options =
            options.withSettings(Map.of("platform.audit.checkpoint.interval", CHECKPOINT_INTERVAL));
      }
      long started = System.nanoTime();
      platform = Platform.start(root, work, ports, options);
      startSeconds = (System.nanoTime() - started) / 1e9;
      System.out.printf(
          "[system-tests] platform %s in %.1f s%n",
          rehearsal != null ? "started from the rendered rehearsal overlay" : "started",
          startSeconds);
      var running = platform;
      Runtime.getRuntime().addShutdownHook(new Thread(running::close, "platform-stop"));
    }
    return platform;
  }

  /** The rehearsal the platform was started from, or empty ({@link #notRehearsed} says why). */
  static synchronized Optional<Rehearsal> rehearsal() {
    get();
    return Optional.ofNullable(rehearsal);
  }

  static synchronized String notRehearsed() {
    return notRehearsed;
  }

  /** The test Secrets the rehearsal resolved its references from (devstack's credentials). */
  static synchronized Map<String, Map<String, String>> secrets() {
    return secrets(get());
  }

  private static synchronized Map<String, Map<String, String>> secrets(Platform of) {
    if (secrets == null) {
      secrets = Rehearsal.secrets(of);
    }
    return secrets;
  }

  /** The environment each service was given (before where it listens), as started. */
  static synchronized Map<String, String> given(Service service) {
    return GIVEN.get(service);
  }

  static double startSeconds() {
    return startSeconds;
  }

  /**
   * What the rehearsal adds to a Deployment's environment, none of it an address or a setting the
   * service requires (DeploymentRehearsalTest checks): the test's shorter checkpoint interval, and
   * the UTF-8 locale the image's JDK 21 has by default (the JVM here may be 17, whose default
   * charset follows the locale).
   */
  static Map<String, String> additions(Service service) {
    var added = new LinkedHashMap<String, String>();
    added.put("LANG", "C.UTF-8");
    if (service.database() != null) {
      added.put("PLATFORM_AUDIT_CHECKPOINT_INTERVAL", CHECKPOINT_INTERVAL);
    }
    return added;
  }

  private static synchronized Map<String, String> environment(Service service, Platform started) {
    var env = rehearsal.environment(service.module(), secrets(started));
    env.putAll(additions(service));
    GIVEN.put(service, Map.copyOf(env));
    return env;
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
        // Secret volumes are read-only files; their directory is writable, so they go too.
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + dir, e);
    }
  }
}
