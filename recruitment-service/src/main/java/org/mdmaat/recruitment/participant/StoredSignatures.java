package org.mdmaat.recruitment.participant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.LinkedHashMap;
import org.mdmaat.platform.signature.ElectronicSignature;
import org.mdmaat.platform.signature.SignatureMeaning;
import org.mdmaat.platform.signature.SignedRecord;

/** A participant's signatures, kept as JSON beside the record, and the records they sign. */
final class StoredSignatures {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
          .build();

  private StoredSignatures() {}

  /**
   * What an investigator signs as eligible: who, in which trial and site, the decision, and the
   * screening CAPS-5 (and threshold) it rests on.
   */
  static SignedRecord eligibilityRecord(Participant p, ScreeningEvidence screening) {
    var content = new LinkedHashMap<String, Object>();
    content.put("participantCode", p.code);
    content.put("trialId", p.trialId);
    content.put("siteCode", p.siteCode);
    content.put("decision", "ELIGIBLE");
    content.put("screeningCaps5AssessmentId", screening.assessmentId());
    content.put("screeningCaps5Total", screening.total());
    content.put("screeningCaps5MinTotal", screening.minTotal());
    content.put("ptsdDiagnosis", screening.ptsdDiagnosis());
    content.put("screeningCaps5RatedBy", screening.ratedBy());
    return new SignedRecord("ParticipantEligibility", p.code, content);
  }

  /** What an investigator signs to break one participant's blind, and why. */
  static SignedRecord emergencyUnblindingRecord(Participant p, String kitCode, String reason) {
    var content = new LinkedHashMap<String, Object>();
    content.put("participantCode", p.code);
    content.put("trialId", p.trialId);
    content.put("siteCode", p.siteCode);
    content.put("kitCode", kitCode);
    content.put("reason", reason);
    return new SignedRecord("EmergencyUnblinding", p.code, content);
  }

  static String write(ElectronicSignature signature) {
    try {
      return JSON.writeValueAsString(signature);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a signature", e);
    }
  }

  /**
   * The eligibility signature of {@code p}; for a participant signed before whole signatures were
   * kept, what was recorded then (no id, login time or hash).
   */
  static ElectronicSignature eligibility(Participant p) {
    if (p.eligibilitySignature != null) {
      return read(p.eligibilitySignature);
    }
    if (p.eligibilitySignedAt == null) {
      return null;
    }
    return new ElectronicSignature(
        null,
        p.eligibilitySignedBy,
        p.eligibilitySignerName,
        SignatureMeaning.valueOf(p.eligibilityMeaning),
        p.eligibilitySignedAt,
        null,
        "ParticipantEligibility",
        p.code,
        null);
  }

  static ElectronicSignature read(String text) {
    if (text == null) {
      return null;
    }
    try {
      return JSON.readValue(text, ElectronicSignature.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored signature cannot be read", e);
    }
  }
}
