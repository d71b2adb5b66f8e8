package org.mdmaat.recruitment.unblinding;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.mdmaat.platform.signature.SignatureRequest;

/** The bodies of the unblinding endpoints; each is signed. */
public final class UnblindingRequests {
  private UnblindingRequests() {}

  /**
   * One person asks to unblind the trial, on the grounds given, with a documented reason (ICH E6);
   * {@code dsmbRecommendation} names the DSMB's recommendation (e.g. its meeting minutes) when the
   * grounds are an early stop.
   */
  public record Request(
      @NotNull UnblindingGrounds grounds,
      @NotBlank @Size(max = 2000) String reason,
      @Size(max = 500) String dsmbRecommendation,
      @NotNull @Valid SignatureRequest signature) {}

  /** The second person approves. */
  public record Approval(@NotNull @Valid SignatureRequest signature) {}

  /** The second person rejects, saying why. */
  public record Rejection(
      @NotBlank @Size(max = 2000) String reason, @NotNull @Valid SignatureRequest signature) {}
}
