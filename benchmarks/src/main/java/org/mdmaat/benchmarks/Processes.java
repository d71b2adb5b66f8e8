package org.mdmaat.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Resident memory of the service JVMs devstack started, read from /proc (Linux). */
final class Processes {
  private Processes() {}

  /**
   * The resident set in MB of the process whose command line contains every one of {@code parts}
   * (with its descendants' none: a service is one JVM); NaN when there is none or no /proc.
   */
  static double rssMb(String... parts) {
    var pid = find(parts);
    if (pid.isEmpty()) {
      return Double.NaN;
    }
    try {
      for (var line :
          Files.readAllLines(Path.of("/proc", Long.toString(pid.getAsLong()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return parseKb(line) / 1024.0;
        }
      }
    } catch (IOException e) {
      // gone
    }
    return Double.NaN;
  }

  static long parseKb(String vmRssLine) {
    return Long.parseLong(vmRssLine.replaceAll("[^0-9]", ""));
  }

  private static OptionalLong find(String... parts) {
    return ProcessHandle.allProcesses()
        .filter(
            p -> {
              var cmdline = cmdline(p.pid());
              for (var part : parts) {
                if (!cmdline.contains(part)) {
                  return false;
                }
              }
              return true;
            })
        .mapToLong(ProcessHandle::pid)
        .findFirst();
  }

  private static String cmdline(long pid) {
    try {
      return new String(
              Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
              StandardCharsets.UTF_8)
          .replace('\0', ' ');
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
