package org.mdmaat.safety.vitals;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A trial's own vital-sign action limits, set by its sponsor or an investigator. */
@Entity
@Table(name = "vital_thresholds")
public class VitalThresholds extends PanacheEntityBase {
  @Id
  @Column(name = "trial_id")
  public String trialId;

  @Column(name = "systolic_warn")
  public int systolicWarn;

  @Column(name = "systolic_critical")
  public int systolicCritical;

  @Column(name = "diastolic_warn")
  public int diastolicWarn;

  @Column(name = "diastolic_critical")
  public int diastolicCritical;

  @Column(name = "heart_rate_warn")
  public int heartRateWarn;

  @Column(name = "heart_rate_critical")
  public int heartRateCritical;

  @Column(name = "temperature_warn")
  public double temperatureWarn;

  @Column(name = "temperature_critical")
  public double temperatureCritical;

  @Column(name = "spo2_warn")
  public int spo2Warn;

  @Column(name = "spo2_critical")
  public int spo2Critical;

  @Column(name = "updated_by")
  public String updatedBy;

  @Column(name = "updated_at")
  public Instant updatedAt;
}
