package org.mdmaat.session.accountability;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * A loss or theft and its report: {@code reportReference} is the DEA Form 106 number, or until it
 * is filed the reference of the written notice to the DEA field office (due within one business day
 * of discovery, 21 CFR 1301.76(b)).
 */
public record IncidentRequest(
    @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String kitCode,
    @NotNull @DecimalMin("0.01") @DecimalMax("100000") @Digits(integer = 7, fraction = 2)
        BigDecimal mgHcl,
    @NotNull OffsetDateTime discoveredAt,
    @NotBlank @Size(max = 2000) String description,
    @NotBlank @Size(max = 100) String reportReference,
    @Size(max = 2000) String note) {}
