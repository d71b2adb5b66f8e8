package org.mdmaat.session.schedule;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a session is in its lifecycle. A dosing (experimental) session goes SCHEDULED → CHECKED_IN
 * → PRE_DOSE_CHECKS_PASSED → DOSED → (SUPPLEMENTAL_DOSED) → MONITORING → COMPLETED; the other kinds
 * go SCHEDULED → CHECKED_IN → COMPLETED (a follow-up phone contact may complete directly). Any
 * session not yet finished may be ABORTED with a reason; a withdrawal CANCELS sessions not begun.
 */
public enum SessionStatus {
  SCHEDULED,
  CHECKED_IN,
  PRE_DOSE_CHECKS_PASSED,
  DOSED,
  SUPPLEMENTAL_DOSED,
  MONITORING,
  COMPLETED,
  ABORTED,
  CANCELLED;

  private static final Map<SessionStatus, Set<SessionStatus>> DOSING =
      Map.of(
          SCHEDULED, EnumSet.of(CHECKED_IN, ABORTED, CANCELLED),
          CHECKED_IN, EnumSet.of(PRE_DOSE_CHECKS_PASSED, ABORTED),
          PRE_DOSE_CHECKS_PASSED, EnumSet.of(DOSED, ABORTED),
          DOSED, EnumSet.of(SUPPLEMENTAL_DOSED, MONITORING, ABORTED),
          SUPPLEMENTAL_DOSED, EnumSet.of(MONITORING, ABORTED),
          MONITORING, EnumSet.of(COMPLETED, ABORTED));

  private static final Map<SessionStatus, Set<SessionStatus>> OTHER =
      Map.of(
          SCHEDULED, EnumSet.of(CHECKED_IN, ABORTED, CANCELLED),
          CHECKED_IN, EnumSet.of(COMPLETED, ABORTED));

  /** Whether a session of {@code kind} may move from this status to {@code next}. */
  public boolean allows(SessionKind kind, SessionStatus next) {
    if (kind == SessionKind.FOLLOW_UP_CONTACT && this == SCHEDULED && next == COMPLETED) {
      return true;
    }
    var table = kind == SessionKind.EXPERIMENTAL ? DOSING : OTHER;
    return table.getOrDefault(this, Set.of()).contains(next);
  }
}
