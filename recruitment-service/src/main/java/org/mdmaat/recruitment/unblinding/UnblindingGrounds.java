package org.mdmaat.recruitment.unblinding;

/** Why a whole trial may be unblinded: nothing else allows it. */
public enum UnblindingGrounds {
  /** The outcome data is locked (after the last participant's primary endpoint). */
  DATA_LOCK,
  /** The DSMB recommends stopping the trial early; a DSMB member makes the request. */
  DSMB_EARLY_STOP
}
