package org.mdmaat.outcomes.lock;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.mdmaat.platform.signature.SignatureRequest;

/**
 * A lock or unlock: why, and the signer's meaning. Who signs and when come from the verified token
 * and the server.
 */
public record DataLockRequest(
    @NotBlank @Size(max = 2000) String reason, @NotNull @Valid SignatureRequest signature) {}
