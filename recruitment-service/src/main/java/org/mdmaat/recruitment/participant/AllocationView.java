package org.mdmaat.recruitment.participant;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A participant's allocation: the kit code for everyone, the arm only for unblinded callers. */
public record AllocationView(
    String participantCode,
    String trialId,
    String siteCode,
    String stratum,
    String kitCode,
    @JsonInclude(JsonInclude.Include.NON_NULL) String arm,
    Instant randomizedAt) {}
