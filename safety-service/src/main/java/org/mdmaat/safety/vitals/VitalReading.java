package org.mdmaat.safety.vitals;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/**
 * One reading as a device or staff member sends it. Ranges are physiological plausibility limits,
 * not alert limits: values outside them are typing or sensor errors.
 */
public record VitalReading(
    @NotNull OffsetDateTime measuredAt,
    @Min(40) @Max(300) Integer systolic,
    @Min(20) @Max(200) Integer diastolic,
    @Min(20) @Max(300) Integer heartRate,
    @DecimalMin("30.0") @DecimalMax("45.0") Double temperatureC,
    @Min(50) @Max(100) Integer spo2,
    @NotNull SourceKind sourceKind,
    @NotBlank @Size(max = 100) String sourceId) {

  @AssertTrue(message = "a reading needs at least one vital sign")
  public boolean isAnyVital() {
    return systolic != null
        || diastolic != null
        || heartRate != null
        || temperatureC != null
        || spo2 != null;
  }
}
