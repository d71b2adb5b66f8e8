package org.mdmaat.recruitment.eligibility;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** How a candidate who consented wants to be contacted by the study team. */
public record ContactDetails(
    @NotBlank @Size(max = 200) String name,
    @Email @Size(max = 200) String email,
    @Size(max = 40) @Pattern(regexp = "[0-9 +()-]+") String phone) {}
