package org.mdmaat.systemtests;

import java.nio.file.Path;
import org.mdmaat.devstack.Platform;

/** The packaged platform, started once for the whole system-test run, stopped at JVM exit. */
final class RunningPlatform {
  private static Platform platform;

  private RunningPlatform() {}

  static synchronized Platform get() {
    if (platform == null) {
      var root = Path.of(System.getProperty("devstack.root", "..")).toAbsolutePath().normalize();
      var work = Path.of(System.getProperty("devstack.work", "target/platform")).toAbsolutePath();
      platform = Platform.start(root, work, Platform.Ports.free());
      var started = platform;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "platform-stop"));
    }
    return platform;
  }
}
