package org.mdmaat.recruitment.trial;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A sponsor's trial. The rule set, regimen and visit template are stored as JSON documents (see
 * {@link TrialDocuments}); the randomization seed is concealed and never leaves the service.
 */
@Entity
@Table(name = "trial")
public class Trial extends PanacheEntityBase {
  @Id public String id;

  public String sponsor;

  @Column(name = "protocol_code")
  public String protocolCode;

  public String title;
  public String phase;
  public String condition;

  @Column(name = "target_enrollment")
  public int targetEnrollment;

  @Enumerated(EnumType.STRING)
  public TrialStatus status;

  @Column(name = "eligibility_rule_set")
  public String eligibilityRuleSet;

  @Column(name = "eligibility_rules")
  public String eligibilityRules;

  /**
   * The least screening CAPS-5 total an eligibility signature accepts (MAPP1 35, MAPP2 28), set by
   * the sponsor; null while unset, and then no candidate can be signed eligible.
   */
  @Column(name = "screening_caps5_min_total")
  public Integer screeningCaps5MinTotal;

  @Column(name = "block_sizes")
  public String blockSizes;

  @Column(name = "stratify_by_subtype")
  public boolean stratifyBySubtype;

  @Enumerated(EnumType.STRING)
  @Column(name = "seed_handling")
  public SeedHandling seedHandling;

  @Column(name = "randomization_seed")
  public String randomizationSeed;

  public String regimen;

  @Column(name = "visit_template")
  public String visitTemplate;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "unblinded_at")
  public Instant unblindedAt;

  @Column(name = "unblinded_by")
  public String unblindedBy;

  @Column(name = "unblinding_reason")
  public String unblindingReason;

  /** When outcomes-service locked the outcome data; null while it is not locked. */
  @Column(name = "outcome_data_locked_at")
  public Instant outcomeDataLockedAt;

  @Column(name = "outcome_data_lock_changed_at")
  public Instant outcomeDataLockChangedAt;

  /** The approved two-person request that unblinded the trial. */
  @Column(name = "unblinding_request_id")
  public java.util.UUID unblindingRequestId;

  @Version public long version;

  public boolean blinded() {
    return unblindedAt == null;
  }
}
