package org.mdmaat.recruitment.fhir;

import java.util.Date;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementKind;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;

/**
 * What this service's FHIR R4 endpoint really does: ResearchStudy and ResearchSubject read and
 * search. The gateway merges it with the other services' into the platform's one statement.
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
    cs.getSoftware().setName("mdmaat recruitment-service");
    cs.getImplementation().setDescription("Trials and participants (recruitment-service)");
    var rest = cs.addRest().setMode(RestfulCapabilityMode.SERVER);
    rest.getSecurity()
        .setDescription(
            "OAuth2 bearer tokens of the trials realm. ResearchStudy: the sponsor's own trials,"
                + " and investigators and site coordinators the trials held at their sites."
                + " ResearchSubject: investigators and site coordinators, participants of their"
                + " own sites only (each read is written to the access log).");
    var study = resource(rest, "ResearchStudy");
    param(
        study,
        "status",
        SearchParamType.TOKEN,
        "The R4 status (mapped from the ClinicalTrials.gov status); several comma-separated");
    paging(study);
    var subject = resource(rest, "ResearchSubject");
    param(subject, "study", SearchParamType.REFERENCE, "The trial: its id or ResearchStudy/<id>");
    paging(subject);
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
