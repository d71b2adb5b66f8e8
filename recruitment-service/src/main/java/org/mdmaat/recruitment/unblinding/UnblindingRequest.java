package org.mdmaat.recruitment.unblinding;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One person's signed request to unblind a whole trial, and a second person's signed decision. The
 * signatures are stored as JSON ({@code ElectronicSignature}).
 */
@Entity
@Table(name = "unblinding_request")
public class UnblindingRequest extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "trial_id")
  public String trialId;

  @Enumerated(EnumType.STRING)
  public UnblindingGrounds grounds;

  public String reason;

  @Column(name = "dsmb_recommendation")
  public String dsmbRecommendation;

  @Enumerated(EnumType.STRING)
  public UnblindingStatus status;

  @Column(name = "requested_by")
  public String requestedBy;

  @Column(name = "requested_at")
  public Instant requestedAt;

  @Column(name = "request_signature")
  public String requestSignature;

  @Column(name = "decided_by")
  public String decidedBy;

  @Column(name = "decided_at")
  public Instant decidedAt;

  @Column(name = "decision_reason")
  public String decisionReason;

  @Column(name = "decision_signature")
  public String decisionSignature;

  @Version public long version;

  /** What the requester signs: the request as made, nothing that changes later. */
  Map<String, Object> signedContent() {
    var content = new LinkedHashMap<String, Object>();
    content.put("trialId", trialId);
    content.put("grounds", grounds.name());
    content.put("reason", reason);
    content.put("dsmbRecommendation", dsmbRecommendation);
    content.put("requestedBy", requestedBy);
    return content;
  }
}
