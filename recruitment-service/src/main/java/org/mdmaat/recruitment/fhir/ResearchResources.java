package org.mdmaat.recruitment.fhir;

import java.util.Arrays;
import java.util.Date;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchStudy.ResearchStudyStatus;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.ResearchSubject.ResearchSubjectStatus;
import org.mdmaat.recruitment.participant.ParticipantStatus;
import org.mdmaat.recruitment.participant.ParticipantView;
import org.mdmaat.recruitment.trial.TrialPhase;
import org.mdmaat.recruitment.trial.TrialStatus;
import org.mdmaat.recruitment.trial.TrialView;

/**
 * Trials as ResearchStudy and participants as ResearchSubject. A subject is its pseudonymous code
 * only: never a name, contact detail, kit, stratum or arm (the arm not even after unblinding), so
 * one mapping serves every reader.
 */
final class ResearchResources {
  static final String PROTOCOL_SYSTEM = "urn:mdmaat:protocol-code";
  static final String SPONSOR_SYSTEM = "urn:mdmaat:sponsor";
  static final String SITE_SYSTEM = "urn:mdmaat:site";
  static final String PARTICIPANT_SYSTEM = "urn:mdmaat:participant-code";
  static final String PHASE_SYSTEM = "http://terminology.hl7.org/CodeSystem/research-study-phase";

  /** The trial's ClinicalTrials.gov recruitment status, beside the FHIR status it maps to. */
  static final String CTGOV_STATUS =
      "urn:mdmaat:fhir:StructureDefinition/clinicaltrials-gov-status";

  /** The participant's site (ResearchSubject has no element for it). */
  static final String SUBJECT_SITE = "urn:mdmaat:fhir:StructureDefinition/research-subject-site";

  private ResearchResources() {}

  /** ClinicalTrials.gov's recruitment status as R4's ResearchStudy status. */
  static ResearchStudyStatus status(TrialStatus status) {
    return switch (status) {
      case NOT_YET_RECRUITING -> ResearchStudyStatus.APPROVED;
      case RECRUITING, ENROLLING_BY_INVITATION -> ResearchStudyStatus.ACTIVE;
      case ACTIVE_NOT_RECRUITING -> ResearchStudyStatus.CLOSEDTOACCRUAL;
      case SUSPENDED -> ResearchStudyStatus.TEMPORARILYCLOSEDTOACCRUAL;
      case TERMINATED -> ResearchStudyStatus.ADMINISTRATIVELYCOMPLETED;
      case COMPLETED -> ResearchStudyStatus.COMPLETED;
      case WITHDRAWN -> ResearchStudyStatus.WITHDRAWN;
    };
  }

  /** The trial statuses a FHIR status code stands for; empty if it names none of ours. */
  static Optional<Set<TrialStatus>> statuses(String fhirCode) {
    ResearchStudyStatus wanted;
    try {
      wanted = ResearchStudyStatus.fromCode(fhirCode);
    } catch (Exception e) {
      return Optional.empty();
    }
    var found = EnumSet.noneOf(TrialStatus.class);
    Arrays.stream(TrialStatus.values()).filter(s -> status(s) == wanted).forEach(found::add);
    return Optional.of(found);
  }

  static String phase(TrialPhase phase) {
    return switch (phase) {
      case EARLY_PHASE_1 -> "early-phase-1";
      case PHASE_1 -> "phase-1";
      case PHASE_1_2 -> "phase-1-phase-2";
      case PHASE_2 -> "phase-2";
      case PHASE_2_3 -> "phase-2-phase-3";
      case PHASE_3 -> "phase-3";
      case PHASE_4 -> "phase-4";
    };
  }

  static ResearchStudy study(TrialView t) {
    var study = new ResearchStudy();
    study.setId(t.id());
    study.addIdentifier(new Identifier().setSystem(PROTOCOL_SYSTEM).setValue(t.protocolCode()));
    study.setTitle(t.title());
    study.setStatus(status(t.status()));
    study.addExtension(CTGOV_STATUS, new CodeType(t.status().name()));
    if (t.phase() != null) {
      study.setPhase(new CodeableConcept(new Coding(PHASE_SYSTEM, phase(t.phase()), null)));
    }
    study.addCondition(new CodeableConcept().setText(t.condition()));
    study.setSponsor(
        new Reference()
            .setIdentifier(new Identifier().setSystem(SPONSOR_SYSTEM).setValue(t.sponsor())));
    for (var site : t.sites()) {
      study.addSite(
          new Reference()
              .setIdentifier(new Identifier().setSystem(SITE_SYSTEM).setValue(site.code()))
              .setDisplay(site.city() + ", " + site.country()));
    }
    if (t.createdAt() != null) {
      study.getMeta().setLastUpdated(Date.from(t.createdAt()));
    }
    return study;
  }

  /** Where a participant is on their way through the trial, in R4's ResearchSubject terms. */
  static ResearchSubjectStatus status(ParticipantStatus status) {
    return switch (status) {
      case SCREENING, CONSENTED -> ResearchSubjectStatus.SCREENING;
      case ELIGIBLE -> ResearchSubjectStatus.ELIGIBLE;
      case ENROLLED, RANDOMIZED -> ResearchSubjectStatus.ONSTUDY;
      case IN_TREATMENT -> ResearchSubjectStatus.ONSTUDYINTERVENTION;
      case COMPLETED -> ResearchSubjectStatus.OFFSTUDY;
      case WITHDRAWN -> ResearchSubjectStatus.WITHDRAWN;
      case SCREEN_FAILED -> ResearchSubjectStatus.INELIGIBLE;
    };
  }

  static ResearchSubject subject(ParticipantView p) {
    var subject = new ResearchSubject();
    subject.setId(p.code());
    var code = new Identifier().setSystem(PARTICIPANT_SYSTEM).setValue(p.code());
    subject.addIdentifier(code);
    subject.setStatus(status(p.status()));
    subject.setStudy(new Reference("ResearchStudy/" + p.trialId()));
    // R4 needs an individual: the pseudonymous code, never a Patient with a name.
    subject.setIndividual(new Reference().setIdentifier(code.copy()));
    subject.addExtension(
        SUBJECT_SITE,
        new Reference()
            .setIdentifier(new Identifier().setSystem(SITE_SYSTEM).setValue(p.siteCode())));
    if (p.enrolledAt() != null) {
      subject.setPeriod(new Period().setStart(Date.from(p.enrolledAt())));
    }
    if (p.updatedAt() != null) {
      subject.getMeta().setLastUpdated(Date.from(p.updatedAt()));
    }
    return subject;
  }
}
