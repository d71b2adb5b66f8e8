package org.mdmaat.safety.followup;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/**
 * A dosing session safety-service was told of (its follow-up schedule, from session-service's
 * FollowUpContactsScheduled when the dose was given). Read here; written by {@link
 * FollowUpService#schedule}.
 */
@Entity
@Table(name = "follow_up_schedule")
public class DosingSession extends PanacheEntityBase {
  @Id
  @Column(name = "session_id")
  public String sessionId;

  @Column(name = "participant_code")
  public String participantCode;

  @Column(name = "trial_id")
  public String trialId;

  @Column(name = "site_code")
  public String siteCode;

  @Column(name = "dosed_on")
  public LocalDate dosedOn;
}
