package org.mdmaat.session.booking;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Books a session: a room at the session's site, a time (any offset; stored in UTC) and the
 * therapists: Keycloak accounts with the therapist role at the session's site, each named by
 * username (any case) or user id, each once. {@code deviationReason} is required when the time lies
 * outside the session's window and is recorded as a protocol deviation.
 */
public record BookingRequest(
    @NotBlank @Size(max = 64) String room,
    @NotNull OffsetDateTime startsAt,
    @NotNull OffsetDateTime endsAt,
    @NotEmpty @Size(max = 4)
        List<@NotBlank @Pattern(regexp = "[A-Za-z0-9._@-]{1,255}") String> therapists,
    @Size(max = 2000) String deviationReason) {}
