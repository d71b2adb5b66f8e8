package org.mdmaat.session.dosing;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * A dose to record: mg MDMA HCl, whether it is the supplemental one, and when it was given (any
 * offset; now when absent).
 */
public record DoseRequest(
    @NotNull @DecimalMin("0.01") @DecimalMax("1000") @Digits(integer = 4, fraction = 2)
        BigDecimal mgHcl,
    @NotNull Boolean supplemental,
    OffsetDateTime administeredAt) {}
