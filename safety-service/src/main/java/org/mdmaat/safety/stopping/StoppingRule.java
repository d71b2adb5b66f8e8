package org.mdmaat.safety.stopping;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * A trial's stopping rule: when the trial (or, counting by arm, any one arm) counts this many
 * serious adverse events suspected to be related to the study drug, enrollment pauses and/or dosing
 * is held. Fires at most once.
 */
@Entity
@Table(name = "stopping_rule")
public class StoppingRule extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "trial_id")
  public String trialId;

  public String name;

  @Column(name = "related_serious_events")
  public int relatedSeriousEvents;

  @Enumerated(EnumType.STRING)
  @Column(name = "count_by")
  public CountBy countBy;

  @Column(name = "pauses_enrollment")
  public boolean pausesEnrollment;

  @Column(name = "holds_dosing")
  public boolean holdsDosing;

  @Column(name = "created_by")
  public String createdBy;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "fired_at")
  public Instant firedAt;

  /** The count that fired it (of the arm that reached it, for a rule counting by arm). */
  @Column(name = "fired_count")
  public Integer firedCount;

  /** The arm whose count fired a rule counting by arm: for the DSMB's eyes only. */
  @Column(name = "fired_arm")
  public String firedArm;

  Set<Suspension> suspends() {
    var s = EnumSet.noneOf(Suspension.class);
    if (pausesEnrollment) {
      s.add(Suspension.ENROLLMENT);
    }
    if (holdsDosing) {
      s.add(Suspension.DOSING);
    }
    return s;
  }

  /** What a rule counts. */
  public enum CountBy {
    /** Every related serious event of the trial. */
    TRIAL,
    /** Each arm's separately (the DSMB's view); the rule fires when one arm reaches the limit. */
    ARM
  }

  /** What a fired rule suspends. */
  public enum Suspension {
    ENROLLMENT,
    /** Every participant of the trial is held (the safety gate refuses their doses). */
    DOSING
  }
}
