package org.mdmaat.outcomes.instrument;

/**
 * Which way an instrument's total improves: symptom scales (CAPS-5, PCL-5, BDI-II) are better
 * LOWER, the working alliance (WAI-SR) HIGHER. Effect sizes take their sign from it.
 */
public enum BetterWhen {
  LOWER,
  HIGHER
}
