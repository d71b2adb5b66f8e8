package org.mdmaat.session.dosing;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;

/**
 * What is checked before the first dose of a session: 24 h abstinence (caffeine, alcohol, other
 * drugs) attested, a negative pregnancy test where applicable, pre-dose vitals within limits, a
 * negative C-SSRS screen and current consent.
 */
public record PreDoseChecklist(
    @NotNull Boolean abstinenceAttested,
    @NotNull PregnancyTest pregnancyTest,
    @NotNull @Min(40) @Max(300) Integer systolic,
    @NotNull @Min(20) @Max(200) Integer diastolic,
    @NotNull @Min(20) @Max(250) Integer heartRate,
    @NotNull @DecimalMin("30.0") @DecimalMax("45.0") BigDecimal temperatureC,
    @NotNull Screen cssrsScreen,
    @NotNull Boolean consentCurrent) {

  public enum PregnancyTest {
    NEGATIVE,
    POSITIVE,
    NOT_APPLICABLE
  }

  public enum Screen {
    NEGATIVE,
    POSITIVE
  }
}
