package org.mdmaat.devstack;

import java.util.Locale;

/**
 * One line per step of bringing a server up ("unpacking", "starting", "ready in 4.2 s"), so that a
 * slow first run explains itself. Lines go to standard output; the system property {@code
 * devstack.quiet=true} silences them.
 */
public final class ProgressLog {
  private ProgressLog() {}

  static void step(String component, String message) {
    if (!Boolean.getBoolean("devstack.quiet")) {
      System.out.println("[devstack] " + component + ": " + message);
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
