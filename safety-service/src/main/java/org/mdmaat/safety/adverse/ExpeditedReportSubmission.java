package org.mdmaat.safety.adverse;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The IND safety report was sent; reference is e.g. the FDA submission number. */
public record ExpeditedReportSubmission(@NotBlank @Size(max = 200) String reference) {}
