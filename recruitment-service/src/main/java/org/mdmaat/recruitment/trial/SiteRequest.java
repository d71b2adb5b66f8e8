package org.mdmaat.recruitment.trial;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A site of a new trial: its code (as in coordinators' {@code sites} claim), location and IANA time
 * zone (the one its visit windows are judged in).
 */
public record SiteRequest(
    @NotBlank @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9-]+") String code,
    @NotBlank @Size(min = 2, max = 2) @Pattern(regexp = "[A-Z]{2}") String country,
    @NotBlank @Size(max = 100) String city,
    @NotBlank @Size(max = 64) @IanaTimeZone String timeZone) {}
