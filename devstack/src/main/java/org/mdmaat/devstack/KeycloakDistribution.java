package org.mdmaat.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Keycloak's distribution, unpacked and built once into {@code ~/.cache/mdmaat-devstack}, and the
 * JDK it runs on.
 *
 * <p>The zip comes from Maven Central through the build (its local-repository path is in {@code
 * devstack/keycloak.properties}). The cache directory is only ever complete: the zip is unpacked
 * and {@code kc.sh build} run in a temporary sibling that is then renamed, so an interrupted run
 * leaves nothing that looks usable. Running servers never write into it (each has its own home, see
 * {@link KeycloakServer}), so it can be shared by concurrent builds.
 */
final class KeycloakDistribution {
  private static final String COMPONENT = "keycloak";
  private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

  /**
   * Build-time options, fixed in the cache by {@code kc.sh build} so that every start can skip
   * Quarkus' augmentation ({@code start --optimized}): an in-memory H2 database for Keycloak's own
   * data, so each start is clean and imports the realm again.
   */
  static final List<String> BUILD_OPTIONS =
      List.of("--db=dev-mem", "--health-enabled=false", "--metrics-enabled=false");

  private static final Object LOCK = new Object();

  private KeycloakDistribution() {}

  static String version() {
    return Workspace.resourceProperties("keycloak.properties").getProperty("version");
  }

