package org.mdmaat.recruitment.eligibility;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * A current medication; psychiatric ones must be tapered off before baseline.
 *
 * @param taperBy the date the candidate's prescriber plans to have it tapered off, if planned
 */
public record Medication(
    @NotBlank @Size(max = 200) String name, @NotNull Boolean psychiatric, LocalDate taperBy) {}
