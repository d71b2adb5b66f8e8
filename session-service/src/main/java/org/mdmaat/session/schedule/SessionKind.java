package org.mdmaat.session.schedule;

/** The kinds of protocol session in a participant's schedule. */
public enum SessionKind {
  PREPARATION,
  /** A dosing session: run by two therapists, with the pre-dose checklist and doses. */
  EXPERIMENTAL,
  INTEGRATION,
  /** A daily phone contact in the week after an experimental session. */
  FOLLOW_UP_CONTACT
}
