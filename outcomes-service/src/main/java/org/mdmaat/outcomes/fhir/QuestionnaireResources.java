package org.mdmaat.outcomes.fhir;

import java.util.Date;
import java.util.Map;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.mdmaat.outcomes.assessment.AssessmentView;
import org.mdmaat.outcomes.instrument.Instrument;

/**
 * Instruments as Questionnaire and assessments as QuestionnaireResponse. A response names its
 * participant by the pseudonymous code only and never carries an arm (an assessment has none), so
 * one mapping serves every reader. The scores the service derives travel as extensions of the
 * platform's own ({@value #TOTAL_SCORE} and its neighbours): R4's QuestionnaireResponse has no
 * element for a score.
 */
final class QuestionnaireResources {
  static final String PARTICIPANT_SYSTEM = "urn:mdmaat:participant-code";
  static final String SITE_SYSTEM = "urn:mdmaat:site";

  /** An instrument's canonical URL is this and its code. */
  static final String QUESTIONNAIRE_URL = "urn:mdmaat:fhir:Questionnaire/";

  /** The total score of the response (valueInteger), as the service scored it. */
  static final String TOTAL_SCORE =
      "urn:mdmaat:fhir:StructureDefinition/questionnaire-response-total-score";

  /** The severity band of the total (valueString), where the instrument has bands. */
  static final String SEVERITY_BAND =
      "urn:mdmaat:fhir:StructureDefinition/questionnaire-response-severity-band";

  /** The protocol timepoint it was administered at (valueCode: BASELINE, PRIMARY_ENDPOINT, …). */
  static final String TIMEPOINT =
      "urn:mdmaat:fhir:StructureDefinition/questionnaire-response-timepoint";

  /** The participant's site (QuestionnaireResponse has no element for it). */
  static final String SITE = "urn:mdmaat:fhir:StructureDefinition/questionnaire-response-site";

  // The core extensions for an item's bounds (R4 "minValue"/"maxValue").
  static final String MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue";
  static final String MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue";

  private QuestionnaireResources() {}

  static String url(String instrumentCode) {
    return QUESTIONNAIRE_URL + instrumentCode;
  }

  /**
   * The instrument: each item an integer question with its bounds, or its only allowed values as
   * answer options (AUDIT items 9 and 10).
   */
  static Questionnaire questionnaire(Instrument instrument) {
    var q = new Questionnaire();
    q.setId(instrument.code());
    q.setUrl(url(instrument.code()));
    q.setName(instrument.code());
    q.setTitle(instrument.name());
    q.setVersion(instrument.version());
    q.setStatus(PublicationStatus.ACTIVE);
    for (var item : instrument.items()) {
      var question =
          q.addItem()
              .setLinkId(item.code())
              .setText(item.label())
              .setType(QuestionnaireItemType.INTEGER)
              .setRequired(item.countsInTotal());
      if (item.allowed() != null && !item.allowed().isEmpty()) {
        item.allowed().forEach(v -> question.addAnswerOption().setValue(new IntegerType(v)));
      } else {
        question.addExtension(MIN_VALUE, new IntegerType(item.min()));
        question.addExtension(MAX_VALUE, new IntegerType(item.max()));
      }
    }
    return q;
  }

  /** An assessment's current revision: its answers, item by item, and its scores. */
  static QuestionnaireResponse response(AssessmentView a, Instrument instrument) {
    var r = new QuestionnaireResponse();
    r.setId(a.id().toString());
    r.setQuestionnaire(url(a.instrument()));
    // A corrected assessment (revision 2 on) was changed after it was first completed.
    r.setStatus(
        a.revision() > 1
            ? QuestionnaireResponseStatus.AMENDED
            : QuestionnaireResponseStatus.COMPLETED);
    r.setSubject(
        new Reference()
            .setIdentifier(
                new Identifier().setSystem(PARTICIPANT_SYSTEM).setValue(a.participantCode())));
    r.setAuthored(Date.from(a.administeredAt()));
    Map<String, String> labels = new TreeMap<>();
    if (instrument != null) {
      instrument.items().forEach(item -> labels.put(item.code(), item.label()));
    }
    // In the instrument's order where it is known, so a reader sees the form as it was filled.
    var order =
        instrument == null
            ? a.responses().keySet().stream().sorted().toList()
            : instrument.items().stream().map(Instrument.Item::code).toList();
    for (var code : order) {
      var value = a.responses().get(code);
      if (value == null) {
        continue;
      }
      r.addItem()
          .setLinkId(code)
          .setText(labels.get(code))
          .addAnswer()
          .setValue(new IntegerType(value));
    }
    r.addExtension(TOTAL_SCORE, new IntegerType(a.total()));
    if (a.band() != null) {
      r.addExtension(SEVERITY_BAND, new StringType(a.band()));
    }
    r.addExtension(TIMEPOINT, new CodeType(a.timepoint().name()));
    r.addExtension(
        SITE,
        new Reference()
            .setIdentifier(new Identifier().setSystem(SITE_SYSTEM).setValue(a.siteCode())));
    if (a.recordedAt() != null) {
      r.getMeta().setLastUpdated(Date.from(a.recordedAt()));
    }
    return r;
  }
}
