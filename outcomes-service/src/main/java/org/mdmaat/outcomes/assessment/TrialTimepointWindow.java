package org.mdmaat.outcomes.assessment;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One setting of a trial's window for one timepoint, by the trial's sponsor; never changed. The
 * highest revision is the setting in force, the rest its history. Offsets are days from the
 * timepoint's anchor (the protocol's); 0 is a value. Target and earliest are null only for BASELINE
 * (no target, open start).
 */
@Entity
@Table(name = "trial_timepoint_window")
public class TrialTimepointWindow extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "trial_id")
  public String trialId;

  @Enumerated(EnumType.STRING)
  public Timepoint timepoint;

  public int revision;

  @Column(name = "target_days")
  public Integer targetDays;

  @Column(name = "earliest_days")
  public Integer earliestDays;

  @Column(name = "latest_days")
  public int latestDays;

  public String reason;

  @Column(name = "set_by")
  public String setBy;

  @Column(name = "set_at")
  public Instant setAt;

  /** The window this setting puts in force. */
  public TimepointWindow window() {
    return new TimepointWindow(timepoint, revision, targetDays, earliestDays, latestDays);
  }
}
