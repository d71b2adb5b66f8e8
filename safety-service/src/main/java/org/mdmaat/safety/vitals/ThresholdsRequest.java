package org.mdmaat.safety.vitals;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A trial's action limits; every one is required, so a trial's limits are never half set. */
public record ThresholdsRequest(
    @NotNull @Min(80) @Max(300) Integer systolicWarn,
    @NotNull @Min(80) @Max(300) Integer systolicCritical,
    @NotNull @Min(40) @Max(200) Integer diastolicWarn,
    @NotNull @Min(40) @Max(200) Integer diastolicCritical,
    @NotNull @Min(60) @Max(250) Integer heartRateWarn,
    @NotNull @Min(60) @Max(250) Integer heartRateCritical,
    @NotNull @DecimalMin("36.5") @DecimalMax("43.0") Double temperatureWarn,
    @NotNull @DecimalMin("36.5") @DecimalMax("43.0") Double temperatureCritical,
    @NotNull @Min(50) @Max(100) Integer spo2Warn,
    @NotNull @Min(50) @Max(100) Integer spo2Critical,
    @NotBlank @Size(max = 2000) String reason) {

  /** A critical limit lies beyond its warn limit (below it for SpO2). */
  @AssertTrue(message = "each critical limit must be beyond its warn limit")
  public boolean isOrdered() {
    if (systolicWarn == null
        || systolicCritical == null
        || diastolicWarn == null
        || diastolicCritical == null
        || heartRateWarn == null
        || heartRateCritical == null
        || temperatureWarn == null
        || temperatureCritical == null
        || spo2Warn == null
        || spo2Critical == null) {
      return true; // reported by @NotNull
    }
    return systolicCritical >= systolicWarn
        && diastolicCritical >= diastolicWarn
        && heartRateCritical >= heartRateWarn
        && temperatureCritical >= temperatureWarn
        && spo2Critical <= spo2Warn;
  }
}
