package org.mdmaat.safety.vitals;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.mdmaat.safety.signing.StoredSignature;

/**
 * A trial's own vital-sign action limits, set by its sponsor with an electronic signature. The
 * lower limits are null on a row set before they existed (V7): the configured defaults stand for
 * them until the sponsor sets them, and the answer names them.
 */
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

  @Column(name = "systolic_low_warn")
  public Integer systolicLowWarn;

  @Column(name = "systolic_low_critical")
  public Integer systolicLowCritical;

  @Column(name = "diastolic_low_warn")
  public Integer diastolicLowWarn;

  @Column(name = "diastolic_low_critical")
  public Integer diastolicLowCritical;

  @Column(name = "heart_rate_low_warn")
  public Integer heartRateLowWarn;

  @Column(name = "heart_rate_low_critical")
  public Integer heartRateLowCritical;

  @Column(name = "temperature_low_warn")
  public Double temperatureLowWarn;

  @Column(name = "temperature_low_critical")
  public Double temperatureLowCritical;

  /** Counts the trial's settings: 1 for the first. */
  public int version;

  public String reason;

  /** The sponsor's signature; null on a row set before V7. */
  @Embedded public StoredSignature signature;

  @Column(name = "updated_by")
  public String updatedBy;

  @Column(name = "updated_at")
  public Instant updatedAt;

  /** The limits as set (the lower ones null on a row older than V7). */
  public VitalLimits limits() {
    return new VitalLimits(
        systolicWarn,
        systolicCritical,
        systolicLowWarn,
        systolicLowCritical,
        diastolicWarn,
        diastolicCritical,
        diastolicLowWarn,
        diastolicLowCritical,
        heartRateWarn,
        heartRateCritical,
        heartRateLowWarn,
        heartRateLowCritical,
        temperatureWarn,
        temperatureCritical,
        temperatureLowWarn,
        temperatureLowCritical,
        spo2Warn,
        spo2Critical);
  }

  /** Sets every limit from {@code l}, which has them all. */
  void set(VitalLimits l) {
    systolicWarn = l.systolicWarn();
    systolicCritical = l.systolicCritical();
    systolicLowWarn = l.systolicLowWarn();
    systolicLowCritical = l.systolicLowCritical();
    diastolicWarn = l.diastolicWarn();
    diastolicCritical = l.diastolicCritical();
    diastolicLowWarn = l.diastolicLowWarn();
    diastolicLowCritical = l.diastolicLowCritical();
    heartRateWarn = l.heartRateWarn();
    heartRateCritical = l.heartRateCritical();
    heartRateLowWarn = l.heartRateLowWarn();
    heartRateLowCritical = l.heartRateLowCritical();
    temperatureWarn = l.temperatureWarn();
    temperatureCritical = l.temperatureCritical();
    temperatureLowWarn = l.temperatureLowWarn();
    temperatureLowCritical = l.temperatureLowCritical();
    spo2Warn = l.spo2Warn();
    spo2Critical = l.spo2Critical();
  }
}
