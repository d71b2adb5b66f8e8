package org.mdmaat.contracts.events;

import java.time.Instant;

/** The trial's ClinicalTrials.gov recruitment status changed, e.g. RECRUITING to SUSPENDED. */
public record TrialStatusChanged(
    String trialId, String previousStatus, String status, String reason, Instant changedAt) {}
