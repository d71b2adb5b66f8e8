package org.mdmaat.session.dosing;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The pre-dose checklist a dosing session passed. */
@Entity
@Table(name = "pre_dose_check")
public class PreDoseCheck extends PanacheEntityBase {
  @Id
  @Column(name = "session_id")
  public UUID sessionId;

  @Column(name = "abstinence_attested")
  public boolean abstinenceAttested;

  @Column(name = "pregnancy_test")
  public String pregnancyTest;

  public int systolic;
  public int diastolic;

  @Column(name = "heart_rate")
  public int heartRate;

  @Column(name = "temperature_c")
  public BigDecimal temperatureC;

  @Column(name = "cssrs_negative")
  public boolean cssrsNegative;

  @Column(name = "consent_current")
  public boolean consentCurrent;

  @Column(name = "checked_by")
  public String checkedBy;

  @Column(name = "checked_at")
  public Instant checkedAt;
}
