package org.mdmaat.safety.vitals;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One set of vital signs measured at one moment of a dosing session. */
@Entity
@Table(name = "vital_sign")
public class VitalSign extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "session_id")
  public String sessionId;

  @Column(name = "participant_code")
  public String participantCode;

  @Column(name = "trial_id")
  public String trialId;

  @Column(name = "site_code")
  public String siteCode;

  @Column(name = "measured_at")
  public Instant measuredAt;

  /** The offset the reading was taken at, as given (e.g. -07:00), for source fidelity. */
  @Column(name = "measured_offset")
  public String measuredOffset;

  public Integer systolic;
  public Integer diastolic;

  @Column(name = "heart_rate")
  public Integer heartRate;

  @Column(name = "temperature_c")
  public Double temperatureC;

  public Integer spo2;

  @Enumerated(EnumType.STRING)
  @Column(name = "source_kind")
  public SourceKind sourceKind;

  @Column(name = "source_id")
  public String sourceId;

  @Column(name = "recorded_by")
  public String recordedBy;

  @Column(name = "recorded_at")
  public Instant recordedAt;

  Double value(VitalKind kind) {
    return switch (kind) {
      case SYSTOLIC -> systolic == null ? null : systolic.doubleValue();
      case DIASTOLIC -> diastolic == null ? null : diastolic.doubleValue();
      case HEART_RATE -> heartRate == null ? null : heartRate.doubleValue();
      case TEMPERATURE -> temperatureC;
      case SPO2 -> spo2 == null ? null : spo2.doubleValue();
    };
  }
}
