package org.mdmaat.safety.fhir;

import java.util.Date;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementKind;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;

/**
 * What this service's FHIR R4 endpoint really does, and nothing more: Observation and AdverseEvent
 * read and search (of the caller's sites), and transaction and batch Bundles of new vital-sign
 * Observations. Other resource types of the platform are served by the services that own them.
 */
final class Capability {
  private Capability() {}

  private static void param(
      CapabilityStatement.CapabilityStatementRestResourceComponent resource,
      String name,
      SearchParamType type,
      String documentation) {
    resource.addSearchParam().setName(name).setType(type).setDocumentation(documentation);
  }

  static CapabilityStatement statement(Date started) {
    var cs = new CapabilityStatement();
    cs.setStatus(PublicationStatus.ACTIVE);
    cs.setDate(started);
    cs.setKind(CapabilityStatementKind.INSTANCE);
    cs.setFhirVersion(FHIRVersion._4_0_1);
    cs.addFormat("application/fhir+json");
    cs.addFormat("json");
    cs.getSoftware().setName("mdmaat safety-service");
    cs.getImplementation().setDescription("Vital signs of dosing sessions (safety-service)");
    var rest = cs.addRest().setMode(RestfulCapabilityMode.SERVER);
    rest.getSecurity()
        .setDescription(
            "OAuth2 bearer tokens of the trials realm. Reading Observations and AdverseEvents:"
                + " investigator, therapist or site-coordinator, of their own sites only. Posting Bundles:"
                + " investigator or therapist, for participants of their own sites.");
    rest.addInteraction()
        .setCode(SystemRestfulInteraction.TRANSACTION)
        .setDocumentation(
            "New vital-sign Observations of one or several participants' dosing sessions, all or nothing");
    rest.addInteraction()
        .setCode(SystemRestfulInteraction.BATCH)
        .setDocumentation("New vital-sign Observations, each entry answered on its own");
    var observation = rest.addResource().setType("Observation");
    observation.addInteraction().setCode(TypeRestfulInteraction.READ);
    observation.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
    observation.setReadHistory(false).setUpdateCreate(false);
    param(
        observation,
        "subject",
        SearchParamType.REFERENCE,
        "The participant's code, or subject:identifier=urn:mdmaat:participant-code|<code>");
    param(
        observation,
        "encounter",
        SearchParamType.REFERENCE,
        "The dosing session, or encounter:identifier=urn:mdmaat:session|<id>");
    param(
        observation,
        "code",
        SearchParamType.TOKEN,
        "LOINC 8480-6, 8462-4, 8867-4, 8310-5 or 59408-5");
    param(observation, "date", SearchParamType.DATE, "When measured; eq, ge, gt, le, lt");
    param(
        observation,
        "_count",
        SearchParamType.NUMBER,
        "Readings per page, 1 to 200 (50); each gives one Observation per vital it holds");
    param(observation, "_offset", SearchParamType.NUMBER, "Readings skipped (the next link)");
    observation.addReferencePolicy(CapabilityStatement.ReferenceHandlingPolicy.LOGICAL);
    observation.setVersioning(CapabilityStatement.ResourceVersionPolicy.NOVERSION);
    var adverse = rest.addResource().setType("AdverseEvent");
    adverse.addInteraction().setCode(TypeRestfulInteraction.READ);
    adverse.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
    adverse.setReadHistory(false).setUpdateCreate(false);
    param(
        adverse,
        "subject",
        SearchParamType.REFERENCE,
        "The participant's code, or urn:mdmaat:participant-code|<code>");
    param(adverse, "study", SearchParamType.REFERENCE, "The trial: its id or ResearchStudy/<id>");
    param(adverse, "_count", SearchParamType.NUMBER, "Per page, 1 to 200 (50)");
    param(adverse, "_page", SearchParamType.NUMBER, "The page, from 0 (the next link)");
    adverse.setVersioning(CapabilityStatement.ResourceVersionPolicy.VERSIONED);
    return cs;
  }
}
