package org.mdmaat.safety.adverse;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.mdmaat.platform.signature.SignedRecord;

/**
 * What an investigator signs with a follow-up: the version it makes of the adverse event, with the
 * causality (relatedness) and expectedness judgements, the other facts restated with them (the
 * categories, the awareness date and a grade 4 confirmation included), the narrative and the
 * reason, exactly as stored. Record type {@value #RECORD_TYPE}, id {@code <adverse event
 * id>/<version>}: each follow-up is its own signed record.
 */
public record SignedFollowUp(
    UUID adverseEventId,
    int version,
    Relatedness relatedness,
    boolean expected,
    String term,
    List<AdverseEventCategory> categories,
    Instant onsetAt,
    Instant awarenessAt,
    int grade,
    boolean nonSeriousGradeConfirmed,
    List<SeriousnessCriterion> seriousness,
    AdverseEventOutcome outcome,
    String description,
    String reason) {

  public static final String RECORD_TYPE = "AdverseEventFollowUp";

  public static String recordId(UUID adverseEventId, int version) {
    return adverseEventId + "/" + version;
  }

  /** The signed record of follow-up {@code version} of {@code adverseEventId}. */
  public static SignedRecord of(
      UUID adverseEventId, int version, AdverseEventDetails details, String reason) {
    // As AdverseEvent stores them: onset to the microsecond, criteria in their declared order.
    var criteria = EnumSet.noneOf(SeriousnessCriterion.class);
    criteria.addAll(details.seriousness());
    return new SignedRecord(
        RECORD_TYPE,
        recordId(adverseEventId, version),
        new SignedFollowUp(
            adverseEventId,
            version,
            details.relatedness(),
            details.expected(),
            details.term(),
            List.copyOf(details.allCategories()),
            details.onset().toInstant().truncatedTo(ChronoUnit.MICROS),
            details.awareness().toInstant().truncatedTo(ChronoUnit.MICROS),
            details.grade(),
            details.gradeConfirmed(),
            List.copyOf(criteria),
            details.outcome(),
            details.description(),
            reason));
  }
}
