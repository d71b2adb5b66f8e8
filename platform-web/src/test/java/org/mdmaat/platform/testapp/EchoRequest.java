package org.mdmaat.platform.testapp;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** A request body with nested, validated fields, as a service's would have. */
public record EchoRequest(
    @NotBlank String name,
    @NotBlank String siteCode,
    @NotNull @Min(0) @Max(500) Integer dose,
    List<@Valid @NotNull Label> labels) {

  public record Label(@NotBlank String code, int weight) {}
}
