package org.mdmaat.session.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mdmaat.contracts.grpc.recruitment.DosingRegimen;
import org.mdmaat.contracts.grpc.recruitment.RegimenKind;
import org.mdmaat.contracts.grpc.recruitment.TrialProtocol;
import org.mdmaat.contracts.grpc.recruitment.TrialSite;
import org.mdmaat.contracts.grpc.recruitment.VisitTemplate;
import org.mdmaat.platform.problem.RuleViolation;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.session.Problems;
import org.mdmaat.session.ScriptedParticipantDirectory;

/** The trial's settings are taken exactly as configured: nothing filled in, a 0 is a 0. */
class TrialSettingsTest {
  private static TrialProtocol with(DosingRegimen.Builder regimen) {
    return ScriptedParticipantDirectory.mapp("T-1").setRegimen(regimen).build();
  }

  private static Iterable<String> missing(Runnable read) {
    try {
      read.run();
    } catch (RuleViolation e) {
      assertThat(e.code()).isEqualTo(Problems.TRIAL_SETTINGS.code());
      return e.violations().stream().map(Violation::field).toList();
    }
    throw new AssertionError("not refused");
  }

  @Test
  void zeroesAreKeptAsZeroes() {
    var regimen =
        DoseRegimen.of(
            with(
                ScriptedParticipantDirectory.mappRegimen()
                    .setSupplementalFraction(0)
                    .clearSupplementalEarliestMinutes()
                    .clearSupplementalLatestMinutes()));
    assertThat(regimen.supplementalAllowed()).isFalse();
    assertThat(regimen.supplementalFraction()).isZero();

    var earliestZero =
        DoseRegimen.of(
            with(ScriptedParticipantDirectory.mappRegimen().setSupplementalEarliestMinutes(0)));
    assertThat(earliestZero.supplementalEarliestMinutes()).isZero();

    var plan =
        VisitPlan.of(
            ScriptedParticipantDirectory.mapp("T-1")
                .setVisitTemplate(
                    ScriptedParticipantDirectory.mappVisits()
                        .setPreparationSessions(0)
                        .setFollowUpContactsPerExperimental(0)
                        .setIntegrationSessionsPerExperimental(0)
                        .setExperimentalWindowDays(0))
                .build());
    assertThat(plan.preparationSessions()).isZero();
    assertThat(plan.followUpContactsPerExperimental()).isZero();
    assertThat(plan.minSpacingDays()).isEqualTo(28);
    assertThat(plan.maxSpacingDays()).isEqualTo(28);
  }

  @Test
  void anUnsetSettingIsNamedNeverFilledIn() {
    assertThat(
            missing(
                () ->
                    DoseRegimen.of(
                        with(
                            ScriptedParticipantDirectory.mappRegimen()
                                .clearSupplementalFraction()))))
        .containsExactly("regimen.supplementalFraction");
    assertThat(
            missing(
                () ->
                    DoseRegimen.of(
                        with(
                            ScriptedParticipantDirectory.mappRegimen()
                                .clearSupplementalEarliestMinutes()
                                .clearMaxMgHclPerSession()))))
        .containsExactly("regimen.supplementalEarliestMinutes", "regimen.maxMgHclPerSession");
    assertThat(
            missing(
                () ->
                    DoseRegimen.of(
                        with(
                            DosingRegimen.newBuilder()
                                .setKind(RegimenKind.WEIGHT_BASED)
                                .setSupplementalFraction(0)
                                .setMaxMgHclPerSession(180)))))
        .containsExactly("regimen.minMgPerKg", "regimen.maxMgPerKg", "regimen.capMgHclPerDose");
    assertThat(
            missing(
                () ->
                    DoseRegimen.of(
                        ScriptedParticipantDirectory.mapp("T-1").clearRegimen().build())))
        .containsExactly("regimen");
    assertThat(
            missing(
                () ->
                    VisitPlan.of(
                        ScriptedParticipantDirectory.mapp("T-1")
                            .setVisitTemplate(
                                VisitTemplate.newBuilder()
                                    .setPreparationSessions(3)
                                    .setExperimentalSessions(3))
                            .build())))
        .contains(
            "visitTemplate.experimentalIntervalDays",
            "visitTemplate.followUpContactsPerExperimental");
  }

  @Test
  void anUnknownTrialAndAMissingTimeZoneAreRefused() {
    assertThatThrownBy(() -> DoseRegimen.of(TrialProtocol.newBuilder().setTrialId("T-9").build()))
        .isInstanceOfSatisfying(
            RuleViolation.class,
            e -> assertThat(e.code()).isEqualTo(Problems.UNKNOWN_TRIAL.code()));
    var noZone =
        ScriptedParticipantDirectory.mapp("T-1")
            .clearSites()
            .addSites(TrialSite.newBuilder().setCode("US-SF-01"))
            .build();
    assertThat(missing(() -> TrialSettings.zone(noZone, "US-SF-01")))
        .containsExactly("sites[US-SF-01].timeZone");
    assertThat(TrialSettings.zone(ScriptedParticipantDirectory.mapp("T-1").build(), "US-BOS-02"))
        .hasToString("America/New_York");
  }

  @Test
  void onlyTrialsThatDoseMayDose() {
    TrialSettings.requireDosing("T-1", "RECRUITING");
    TrialSettings.requireDosing("T-1", "ACTIVE_NOT_RECRUITING");
    for (var stop : new String[] {"SUSPENDED", "TERMINATED", "COMPLETED", "WITHDRAWN", "", null}) {
      assertThatThrownBy(() -> TrialSettings.requireDosing("T-1", stop))
          .isInstanceOfSatisfying(
              RuleViolation.class,
              e -> assertThat(e.code()).isEqualTo(Problems.TRIAL_NOT_DOSING.code()));
    }
  }
}
