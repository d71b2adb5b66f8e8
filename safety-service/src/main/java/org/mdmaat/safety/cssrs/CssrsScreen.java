package org.mdmaat.safety.cssrs;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A C-SSRS screen taken in a session: yes/no ideation and behaviour items. */
@Entity
@Table(name = "cssrs_screen")
public class CssrsScreen extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "session_id")
  public String sessionId;

  @Column(name = "participant_code")
  public String participantCode;

  @Column(name = "trial_id")
  public String trialId;

  @Column(name = "site_code")
  public String siteCode;

  @Column(name = "screened_at")
  public Instant screenedAt;

  @Column(name = "wish_to_be_dead")
  public boolean wishToBeDead;

  @Column(name = "active_ideation")
  public boolean activeIdeation;

  @Column(name = "ideation_method")
  public boolean ideationMethod;

  public boolean intent;
  public boolean plan;
  public boolean behaviour;

  /** Intent, plan or behaviour: an urgent safety finding. */
  public boolean positive;

  @Column(name = "recorded_by")
  public String recordedBy;

  @Column(name = "recorded_at")
  public Instant recordedAt;
}
