package org.mdmaat.safety.vitals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.mdmaat.platform.signature.ElectronicSignature;
import org.mdmaat.safety.alert.AlertLevel;

/**
 * The limits in force for a trial (trial-wide, {@code siteCode} null) or at one of its sites (the
 * trial's, made stricter where the site's override says so). A value at or above an upper limit, or
 * at or below a lower one, alerts.
 *
 * @param limits every limit, set
 * @param trialDefault the trial has set no limits of its own: the configured defaults apply
 * @param defaulted the limits taken from the configured defaults (all of them when {@code
 *     trialDefault}; the lower limits of a trial that set its limits before they existed)
 * @param siteStricter the limits the site's override makes stricter than the trial's
 * @param version the trial's setting's version (0: none)
 * @param signature the sponsor's signature of the trial's current setting
 */
public record ThresholdsView(
    String trialId,
    String siteCode,
    VitalLimits limits,
    boolean trialDefault,
    List<String> defaulted,
    List<String> siteStricter,
    int version,
    String reason,
    String updatedBy,
    Instant updatedAt,
    ElectronicSignature signature) {

  /** The alert level a value of {@code kind} reaches, if any. */
  public Optional<AlertLevel> level(VitalKind kind, double value) {
    var level = Optional.<AlertLevel>empty();
    for (var l : Limit.values()) {
      if (l.vital() != kind) {
        continue;
      }
      var limit = limits.get(l);
      if (limit == null) {
        continue;
      }
      boolean reached = l.upper() ? value >= limit : value <= limit;
      if (reached && (level.isEmpty() || l.level() == AlertLevel.CRITICAL)) {
        level = Optional.of(l.level());
      }
    }
    return level;
  }

  /** Whether a value of {@code kind} is at or below one of its lower limits. */
  public boolean low(VitalKind kind, double value) {
    for (var l : Limit.values()) {
      var limit = limits.get(l);
      if (l.vital() == kind && !l.upper() && limit != null && value <= limit) {
        return true;
      }
    }
    return false;
  }
}
