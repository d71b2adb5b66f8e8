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

/** One line of a site's Schedule I ledger. */
@Entity
@Table(name = "kit_movement")
public class KitMovement extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "site_code")
  public String siteCode;

  @Column(name = "kit_code")
  public String kitCode;

  @Enumerated(EnumType.STRING)
  public MovementKind kind;

  @Column(name = "mg_hcl")
  public BigDecimal mgHcl;

  /** "MDMA" or "PLACEBO", recorded on receipt; shown to pharmacists only. */
  public String arm;

  @Column(name = "dose_id")
  public UUID doseId;

  /** Destruction witnesses, comma-separated. */
  public String witnesses;

  public String note;

  @Column(name = "balance_after")
  public BigDecimal balanceAfter;

  @Column(name = "recorded_by")
  public String recordedBy;

  @Column(name = "recorded_at")
  public Instant recordedAt;
}
