package org.mdmaat.recruitment.unblinding;

import java.time.Instant;
import java.util.UUID;
import org.mdmaat.platform.signature.ElectronicSignature;

/** An unblinding request with its signatures. */
public record UnblindingView(
    UUID id,
    String trialId,
    UnblindingGrounds grounds,
    String reason,
    String dsmbRecommendation,
    UnblindingStatus status,
    String requestedBy,
    Instant requestedAt,
    ElectronicSignature requestSignature,
    String decidedBy,
    Instant decidedAt,
    String decisionReason,
    ElectronicSignature decisionSignature) {}
