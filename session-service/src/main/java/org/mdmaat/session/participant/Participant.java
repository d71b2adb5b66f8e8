package org.mdmaat.session.participant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A randomized participant as recruitment-service announced it: enough to schedule, scope and
 * dispense (code, trial, site, kit code). Names and the arm never come here.
 */
@Entity
@Table(name = "participant")
public class Participant extends PanacheEntityBase {
  public static final String ACTIVE = "ACTIVE";
  public static final String WITHDRAWN = "WITHDRAWN";

  @Id
  @Column(name = "participant_code")
  public String participantCode;

  @Column(name = "trial_id")
  public String trialId;

  @Column(name = "site_code")
  public String siteCode;

  @Column(name = "kit_code")
  public String kitCode;

  public String stratum;
  public String status;

  /** The site's time zone: windows and dosing days are its calendar days. */
  @Column(name = "time_zone")
  public String timeZone;

  @Column(name = "randomized_at")
  public Instant randomizedAt;

  @Column(name = "withdrawn_at")
  public Instant withdrawnAt;
}
