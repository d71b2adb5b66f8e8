package org.mdmaat.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

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

  /** The lowest port this JVM hands out, and the bound below which it stays (see freePort). */
  private static final int LOWEST_PORT = 10_000;

  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  /**
   * A port that is free now, below the kernel's ephemeral range. A port the kernel picks for {@code
   * new ServerSocket(0)} is in that range, where every outgoing connection (to PostgreSQL, Kafka,
   * Keycloak, another service) also takes its local port: one of them took a service's port before
   * the service bound it, and the service failed to start (CI, 2026-12-04). Below the range, only
   * another listener can take it; this JVM never hands out the same port twice.
   */
  static int freePort() {
    int below = ephemeralLow();
    var random = java.util.concurrent.ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = random.nextInt(LOWEST_PORT, below);
      if (!HANDED_OUT.add(port)) {
        continue;
      }
      try (var socket = new ServerSocket()) {
        socket.setReuseAddress(true);
        socket.bind(new java.net.InetSocketAddress(port));
        return port;
      } catch (IOException busy) {
        // taken: try another
      }
    }
    throw new IllegalStateException("No free port between " + LOWEST_PORT + " and " + below);
  }

  /** The low end of the kernel's ephemeral ports (32768 where it cannot be read). */
  static int ephemeralLow() {
    try {
      var range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
      int low = Integer.parseInt(range.split("\\s+")[0]);
      return low > LOWEST_PORT + 1000 ? low : 32_768;
    } catch (IOException | RuntimeException e) {
      return 32_768;
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
