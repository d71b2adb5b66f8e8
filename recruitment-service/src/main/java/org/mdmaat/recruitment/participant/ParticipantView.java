package org.mdmaat.recruitment.participant;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.mdmaat.platform.signature.ElectronicSignature;

/**
 * A participant as site staff see it. Never carries the arm. {@code sex} and {@code
 * childbearingPotential} are null for participants registered before they were recorded. {@link
 * #redacted()} drops the name and contact details, for the audit trail.
 */
public record ParticipantView(
    String code,
    String trialId,
    String siteCode,
    ParticipantStatus status,
    @JsonInclude(JsonInclude.Include.NON_NULL) String fullName,
    @JsonInclude(JsonInclude.Include.NON_NULL) String email,
    @JsonInclude(JsonInclude.Include.NON_NULL) String phone,
    UUID preScreenId,
    Double weightKg,
    boolean dissociativeSubtype,
    boolean veteran,
    boolean combatExposure,
    boolean traumaticBrainInjury,
    Sex sex,
    Boolean childbearingPotential,
    ElectronicSignature eligibilitySignature,
    String consentFormVersion,
    LocalDate consentDate,
    String consentRecordedBy,
    Instant consentRecordedAt,
    Instant enrolledAt,
    Instant randomizedAt,
    String stratum,
    String kitCode,
    String endedReason,
    Instant emergencyUnblindedAt,
    Instant createdAt,
    Instant updatedAt) {

  public static ParticipantView of(Participant p) {
    return new ParticipantView(
        p.code,
        p.trialId,
        p.siteCode,
        p.status,
        p.fullName,
        p.email,
        p.phone,
        p.preScreenId,
        p.weightKg,
        p.dissociativeSubtype,
        p.veteran,
        p.combatExposure,
        p.traumaticBrainInjury,
        p.sex,
        p.childbearingPotential,
        StoredSignatures.eligibility(p),
        p.consentFormVersion,
        p.consentDate,
        p.consentRecordedBy,
        p.consentRecordedAt,
        p.enrolledAt,
        p.randomizedAt,
        p.stratum,
        p.kitCode,
        p.endedReason,
        p.emergencyUnblindedAt,
        p.createdAt,
        p.updatedAt);
  }

  /** Without name and contact details: what the audit trail keeps. */
  public ParticipantView redacted() {
    return new ParticipantView(
        code,
        trialId,
        siteCode,
        status,
        null,
        null,
        null,
        preScreenId,
        weightKg,
        dissociativeSubtype,
        veteran,
        combatExposure,
        traumaticBrainInjury,
        sex,
        childbearingPotential,
        eligibilitySignature,
        consentFormVersion,
        consentDate,
        consentRecordedBy,
        consentRecordedAt,
        enrolledAt,
        randomizedAt,
        stratum,
        kitCode,
        endedReason,
        emergencyUnblindedAt,
        createdAt,
        updatedAt);
  }
}
