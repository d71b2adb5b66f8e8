package org.mdmaat.recruitment.eligibility;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The answer to a pre-screen: the result and every criterion that failed or needs review. */
public record PreScreenView(
    UUID id,
    String trialId,
    UUID recruitmentCallId,
    Result result,
    List<Finding> findings,
    boolean contactKept,
    Instant submittedAt) {}
