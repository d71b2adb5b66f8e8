package org.mdmaat.devstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A server running as a child process, its output in a log file. Stopping it stops its whole
 * process tree (Keycloak's launcher script runs a JVM). The pids go to a file so that a process
 * left behind by a JVM that was killed outright is stopped by the next start in the same directory.
 */
final class ChildProcess {
  private final String name;
  private final Process process;
  private final Path log;
  private final Path pidFile;

  private ChildProcess(String name, Process process, Path log, Path pidFile) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.pidFile = pidFile;
  }

  /**
   * Starts {@code command} in {@code dir}, appending its output to {@code log}. Processes recorded
   * in {@code dir/<name>.pids} whose command line mentions {@code dir} are stopped first.
   */
  static ChildProcess start(
      String name,
      List<String> command,
      Path dir,
      Path log,
      Consumer<Map<String, String>> environment) {
    var pidFile = dir.resolve(name + ".pids");
    stopLeftovers(name, pidFile, dir.toString());
    try {
      Files.createDirectories(log.getParent());
      var builder =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      environment.accept(builder.environment());
      var child = new ChildProcess(name, builder.start(), log, pidFile);
      child.recordPids();
      return child;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + name + ": " + command, e);
    }
  }

  /** Records the process and its current descendants (call again once the tree is complete). */
  void recordPids() {
    var pids =
        tree(process.toHandle()).stream()
            .map(p -> Long.toString(p.pid()))
            .collect(Collectors.joining("\n"));
    Workspace.write(pidFile, pids + "\n");
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The exit code, or empty if the process still runs after {@code timeout}. */
  OptionalInt waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
          ? OptionalInt.of(process.exitValue())
          : OptionalInt.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalInt.empty();
    }
  }

  /** Asks the whole tree to terminate, then kills what is still there after {@code grace}. */
  void stop(Duration grace) {
    stopTree(tree(process.toHandle()), grace);
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      // The next start checks the recorded pids anyway.
    }
  }

  /** The last {@code lines} lines of the log, to explain a failed start. */
  String logTail(int lines) {
    try {
      var all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }

  /**
   * Descendants are collected before anything is signalled: an orphan is no longer a descendant.
   */
  private static List<ProcessHandle> tree(ProcessHandle root) {
    var all = new ArrayList<ProcessHandle>();
    all.add(root);
    root.descendants().forEach(all::add);
    return all;
  }

  private static void stopTree(List<ProcessHandle> processes, Duration grace) {
    processes.forEach(ProcessHandle::destroy);
    var deadline = System.nanoTime() + grace.toNanos();
    for (var p : processes) {
      var left = Math.max(0, deadline - System.nanoTime());
      try {
        p.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (TimeoutException | ExecutionException e) {
        p.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
    for (var p : processes) {
      try {
        p.onExit().get(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | TimeoutException e) {
        // Nothing more can be done than SIGKILL.
      }
    }
  }

  private static void stopLeftovers(String component, Path pidFile, String marker) {
    if (!Files.exists(pidFile)) {
      return;
    }
    try {
      var pids = new ArrayList<Long>();
      for (var line : Files.readAllLines(pidFile)) {
        if (!line.isBlank()) {
          pids.add(Long.parseLong(line.trim()));
        }
      }
      stopLeftovers(component, pids, marker);
      Files.deleteIfExists(pidFile);
    } catch (IOException | NumberFormatException e) {
      // A damaged pid file: nothing reliable to stop.
    }
  }

  /**
   * Stops those of {@code pids} that still run a command mentioning {@code marker} (a directory
   * only our server uses): a server left behind by a JVM that was killed without its shutdown
   * hooks. A recycled pid that now belongs to something else does not match.
   */
  static void stopLeftovers(String component, List<Long> pids, String marker) {
    var leftovers = new ArrayList<ProcessHandle>();
    for (var pid : pids) {
      ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
          .ifPresent(leftovers::add);
    }
    if (!leftovers.isEmpty()) {
      ProgressLog.step(component, "stopping processes left behind in " + marker + ": " + leftovers);
      stopTree(leftovers, Duration.ofSeconds(20));
    }
  }
}
