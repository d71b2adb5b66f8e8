package org.mdmaat.outcomes.blinding;

/** Which arm someone believes the participant is in. */
public enum Guess {
  MDMA,
  PLACEBO,
  DONT_KNOW
}