  /** The unpacked, built distribution ("KEYCLOAK_HOME"), preparing it on first use. */
  static Path home(Path javaHome) {
    var version = version();
    var cache = Workspace.cache();
    var home = cache.resolve("keycloak-" + version);
    var marker = home.resolve(".devstack-ready");
    var expected = String.join(" ", BUILD_OPTIONS) + "\n";
    synchronized (LOCK) {
      if (readyMarker(marker).equals(expected)) {
        return home;
      }
      try {
        Files.createDirectories(cache);
        // Serialises JVMs preparing the same cache (several Maven modules testing at once).
        try (var channel =
            FileChannel.open(
                cache.resolve("keycloak-" + version + ".lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
          var lock = channel.lock();
          try {
            if (!readyMarker(marker).equals(expected)) {
              deleteAbandoned(home);
              prepare(home, javaHome, expected);
            }
            return home;
          } finally {
            lock.release();
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot prepare Keycloak in " + home, e);
      }
    }
  }

  private static void prepare(Path home, Path javaHome, String marker) throws IOException {
    var zip = Path.of(Workspace.resourceProperties("keycloak.properties").getProperty("zip"));
    if (!Files.isRegularFile(zip)) {
      throw new IllegalStateException(
          "Keycloak's zip "
              + zip
              + " is missing; rebuild devstack (mvn -pl devstack install) to download it");
    }
    var temporary =
        home.resolveSibling(
            home.getFileName() + ".tmp-" + UUID.randomUUID().toString().substring(0, 8));
    try {
      var started = System.nanoTime();
      ProgressLog.step(COMPONENT, "unpacking " + zip.getFileName() + " into " + home);
      var unpacked = unzip(zip, temporary);
      ProgressLog.done(COMPONENT, "unpacked", started);

      started = System.nanoTime();
      ProgressLog.step(COMPONENT, "building the optimized server (once per cache)");
      var command = new ArrayList<String>();
      command.add(unpacked.resolve("bin/kc.sh").toString());
      command.add("build");
      command.addAll(BUILD_OPTIONS);
      var build =
          ChildProcess.start(
              "kc-build",
              command,
              unpacked,
              unpacked.resolve("build.log"),
              env -> environment(env, javaHome));
      var exit = build.waitFor(Duration.ofMinutes(5));
      build.stop(Duration.ofSeconds(5));
      if (exit.orElse(-1) != 0) {
        throw new IllegalStateException("kc.sh build failed:\n" + build.logTail(40));
      }
      ProgressLog.done(COMPONENT, "built", started);

      Workspace.write(unpacked.resolve(".devstack-ready"), marker);
      Workspace.deleteTree(home); // an incomplete or differently built copy
      try {
        Files.move(unpacked, home, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(unpacked, home);
      }
    } finally {
      Workspace.deleteTree(temporary);
    }
  }

  /** Removes what a killed JVM left half-prepared (we hold the lock, so nobody is using it). */
  private static void deleteAbandoned(Path home) throws IOException {
    var prefix = home.getFileName() + ".tmp-";
    try (var siblings = Files.list(home.getParent())) {
      siblings
          .filter(p -> p.getFileName().toString().startsWith(prefix))
          .forEach(Workspace::deleteTree);
    }
  }

  /** Unpacks the zip into {@code target} and returns the distribution's top directory in it. */
  private static Path unzip(Path zip, Path target) throws IOException {
    Path top = null;
    try (var archive = new ZipFile(zip.toFile())) {
      var entries = archive.entries();
      while (entries.hasMoreElements()) {
        var entry = entries.nextElement();
        var path = target.resolve(entry.getName()).normalize();
        if (!path.startsWith(target)) {
          throw new IOException("Zip entry outside the target: " + entry.getName());
        }
        if (top == null) {
          top = target.resolve(target.relativize(path).getName(0));
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
          continue;
        }
        Files.createDirectories(path.getParent());
        try (var in = archive.getInputStream(entry)) {
          Files.copy(in, path);
        }
        // Zip entries carry no permissions that ZipFile exposes; only the scripts need them.
        if (path.getFileName().toString().endsWith(".sh")) {
          path.toFile().setExecutable(true, false);
        }
      }
    }
    if (top == null || !Files.isRegularFile(top.resolve("bin/kc.sh"))) {
      throw new IOException(zip + " does not hold a Keycloak distribution");
    }
    return top;
  }

  private static String readyMarker(Path marker) {
    try {
      return Files.readString(marker);
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * The child's environment: a clean slate for Keycloak (no KC_, QUARKUS_ or JAVA_OPTS settings
   * leaking in from the caller's shell or test JVM) on the chosen JDK.
   */
  static void environment(Map<String, String> env, Path javaHome) {
    env.keySet()
        .removeIf(
            name ->
                name.startsWith("KC_")
                    || name.startsWith("QUARKUS_")
                    || name.startsWith("JAVA_OPTS")
                    || name.equals("JAVA_ADD_OPENS")
                    || name.equals("JAVA_LOCALE")
                    || name.equals("JAVA")
                    || name.equals("DEBUG")
                    || name.equals("DEBUG_PORT")
                    || name.equals("PRINT_ENV"));
    env.put("JAVA_HOME", javaHome.toString());
  }

  /**
   * The JDK for Keycloak: {@code devstack.keycloak.java-home} or {@code KEYCLOAK_JAVA_HOME} if set;
   * else the current JDK if it is 21 or older; else a JDK 17 (or 21) installed next to the current
   * one (as in {@code /usr/lib/jvm}); else, with a warning, the current one.
   */
  static Path javaHome() {
    var configured = Workspace.setting("devstack.keycloak.java-home", "KEYCLOAK_JAVA_HOME");
    if (configured.isPresent()) {
      return Path.of(configured.get());
    }
    var current = Path.of(System.getProperty("java.home"));
    if (Runtime.version().feature() <= 21) {
      return current;
    }
    var candidates = new ArrayList<Path>();
    Stream.of(current.getParent(), Path.of("/usr/lib/jvm"))
        .filter(dir -> dir != null && Files.isDirectory(dir))
        .distinct()
        .forEach(dir -> candidates.addAll(children(dir)));
    return candidates.stream()
        .filter(jdk -> Files.isExecutable(jdk.resolve("bin/java")))
        .map(KeycloakDistribution::realPath)
        .distinct()
        .filter(jdk -> featureVersion(jdk).filter(v -> v == 17 || v == 21).isPresent())
        .min(
            Comparator.comparing((Path jdk) -> featureVersion(jdk).orElse(99))
                .thenComparing(Path::toString))
        .orElseGet(
            () -> {
              ProgressLog.step(
                  COMPONENT, "no JDK 17 or 21 found (set KEYCLOAK_JAVA_HOME); using " + current);
              return current;
            });
  }

  private static List<Path> children(Path dir) {
    try (var list = Files.list(dir)) {
      return list.filter(Files::isDirectory).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path;
    }
  }

  private static Optional<Integer> featureVersion(Path jdk) {
    try {
      var matcher = JAVA_VERSION.matcher(Files.readString(jdk.resolve("release")));
      return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
