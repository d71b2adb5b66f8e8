package org.mdmaat.auditverifier;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code java -jar audit-verifier.jar EXPORT_DIR...}: each directory is one service's export (see
 * {@link OfflineVerifier}), or holds one such directory per service. Prints a line per service,
 * INTACT or the first broken entry; exits 0 when all are intact, 1 when one is broken, 2 when the
 * export cannot be read.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println("usage: java -jar audit-verifier.jar EXPORT_DIR...");
      return 2;
    }
    try {
      boolean intact = true;
      for (var dir : services(args)) {
        var result = OfflineVerifier.verify(dir);
        out.println(result.line());
        intact &= result.intact();
      }
      return intact ? 0 : 1;
    } catch (RuntimeException e) {
      err.println("cannot verify: " + e.getMessage());
      return 2;
    }
  }

  private static List<Path> services(String[] args) {
    var dirs = new ArrayList<Path>();
    for (var arg : args) {
      var dir = Path.of(arg);
      if (Files.exists(dir.resolve("entries.ndjson"))) {
        dirs.add(dir);
        continue;
      }
      try (Stream<Path> children = Files.list(dir)) {
        children
            .filter(child -> Files.exists(child.resolve("entries.ndjson")))
            .sorted()
            .forEach(dirs::add);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot read " + dir, e);
      }
      if (dirs.isEmpty()) {
        throw new IllegalArgumentException(dir + " holds no service export (entries.ndjson)");
      }
    }
    return dirs;
  }
}
