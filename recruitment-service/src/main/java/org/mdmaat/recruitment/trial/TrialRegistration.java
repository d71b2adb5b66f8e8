package org.mdmaat.recruitment.trial;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mdmaat.recruitment.eligibility.CriterionKind;
import org.mdmaat.recruitment.eligibility.EligibilityRule;

/**
 * A trial's record for ClinicalTrials.gov (issue 21), shaped as the API v2's {@code
 * protocolSection}: the registration is protocol-public, so it carries the arms as designed
 * (labels, doses, schedule) and nothing about any participant, least of all an allocation. Built
 * only from the trial as stored; a field the platform does not hold is left out rather than
 * guessed.
 */
public record TrialRegistration(ProtocolSection protocolSection) {

  public record ProtocolSection(
      IdentificationModule identificationModule,
      StatusModule statusModule,
      SponsorCollaboratorsModule sponsorCollaboratorsModule,
      ConditionsModule conditionsModule,
      DesignModule designModule,
      ArmsInterventionsModule armsInterventionsModule,
      OutcomesModule outcomesModule,
      EligibilityModule eligibilityModule,
      ContactsLocationsModule contactsLocationsModule) {}

  public record IdentificationModule(
      OrgStudyIdInfo orgStudyIdInfo,
      Organization organization,
      String briefTitle,
      String officialTitle) {}

  public record OrgStudyIdInfo(String id) {}

  public record Organization(String fullName) {}

  public record StatusModule(String overallStatus, String studyFirstSubmitDate) {}

  public record SponsorCollaboratorsModule(Sponsor leadSponsor) {}

  public record Sponsor(String name) {}

  public record ConditionsModule(List<String> conditions) {}

  public record DesignModule(
      String studyType,
      List<String> phases,
      DesignInfo designInfo,
      EnrollmentInfo enrollmentInfo) {}

  public record DesignInfo(
      String allocation,
      String interventionModel,
      String primaryPurpose,
      MaskingInfo maskingInfo) {}

  public record MaskingInfo(String masking, List<String> whoMasked) {}

  public record EnrollmentInfo(int count, String type) {}

  public record ArmsInterventionsModule(
      List<ArmGroup> armGroups, List<Intervention> interventions) {}

  public record ArmGroup(
      String label, String type, String description, List<String> interventionNames) {}

  public record Intervention(
      String type, String name, String description, List<String> armGroupLabels) {}

  public record OutcomesModule(List<Outcome> primaryOutcomes) {}

  public record Outcome(String measure, String description, String timeFrame) {}

  public record EligibilityModule(String eligibilityCriteria) {}

  public record ContactsLocationsModule(List<Location> locations) {}

  public record Location(String facility, String city, String country) {}

  static final String MDMA_ARM = "MDMA-assisted therapy";
  static final String PLACEBO_ARM = "Placebo with therapy";

  /** The record of {@code trial}, which must be the caller's to read. */
  static TrialRegistration of(TrialView trial) {
    return new TrialRegistration(
        new ProtocolSection(
            new IdentificationModule(
                new OrgStudyIdInfo(trial.protocolCode()),
                new Organization(trial.sponsor()),
                trial.title(),
                // The platform stores one title; it is both until an official one is kept apart.
                trial.title()),
            new StatusModule(
                trial.status().name(),
                trial.createdAt().atOffset(ZoneOffset.UTC).toLocalDate().toString()),
            new SponsorCollaboratorsModule(new Sponsor(trial.sponsor())),
            new ConditionsModule(List.of(trial.condition())),
            new DesignModule(
                "INTERVENTIONAL",
                phases(trial.phase()),
                // Randomized 1:1 to two parallel arms; every role that meets participants or
                // rates them is blinded (only pharmacists, the DSMB and unblinded statisticians
                // see an arm).
                new DesignInfo(
                    "RANDOMIZED",
                    "PARALLEL",
                    "TREATMENT",
                    new MaskingInfo(
                        "QUADRUPLE",
                        List.of(
                            "PARTICIPANT", "CARE_PROVIDER", "INVESTIGATOR", "OUTCOMES_ASSESSOR"))),
                new EnrollmentInfo(trial.targetEnrollment(), "ESTIMATED")),
            arms(trial.regimen(), trial.visitTemplate()),
            new OutcomesModule(
                List.of(
                    new Outcome(
                        "Change in CAPS-5 total severity score",
                        "Clinician-Administered PTSD Scale for DSM-5, total severity 0-80, rated"
                            + " by blinded independent raters",
                        "Baseline to 18 weeks after baseline"))),
            new EligibilityModule(criteria(trial.eligibility().rules())),
            new ContactsLocationsModule(
                trial.sites().stream()
                    .map(
                        s ->
                            new Location(
                                s.code(),
                                s.city(),
                                new Locale("", s.country()).getDisplayCountry(Locale.ENGLISH)))
                    .toList())));
  }

