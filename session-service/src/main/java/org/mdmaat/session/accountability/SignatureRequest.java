package org.mdmaat.session.accountability;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A witness's signature: their printed name (it must be the name of the account signing, compared
 * case-insensitively) and what the signature means.
 */
public record SignatureRequest(
    @NotBlank @Size(max = 200) String printedName, @NotNull SignatureMeaning meaning) {}
