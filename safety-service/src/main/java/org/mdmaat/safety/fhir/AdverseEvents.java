package org.mdmaat.safety.fhir;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Date;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.AdverseEvent.AdverseEventActuality;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.mdmaat.platform.fhir.FhirSearch;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.safety.Problems;
import org.mdmaat.safety.adverse.AdverseEventCategory;
import org.mdmaat.safety.adverse.AdverseEventOutcome;
import org.mdmaat.safety.adverse.AdverseEventService;
import org.mdmaat.safety.adverse.AdverseEventView;
import org.mdmaat.safety.adverse.Relatedness;

/**
 * Adverse events as FHIR R4 AdverseEvent, read and searched through the REST API's service methods:
 * only those at the caller's sites (another site's is 404 and absent from searches). Seriousness,
 * severity, outcome and causality in HL7's code systems, each beside the platform's own coding
 * (system {@code urn:mdmaat:…}) where HL7's has no code for it (e.g. "not related", the seriousness
 * criteria, the grade); the categories, positive/abuse-related included, in the platform's system
 * {@value #CATEGORY_SYSTEM}. The suspect is the study treatment, named blinded: never the arm.
 */
@ApplicationScoped
public class AdverseEvents {
  private static final FhirSearch SEARCH = new FhirSearch(Problems.FHIR_SEARCH);
  static final String CATEGORY_SYSTEM = "urn:mdmaat:adverse-event-category";
  static final String CRITERION_SYSTEM = "urn:mdmaat:seriousness-criterion";
  static final String GRADE_SYSTEM = "urn:mdmaat:ctcae-grade";
  static final String RELATEDNESS_SYSTEM = "urn:mdmaat:relatedness";
  static final String SERIOUSNESS =
      "http://terminology.hl7.org/CodeSystem/adverse-event-seriousness";
  static final String SEVERITY = "http://terminology.hl7.org/CodeSystem/adverse-event-severity";
  static final String OUTCOME = "http://terminology.hl7.org/CodeSystem/adverse-event-outcome";
  static final String CAUSALITY =
      "http://terminology.hl7.org/CodeSystem/adverse-event-causality-assess";

  private static final Set<String> PARAMS = Set.of("subject", "study", "_count", "_page");

  private final AdverseEventService events;

  AdverseEvents(AdverseEventService events) {
    this.events = events;
  }

  public Uni<AdverseEvent> read(String id, Scope scope) {
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return Uni.createFrom()
          .failure(Problems.ADVERSE_EVENT_NOT_FOUND.problem("No AdverseEvent " + id));
    }
    return events.get(uuid, scope).map(e -> of(AdverseEventView.of(e)));
  }

  /** A searchset of one page ({@code _count} 1 to 200, default 50; {@code _page} from 0). */
  public Uni<Bundle> search(
      MultivaluedMap<String, String> params, Scope scope, String base, String query) {
    var subject = SEARCH.only(params, PARAMS, "subject");
    if (subject != null) {
      subject =
          subject
              .replaceFirst("^" + VitalObservations.PARTICIPANT_SYSTEM + "\\|", "")
              .replaceFirst("^Patient/", "");
    }
    var study = SEARCH.only(params, PARAMS, "study");
    var trial = study == null ? null : study.replaceFirst("^ResearchStudy/", "");
    // Each given once, with a value, before it is read as a number.
    SEARCH.only(params, PARAMS, "_count");
    SEARCH.only(params, PARAMS, "_page");
    int count = SEARCH.count(params);
    int page = SEARCH.page(params);
    var participant = subject;
    return events
        .atSites(scope, participant, trial, page, count)
        .map(
            found ->
                FhirSearch.searchset(
                    found.items(),
                    found.total(),
                    page,
                    count,
                    AdverseEvents::of,
                    base,
                    "AdverseEvent",
                    query));
  }

  static AdverseEvent of(AdverseEventView e) {
    var ae = new AdverseEvent();
    ae.setId(e.id().toString());
    ae.getMeta().setVersionId(Integer.toString(e.version()));
    ae.setActuality(AdverseEventActuality.ACTUAL);
    for (var category : e.categories()) {
      ae.addCategory(
          new CodeableConcept(new Coding(CATEGORY_SYSTEM, category.name(), display(category))));
    }
    ae.setEvent(new CodeableConcept().setText(e.term()));
    ae.setSubject(
        new Reference()
            .setIdentifier(
                new Identifier()
                    .setSystem(VitalObservations.PARTICIPANT_SYSTEM)
                    .setValue(e.participantCode())));
    if (e.sessionId() != null) {
      ae.setEncounter(
          new Reference()
              .setIdentifier(
                  new Identifier()
                      .setSystem(VitalObservations.SESSION_SYSTEM)
                      .setValue(e.sessionId())));
    }
    ae.setDate(Date.from(e.onsetAt()));
    if (e.awarenessAt() != null) {
      ae.setDetected(Date.from(e.awarenessAt()));
    }
    ae.setRecordedDate(Date.from(e.reportedAt()));
    var seriousness =
        new CodeableConcept(
            new Coding(
                SERIOUSNESS,
                e.serious() ? "serious" : "non-serious",
                e.serious() ? "Serious" : "Non-serious"));
    for (var criterion : e.seriousness()) {
      seriousness.addCoding(new Coding(CRITERION_SYSTEM, criterion.name(), null));
    }
    ae.setSeriousness(seriousness);
    var severity = e.grade() <= 1 ? "mild" : e.grade() == 2 ? "moderate" : "severe";
    ae.setSeverity(
        new CodeableConcept(new Coding(SEVERITY, severity, null))
            .addCoding(
                new Coding(GRADE_SYSTEM, Integer.toString(e.grade()), "Grade " + e.grade())));
    ae.setOutcome(new CodeableConcept(new Coding(OUTCOME, outcome(e.outcome()), null)));
    if (e.relatedness() != null) {
      var assessment = new CodeableConcept();
      var who = causality(e.relatedness());
      if (who != null) {
        assessment.addCoding(new Coding(CAUSALITY, who, null));
      }
      assessment.addCoding(new Coding(RELATEDNESS_SYSTEM, e.relatedness().name(), null));
      // The suspect is the study treatment as the blinded see it: never the arm.
      ae.addSuspectEntity()
          .setInstance(new Reference().setDisplay("Study treatment (blinded)"))
          .addCausality()
          .setAssessment(assessment);
    }
    ae.addStudy(new Reference("ResearchStudy/" + e.trialId()));
    return ae;
  }

  private static String display(AdverseEventCategory category) {
    return category == AdverseEventCategory.POSITIVE_ABUSE_RELATED
        ? "Positive / abuse-related"
        : null;
  }

  private static String outcome(AdverseEventOutcome outcome) {
    return switch (outcome) {
      case RECOVERED -> "resolved";
      case RECOVERING -> "recovering";
      case NOT_RECOVERED -> "ongoing";
      case RECOVERED_WITH_SEQUELAE -> "resolvedWithSequelae";
      case FATAL -> "fatal";
      case UNKNOWN -> "unknown";
    };
  }

  private static String causality(Relatedness relatedness) {
    return switch (relatedness) {
      case DEFINITE -> "Certain";
      case PROBABLE -> "Probably-Likely";
      case POSSIBLE -> "Possible";
      case UNLIKELY -> "Unlikely";
      case NOT_RELATED -> null;
    };
  }
}
