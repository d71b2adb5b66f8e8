package org.mdmaat.session.dosing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * A dose to record: mg MDMA HCl, whether it is the supplemental one, and when it was given (any
 * offset; now when absent). {@code vitalsConfirmation}: an investigator's explicit confirmation
 * that the supplemental dose is given although the participant's current vitals are at a warning
 * level (the protocol's "unless contraindicated").
 */
public record DoseRequest(
    @NotNull @DecimalMin("0.01") @DecimalMax("1000") @Digits(integer = 4, fraction = 2)
        BigDecimal mgHcl,
    @NotNull Boolean supplemental,
    OffsetDateTime administeredAt,
    @Valid VitalsConfirmation vitalsConfirmation) {

  /** Why the investigator gives the supplemental dose despite the warning. */
  public record VitalsConfirmation(@NotBlank @Size(max = 2000) String reason) {}

  @AssertTrue(message = "a vitals confirmation belongs to a supplemental dose only")
  public boolean isConfirmationOnSupplemental() {
    return vitalsConfirmation == null || Boolean.TRUE.equals(supplemental);
  }
}
