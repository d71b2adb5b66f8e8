package org.mdmaat.session.accountability;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * A kit received by the site's pharmacy: its content and mg HCl (for placebo, the nominal amount of
 * the active kit it stands in for, so that no amount tells the arms apart).
 */
public record ReceiptRequest(
    @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String kitCode,
    @NotNull KitContent content,
    @NotNull @DecimalMin("0.01") @DecimalMax("100000") @Digits(integer = 7, fraction = 2)
        BigDecimal mgHcl,
    @Size(max = 2000) String note) {}
