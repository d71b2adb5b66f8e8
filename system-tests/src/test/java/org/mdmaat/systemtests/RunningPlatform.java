package org.mdmaat.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.mdmaat.devstack.Platform;

/** The packaged platform, started once for the whole system-test run, stopped at JVM exit. */
final class RunningPlatform {
  private static Platform platform;

  private RunningPlatform() {}

  static synchronized Platform get() {
    if (platform == null) {
      var root = Path.of(System.getProperty("devstack.root", "..")).toAbsolutePath().normalize();
      var work = Path.of(System.getProperty("devstack.work", "target/platform")).toAbsolutePath();
      // Empty databases and topics for every run: an earlier run's bookings would otherwise take
      // the therapists' slots, and counts would mix runs. Logs are kept.
      deleteRecursively(work.resolve("data"));
      platform = Platform.start(root, work, Platform.Ports.free());
      var started = platform;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "platform-stop"));
    }
    return platform;
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + dir, e);
    }
  }
}
