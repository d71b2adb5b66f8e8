package org.mdmaat.devstack;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One line per step of bringing a server up ("unpacking", "starting", "ready in 4.2 s"), so that a
 * slow first run explains itself. Lines go to standard output unless another sink is set; the
 * system property {@code devstack.quiet=true} silences them.
 */
public final class ProgressLog {
  private static volatile Consumer<String> sink = System.out::println;

  private ProgressLog() {}

  /**
   * Sends progress lines to {@code sink} instead of standard output (the launcher's console, say).
   */
  public static void setSink(Consumer<String> sink) {
    ProgressLog.sink = Objects.requireNonNull(sink);
  }

  static void step(String component, String message) {
    if (!Boolean.getBoolean("devstack.quiet")) {
      sink.accept("[devstack] " + component + ": " + message);
    }
  }

  /** Logs {@code message} followed by the seconds elapsed since {@code startNanos}. */
  static void done(String component, String message, long startNanos) {
    step(component, message + " in " + seconds(startNanos) + " s");
  }

  static String seconds(long startNanos) {
    return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startNanos) / 1e9);
  }
}
