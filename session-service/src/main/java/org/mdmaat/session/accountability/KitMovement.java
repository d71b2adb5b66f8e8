package org.mdmaat.session.accountability;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One line of a site's Schedule I ledger. Lines are ordered by {@link #seq}, taken from a database
 * sequence while the site's ledger is locked; {@link #balanceAfter} is the running balance of the
 * line's content (MDMA or placebo) at the site, continuing line {@link #previousSeq}.
 */
@Entity
@Table(name = "kit_movement")
public class KitMovement extends PanacheEntityBase {
  @Id public UUID id;

  /** The ledger's order (sequence {@code kit_movement_seq}). */
  public Long seq;

  /** The previous line of the same site and content; 0 for the first. */
  @Column(name = "previous_seq")
  public Long previousSeq;

  @Column(name = "site_code")
  public String siteCode;

  @Column(name = "kit_code")
  public String kitCode;

  @Enumerated(EnumType.STRING)
  public MovementKind kind;

  @Column(name = "mg_hcl")
  public BigDecimal mgHcl;

  /** The kit's content; null only on lines written before it was recorded on every line. */
  @Enumerated(EnumType.STRING)
  public KitContent content;

  @Column(name = "dose_id")
  public UUID doseId;

  /** LOST and STOLEN: the DEA Form 106 (or initial notification) reference. */
  @Column(name = "report_reference")
  public String reportReference;

  @Column(name = "discovered_at")
  public Instant discoveredAt;

  public String description;

  /** Free-text witness names of destructions recorded before witnesses signed; read only. */
  public String witnesses;

  public String note;

  @Column(name = "balance_after")
  public BigDecimal balanceAfter;

  /** The site's balance over all kits that lines written before V5 carried; read only. */
  @Column(name = "site_balance_before_v5", insertable = false, updatable = false)
  public BigDecimal siteBalanceBeforeV5;

  @Column(name = "recorded_by")
  public String recordedBy;

  @Column(name = "recorded_at")
  public Instant recordedAt;
}
