package org.mdmaat.outcomes.screening;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A screening CAPS-5 as the rater administered it: every item's response.
 *
 * @param administeredAt when it was administered; any offset, stored in UTC
 */
public record ScreeningRequest(
    @NotNull OffsetDateTime administeredAt,
    @NotNull @Size(max = 200) Map<String, Integer> responses) {}
