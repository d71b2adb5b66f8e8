package org.mdmaat.recruitment.trial;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Sets or changes the IANA time zone of an existing trial site; a correction, so with a reason. */
public record SiteTimeZoneRequest(
    @NotBlank @Size(max = 64) @IanaTimeZone String timeZone,
    @NotBlank @Size(max = 2000) String reason) {}
