package org.mdmaat.recruitment.participant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.UUID;
import org.mdmaat.platform.signature.SignatureRequest;

/** The bodies of the participant endpoints. */
public final class Requests {
  private Requests() {}

  /**
   * A candidate starts screening at one of the coordinator's sites. Sex and childbearing potential
   * are required: a dose needs a negative pregnancy test unless childbearing potential is recorded
   * as false.
   */
  public record RegisterCandidate(
      @NotBlank @Size(max = 64) String trialId,
      @NotBlank @Size(max = 32) String siteCode,
      @NotBlank @Size(max = 200) String fullName,
      @Email @Size(max = 200) String email,
      @Size(max = 40) @Pattern(regexp = "[0-9 +()-]+") String phone,
      UUID preScreenId,
      @DecimalMin("20.0") @DecimalMax("400.0") Double weightKg,
      @NotNull Boolean dissociativeSubtype,
      @NotNull Boolean veteran,
      @NotNull Boolean combatExposure,
      @NotNull Boolean traumaticBrainInjury,
      @NotNull Sex sex,
      @NotNull Boolean childbearingPotential) {}

  /** The consent form version signed and the date it was signed. */
  public record Consent(
      @NotBlank @Size(max = 64) String formVersion, @NotNull LocalDate consentDate) {}

  /** A move without its own endpoint: IN_TREATMENT, COMPLETED, WITHDRAWN, SCREEN_FAILED. */
  public record StatusChange(@NotNull ParticipantStatus status, @Size(max = 2000) String reason) {}

  /** Why one participant's arm has to be known now, signed by the investigator. */
  public record EmergencyUnblinding(
      @NotBlank @Size(max = 2000) String reason, @NotNull @Valid SignatureRequest signature) {}

  /**
   * New values of the facts kept for subgroups, strata, weight-based dosing and pregnancy testing
   * (sex, childbearing potential); omitted ones stay. A correction, so it carries a reason.
   */
  public record Characteristics(
      @DecimalMin("20.0") @DecimalMax("400.0") Double weightKg,
      Boolean dissociativeSubtype,
      Boolean veteran,
      Boolean combatExposure,
      Boolean traumaticBrainInjury,
      Sex sex,
      Boolean childbearingPotential,
      @NotBlank @Size(max = 2000) String reason) {}
}
