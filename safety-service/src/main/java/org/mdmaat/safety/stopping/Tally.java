package org.mdmaat.safety.stopping;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Related serious adverse events counted for the trial and per arm. An event of a participant whose
 * arm was never disclosed to safety-service counts in every arm: a stopping rule errs towards
 * stopping, never towards a missed signal. With no arm known at all, one group holds every event.
 */
record Tally(long total, Map<String, Long> byArm) {
  static final String UNKNOWN_ARM = "UNKNOWN";

  static Tally of(Map<String, Long> byParticipant, List<TrialArm> arms) {
    var armOf = new HashMap<String, String>();
    arms.forEach(a -> armOf.put(a.participantCode, a.arm));
    var byArm = new TreeMap<String, Long>();
    armOf.values().forEach(arm -> byArm.put(arm, 0L));
    long total = 0;
    long unknown = 0;
    for (var entry : byParticipant.entrySet()) {
      total += entry.getValue();
      var arm = armOf.get(entry.getKey());
      if (arm == null) {
        unknown += entry.getValue();
      } else {
        byArm.merge(arm, entry.getValue(), Long::sum);
      }
    }
    if (byArm.isEmpty()) {
      byArm.put(UNKNOWN_ARM, 0L);
    }
    final long unallocated = unknown;
    byArm.replaceAll((arm, count) -> count + unallocated);
    return new Tally(total, byArm);
  }

  /** What fired the rule, or null when its limit is not reached. */
  Reached reached(StoppingRule rule) {
    if (rule.countBy == StoppingRule.CountBy.TRIAL) {
      return total >= rule.relatedSeriousEvents ? new Reached(total, null) : null;
    }
    // The arm with the highest count (the first by name on a tie).
    Map.Entry<String, Long> highest = null;
    for (var entry : byArm.entrySet()) {
      if (highest == null || entry.getValue() > highest.getValue()) {
        highest = entry;
      }
    }
    return highest != null && highest.getValue() >= rule.relatedSeriousEvents
        ? new Reached(highest.getValue(), highest.getKey())
        : null;
  }

  record Reached(long count, String arm) {}
}
