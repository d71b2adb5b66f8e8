package org.mdmaat.outcomes.blinding;

/** Whose guess it is: blinding is measured separately for each. */
public enum Guesser {
  PARTICIPANT,
  THERAPIST,
  RATER
}
