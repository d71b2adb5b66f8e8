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
 * A destruction to be witnessed: kit, amount and how it is rendered non-retrievable. Witnesses are
 * not named here: each signs the destruction with their own account.
 */
public record DestructionRequest(
    @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String kitCode,
    @NotNull @DecimalMin("0.01") @DecimalMax("100000") @Digits(integer = 7, fraction = 2)
        BigDecimal mgHcl,
    @NotBlank @Size(max = 200) String method,
    @Size(max = 2000) String note) {}
