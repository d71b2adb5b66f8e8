package org.mdmaat.platform.signature;

import jakarta.validation.constraints.NotNull;

/**
 * What a client sends to sign: only the meaning. The signer, their name and the time come from the
 * verified token and the server, never from typed text (21 CFR 11.50, 11.200).
 */
public record SignatureRequest(@NotNull SignatureMeaning meaning) {}
