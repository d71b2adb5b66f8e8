package org.mdmaat.safety.vitals;

import java.time.Instant;
import java.util.UUID;

public record VitalSignView(
    UUID id,
    String sessionId,
    String participantCode,
    String trialId,
    String siteCode,
    Instant measuredAt,
    String measuredOffset,
    Integer systolic,
    Integer diastolic,
    Integer heartRate,
    Double temperatureC,
    Integer spo2,
    SourceKind sourceKind,
    String sourceId,
    String recordedBy,
    Instant recordedAt) {

  static VitalSignView of(VitalSign v) {
    return new VitalSignView(
        v.id,
        v.sessionId,
        v.participantCode,
        v.trialId,
        v.siteCode,
        v.measuredAt,
        v.measuredOffset,
        v.systolic,
        v.diastolic,
        v.heartRate,
        v.temperatureC,
        v.spo2,
        v.sourceKind,
        v.sourceId,
        v.recordedBy,
        v.recordedAt);
  }
}
