package org.mdmaat.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/** Where devstack keeps its files, and the small file and port chores the servers share. */
final class Workspace {
  private Workspace() {}

  /**
   * Working and data directories of this run: {@code devstack.dir} (system property) or {@code
   * DEVSTACK_DIR}, else {@code target/devstack} under the current directory, which under Maven is
   * the module being built, so {@code mvn clean} removes it.
   */
  static Path root() {
    return setting("devstack.dir", "DEVSTACK_DIR")
        .map(Path::of)
        .orElseGet(() -> Path.of("target", "devstack"))
        .toAbsolutePath()
        .normalize();
  }

  /**
   * Unpacked downloads that outlive {@code mvn clean}: {@code devstack.cache.dir} or {@code
   * DEVSTACK_CACHE_DIR}, else {@code ~/.cache/mdmaat-devstack}.
   */
  static Path cache() {
    return setting("devstack.cache.dir", "DEVSTACK_CACHE_DIR")
        .map(Path::of)
        .orElseGet(() -> Path.of(System.getProperty("user.home"), ".cache", "mdmaat-devstack"))
        .toAbsolutePath()
        .normalize();
  }

  static Optional<String> setting(String property, String environment) {
    var value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(environment);
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  /** A new directory {@code root()/prefix-xxxxxxxx}. */
  static Path newDirectory(String prefix) {
    var dir = root().resolve(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + dir, e);
    }
  }

  /**
   * A port that is free now. Another process may take it before the server binds it; the window is
   * short and the servers fail loudly if it happens.
   */
  static int freePort() {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port", e);
    }
  }

  static String resourceText(String name) {
    try (InputStream in = Workspace.class.getResourceAsStream("/devstack/" + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "Resource devstack/"
                + name
                + " is missing: build devstack with Maven (it is generated)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Properties resourceProperties(String name) {
    var properties = new Properties();
    try {
      properties.load(new StringReader(resourceText(name)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  /** Deletes {@code dir} and everything below it, without following symbolic links. */
  static void deleteTree(Path dir) {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
              }
              throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.deleteIfExists(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + dir, e);
    }
  }
}
