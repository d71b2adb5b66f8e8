package org.mdmaat.recruitment.participant;

/**
 * What an eligibility signature rests on besides the investigator's judgement: outcomes-service's
 * screening CAPS-5 of the candidate and the trial's threshold it met when signed.
 */
record ScreeningEvidence(
    String assessmentId, int total, int minTotal, boolean ptsdDiagnosis, String ratedBy) {}
