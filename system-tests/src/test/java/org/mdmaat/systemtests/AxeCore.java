package org.mdmaat.systemtests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * axe-core for the browser tests' accessibility check. No Maven artifact carries it (the webjar is
 * not on Maven Central here), so npm, the machine's Node.js package manager ({@code .ci/run}
 * installs Debian's nodejs and npm when missing), fetches the pinned version from the npm registry
 * into {@code target/axe} once; npm checks the tarball against the registry's integrity hash, and
 * no install script runs. Later runs use the copy there (and npm's own cache).
 */
final class AxeCore {
  static final String VERSION = "4.14.1";
  private static final Path PREFIX = Path.of("target/axe");
  private static final Path PACKAGE = PREFIX.resolve("node_modules/axe-core");

  private AxeCore() {}

  /** The text of axe.min.js, fetched by npm when this run does not have it yet. */
  static synchronized String script() {
    try {
      if (!VERSION.equals(installedVersion())) {
        install();
      }
      var installed = installedVersion();
      if (!VERSION.equals(installed)) {
        throw new IllegalStateException(
            "npm installed axe-core " + installed + " into " + PREFIX + ", not " + VERSION);
      }
      return Files.readString(PACKAGE.resolve("axe.min.js"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("axe-core could not be read from " + PACKAGE, e);
    }
  }

  private static String installedVersion() throws IOException {
    var manifest = PACKAGE.resolve("package.json");
    if (!Files.isRegularFile(manifest)) {
      return null;
    }
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest.toFile());
    return json.path("version").asText(null);
  }

  private static void install() throws IOException {
    Files.createDirectories(PREFIX);
    var log = PREFIX.resolve("npm.log");
    var command =
        List.of(
            "npm",
            "install",
            "--prefix",
            PREFIX.toString(),
            "--no-save",
            "--no-audit",
            "--no-fund",
            "--ignore-scripts",
            "--prefer-offline",
            "axe-core@" + VERSION);
    Process npm;
    try {
      npm =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "npm is needed to fetch axe-core for the accessibility check (Debian packages nodejs and"
              + " npm; .ci/run installs them)",
          e);
    }
    try {
      if (!npm.waitFor(5, TimeUnit.MINUTES)) {
        npm.destroyForcibly();
        throw new IllegalStateException("npm did not fetch axe-core within 5 minutes; see " + log);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      npm.destroyForcibly();
      throw new IllegalStateException("interrupted while npm fetched axe-core", e);
    }
    if (npm.exitValue() != 0) {
      throw new IllegalStateException(
          "npm install axe-core@"
              + VERSION
              + " failed ("
              + npm.exitValue()
              + "): "
              + Files.readString(log, StandardCharsets.UTF_8));
    }
  }
}
