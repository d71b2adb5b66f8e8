package org.mdmaat.outcomes.fhir;

import java.util.Date;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementKind;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;

/**
 * What this service's FHIR R4 endpoint really does: Questionnaire and QuestionnaireResponse read
 * and search. The gateway merges it with the other services' into the platform's one statement.
 */
final class Capability {
  private Capability() {}

  static CapabilityStatement statement(Date started) {
    var cs = new CapabilityStatement();
    cs.setStatus(PublicationStatus.ACTIVE);
    cs.setDate(started);
    cs.setKind(CapabilityStatementKind.INSTANCE);
    cs.setFhirVersion(FHIRVersion._4_0_1);
    cs.addFormat("application/fhir+json");
    cs.addFormat("json");
    cs.getSoftware().setName("mdmaat outcomes-service");
    cs.getImplementation().setDescription("Instruments and assessments (outcomes-service)");
    var rest = cs.addRest().setMode(RestfulCapabilityMode.SERVER);
    rest.getSecurity()
        .setDescription(
            "OAuth2 bearer tokens of the trials realm. Questionnaire: everyone who works with"
                + " outcomes (as the instruments API). QuestionnaireResponse: raters,"
                + " investigators and site coordinators, assessments of their own sites only (as"
                + " the assessments API); never an arm.");
    var questionnaire = resource(rest, "Questionnaire");
    paging(questionnaire);
    var response = resource(rest, "QuestionnaireResponse");
    param(
        response,
        "subject",
        SearchParamType.REFERENCE,
        "Required: the participant's code, or subject:identifier="
            + QuestionnaireResources.PARTICIPANT_SYSTEM
            + "|<code>");
    paging(response);
    return cs;
  }

  private static CapabilityStatement.CapabilityStatementRestResourceComponent resource(
      CapabilityStatement.CapabilityStatementRestComponent rest, String type) {
    var resource = rest.addResource().setType(type);
    resource.addInteraction().setCode(TypeRestfulInteraction.READ);
    resource.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
    resource.setReadHistory(false).setUpdateCreate(false);
    resource.addReferencePolicy(CapabilityStatement.ReferenceHandlingPolicy.LOCAL);
    resource.setVersioning(CapabilityStatement.ResourceVersionPolicy.NOVERSION);
    return resource;
  }

  private static void paging(CapabilityStatement.CapabilityStatementRestResourceComponent r) {
    param(r, "_count", SearchParamType.NUMBER, "Per page, 1 to 200 (50)");
    param(r, "_page", SearchParamType.NUMBER, "The page, from 0 (the next link)");
  }

  private static void param(
      CapabilityStatement.CapabilityStatementRestResourceComponent resource,
      String name,
      SearchParamType type,
      String documentation) {
    resource.addSearchParam().setName(name).setType(type).setDocumentation(documentation);
  }
}
