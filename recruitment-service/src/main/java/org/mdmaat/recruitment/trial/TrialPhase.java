package org.mdmaat.recruitment.trial;

/** ClinicalTrials.gov study phases. */
public enum TrialPhase {
  EARLY_PHASE_1,
  PHASE_1,
  PHASE_1_2,
  PHASE_2,
  PHASE_2_3,
  PHASE_3,
  PHASE_4
}
