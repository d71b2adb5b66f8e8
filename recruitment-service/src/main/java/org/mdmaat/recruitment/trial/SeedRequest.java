package org.mdmaat.recruitment.trial;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The statistician's randomization seed (hex), kept concealed. */
public record SeedRequest(
    @NotNull @Size(min = 32, max = 128) @Pattern(regexp = "[0-9a-fA-F]+") String seed) {
  @Override
  public String toString() {
    return "SeedRequest[seed=***]";
  }
}
