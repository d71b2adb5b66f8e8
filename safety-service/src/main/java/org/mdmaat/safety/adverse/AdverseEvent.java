package org.mdmaat.safety.adverse;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.mdmaat.safety.signing.StoredSignature;

/** The current version of an adverse event; each version is kept in AdverseEventVersion. */
@Entity
@Table(name = "adverse_event")
public class AdverseEvent extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "participant_code")
  public String participantCode;

  @Column(name = "trial_id")
  public String trialId;

  @Column(name = "site_code")
  public String siteCode;

  @Column(name = "session_id")
  public String sessionId;

  public int version;
  public String term;

  /** Comma-separated AdverseEventCategory names, at least one. */
  @Column(name = "categories")
  public String categoryNames;

  @Column(name = "onset_at")
  public Instant onsetAt;

  /** When the reporter became aware of this version's facts; expedited clocks count from it. */
  @Column(name = "awareness_at")
  public Instant awarenessAt;

  /** The investigator who confirmed that a grade 4 event meets no seriousness criterion. */
  @Column(name = "non_serious_confirmed_by")
  public String nonSeriousConfirmedBy;

  public int grade;

  /** Comma-separated SeriousnessCriterion names; empty when not serious. */
  public String seriousness;

  public boolean serious;

  @Enumerated(EnumType.STRING)
  public Relatedness relatedness;

  public boolean expected;

  @Enumerated(EnumType.STRING)
  public AdverseEventOutcome outcome;

  public String description;

  @Column(name = "reported_by")
  public String reportedBy;

  @Column(name = "reported_at")
  public Instant reportedAt;

  @Column(name = "updated_by")
  public String updatedBy;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Column(name = "expedited_due")
  public LocalDate expeditedDue;

  @Column(name = "expedited_submitted_at")
  public Instant expeditedSubmittedAt;

  @Column(name = "expedited_submitted_by")
  public String expeditedSubmittedBy;

  @Column(name = "expedited_reference")
  public String expeditedReference;

  /** The signature of the follow-up that made this version; null for the first report. */
  @Embedded public StoredSignature signature;

  public Set<AdverseEventCategory> categories() {
    var all = EnumSet.noneOf(AdverseEventCategory.class);
    if (categoryNames != null && !categoryNames.isBlank()) {
      Arrays.stream(categoryNames.split(",")).map(AdverseEventCategory::valueOf).forEach(all::add);
    }
    return all;
  }

  void categories(Set<AdverseEventCategory> categories) {
    var sorted = EnumSet.noneOf(AdverseEventCategory.class);
    sorted.addAll(categories);
    categoryNames = sorted.stream().map(Enum::name).collect(Collectors.joining(","));
  }

  public Set<SeriousnessCriterion> criteria() {
    if (seriousness == null || seriousness.isBlank()) {
      return EnumSet.noneOf(SeriousnessCriterion.class);
    }
    return Arrays.stream(seriousness.split(","))
        .map(SeriousnessCriterion::valueOf)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(SeriousnessCriterion.class)));
  }

  void criteria(Set<SeriousnessCriterion> criteria) {
    var sorted = EnumSet.noneOf(SeriousnessCriterion.class);
    sorted.addAll(criteria);
    seriousness = sorted.stream().map(Enum::name).collect(Collectors.joining(","));
    serious = !sorted.isEmpty();
  }

  /** Fatal or life-threatening: the 7-day clock applies. */
  public boolean fatalOrLifeThreatening() {
    return criteria().stream().anyMatch(SeriousnessCriterion::shortensReportClock);
  }

  /** Serious, unexpected and suspected: an expedited IND safety report is owed. */
  public boolean needsExpeditedReport() {
    return serious && !expected && relatedness.suspected();
  }
}
