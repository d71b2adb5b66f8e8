package org.mdmaat.safety.alert;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What the clinician did or decided about the alert. */
public record AcknowledgeAlertRequest(@NotBlank @Size(max = 2000) String note) {}
