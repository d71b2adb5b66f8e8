package org.mdmaat.session.accountability;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/**
 * A receipt, return or destruction of study drug (mg HCl, nominal for placebo kits). {@code arm}
 * only on receipt; {@code witnesses} only (and required) for destruction.
 */
public record MovementRequest(
    @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String kitCode,
    @NotNull @DecimalMin("0.01") @DecimalMax("100000") @Digits(integer = 7, fraction = 2)
        BigDecimal mgHcl,
    @Pattern(regexp = "MDMA|PLACEBO") String arm,
    @Size(max = 10) List<@NotBlank @Size(max = 100) String> witnesses,
    @Size(max = 2000) String note) {}
