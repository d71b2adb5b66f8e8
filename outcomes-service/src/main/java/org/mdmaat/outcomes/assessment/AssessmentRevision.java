package org.mdmaat.outcomes.assessment;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Every version of an assessment, the first included; never changed once written. */
@Entity
@Table(name = "assessment_revision")
public class AssessmentRevision extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "assessment_id")
  public UUID assessmentId;

  public int revision;
  public String responses;
  public int total;
  public String subscales;
  public String band;
  public String flags;

  @Column(name = "administered_at")
  public Instant administeredAt;

  @Column(name = "recorded_by")
  public String recordedBy;

  @Column(name = "recorded_at")
  public Instant recordedAt;

  public String reason;

  static AssessmentRevision of(Assessment assessment) {
    var revision = new AssessmentRevision();
    revision.id = UUID.randomUUID();
    revision.assessmentId = assessment.id;
    revision.revision = assessment.revision;
    revision.responses = assessment.responses;
    revision.total = assessment.total;
    revision.subscales = assessment.subscales;
    revision.band = assessment.band;
    revision.flags = assessment.flags;
    revision.administeredAt = assessment.administeredAt;
    revision.recordedBy = assessment.recordedBy;
    revision.recordedAt = assessment.recordedAt;
    revision.reason = assessment.reason;
    return revision;
  }
}