  /** ClinicalTrials.gov's phase codes: a combined phase is two of them. */
  static List<String> phases(TrialPhase phase) {
    return switch (phase) {
      case EARLY_PHASE_1 -> List.of("EARLY_PHASE1");
      case PHASE_1 -> List.of("PHASE1");
      case PHASE_1_2 -> List.of("PHASE1", "PHASE2");
      case PHASE_2 -> List.of("PHASE2");
      case PHASE_2_3 -> List.of("PHASE2", "PHASE3");
      case PHASE_3 -> List.of("PHASE3");
      case PHASE_4 -> List.of("PHASE4");
    };
  }

  private static ArmsInterventionsModule arms(
      RegimenSettings regimen, VisitTemplateSettings visits) {
    var schedule = schedule(visits);
    var mdma = "Drug: MDMA";
    var placebo = "Drug: Placebo";
    var therapy = "Behavioral: Manualized therapy";
    return new ArmsInterventionsModule(
        List.of(
            new ArmGroup(
                MDMA_ARM,
                "EXPERIMENTAL",
                "MDMA in each experimental session ("
                    + doses(regimen)
                    + "), with therapy. "
                    + schedule,
                List.of(mdma, therapy)),
            new ArmGroup(
                PLACEBO_ARM,
                "PLACEBO_COMPARATOR",
                "Inactive placebo in each experimental session, with the same therapy. " + schedule,
                List.of(placebo, therapy))),
        List.of(
            new Intervention(
                "DRUG", "MDMA", "Midomafetamine HCl, " + doses(regimen), List.of(MDMA_ARM)),
            new Intervention(
                "DRUG",
                "Placebo",
                "Inactive placebo, identical in appearance",
                List.of(PLACEBO_ARM)),
            new Intervention(
                "BEHAVIORAL",
                "Manualized therapy",
                "Preparation, experimental and integration sessions",
                List.of(MDMA_ARM, PLACEBO_ARM))));
  }

  private static String doses(RegimenSettings r) {
    if (r.kind() == RegimenKind.WEIGHT_BASED) {
      return mg(r.minMgPerKg())
          + "-"
          + mg(r.maxMgPerKg())
          + " mg/kg, at most "
          + mg(r.capMgHclPerDose())
          + " mg a dose"
          + supplement(r);
    }
    return "initial dose "
        + String.join(" or ", r.initialDosesMgHcl().stream().map(TrialRegistration::mg).toList())
        + " mg, "
        + mg(r.firstSessionInitialMgHcl())
        + " mg in the first session"
        + supplement(r);
  }

  private static String supplement(RegimenSettings r) {
    if (r.supplementalFraction() == null || r.supplementalFraction() == 0.0) {
      return "; no supplemental dose";
    }
    return "; a supplemental dose of "
        + mg(r.supplementalFraction())
        + " of the initial dose "
        + r.supplementalEarliestMinutes()
        + "-"
        + r.supplementalLatestMinutes()
        + " minutes later; at most "
        + mg(r.maxMgHclPerSession())
        + " mg a session";
  }

  private static String schedule(VisitTemplateSettings v) {
    return v.preparationSessions()
        + " preparation sessions, "
        + v.experimentalSessions()
        + " experimental sessions "
        + v.experimentalIntervalDays()
        + " days apart, each followed by "
        + v.integrationSessionsPerExperimental()
        + " integration sessions.";
  }

  private static String mg(Double value) {
    return value == Math.rint(value) ? Long.toString(value.longValue()) : value.toString();
  }

  /** The rules' plain-language messages, as ClinicalTrials.gov's criteria text lists them. */
  static String criteria(List<EligibilityRule> rules) {
    var text = new ArrayList<String>();
    text.add("Inclusion Criteria:\n");
    rules.stream()
        .filter(r -> r.kind() == CriterionKind.INCLUSION)
        .forEach(r -> text.add("* " + r.message()));
    text.add("\nExclusion Criteria:\n");
    rules.stream()
        .filter(r -> r.kind() == CriterionKind.EXCLUSION)
        .forEach(r -> text.add("* " + r.message()));
    return String.join("\n", text);
  }
}
