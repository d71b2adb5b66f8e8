package org.mdmaat.platform.deadletter;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A redrive: why (the fix, a ticket; kept in the audit entry) and at most how many records (default
 * {@link DeadLetters#DEFAULT_LIMIT}); a further redrive replays the rest.
 */
public record RedriveRequest(
    @NotBlank @Size(max = 1000) String reason, @Min(1) @Max(DeadLetters.MAX_LIMIT) Integer limit) {}
