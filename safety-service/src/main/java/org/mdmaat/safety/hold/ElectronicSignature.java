package org.mdmaat.safety.hold;

import java.time.Instant;

/** A signature as recorded: printed name, meaning and the server's time of signing (UTC). */
public record ElectronicSignature(String printedName, SignatureMeaning meaning, Instant signedAt) {}
