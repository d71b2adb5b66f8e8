package org.mdmaat.safety.adverse;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import org.mdmaat.platform.signature.ElectronicSignature;
import org.mdmaat.safety.signing.StoredSignature;

/**
 * The current version of an adverse event; {@code signature} is the investigator's signature of the
 * follow-up that made it (null for the first report).
 */
public record AdverseEventView(
    UUID id,
    int version,
    String participantCode,
    String trialId,
    String siteCode,
    String sessionId,
    String term,
    Set<AdverseEventCategory> categories,
    Instant onsetAt,
    Instant awarenessAt,
    int grade,
    String nonSeriousConfirmedBy,
    Set<SeriousnessCriterion> seriousness,
    boolean serious,
    Relatedness relatedness,
    boolean expected,
    AdverseEventOutcome outcome,
    String description,
    String reportedBy,
    Instant reportedAt,
    String updatedBy,
    Instant updatedAt,
    boolean expeditedReportRequired,
    LocalDate expeditedReportDue,
    Instant expeditedReportSubmittedAt,
    String expeditedReportReference,
    ElectronicSignature signature) {

  public static AdverseEventView of(AdverseEvent e) {
    return new AdverseEventView(
        e.id,
        e.version,
        e.participantCode,
        e.trialId,
        e.siteCode,
        e.sessionId,
        e.term,
        e.categories(),
        e.onsetAt,
        e.awarenessAt,
        e.grade,
        e.nonSeriousConfirmedBy,
        e.criteria(),
        e.serious,
        e.relatedness,
        e.expected,
        e.outcome,
        e.description,
        e.reportedBy,
        e.reportedAt,
        e.updatedBy,
        e.updatedAt,
        e.expeditedDue != null,
        e.expeditedDue,
        e.expeditedSubmittedAt,
        e.expeditedReference,
        StoredSignature.shown(
            e.signature, SignedFollowUp.RECORD_TYPE, SignedFollowUp.recordId(e.id, e.version)));
  }
}
