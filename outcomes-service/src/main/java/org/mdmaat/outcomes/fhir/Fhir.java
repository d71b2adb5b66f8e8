package org.mdmaat.outcomes.fhir;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The service's one FHIR R4 context (costly to build, thread-safe): HAPI writes every resource this
 * service answers. Built at start-up, so the model scan does not fall on the first request.
 */
@ApplicationScoped
@Startup
public class Fhir {
  public static final String MEDIA_TYPE = "application/fhir+json";

  private final FhirContext context;

  Fhir() {
    context = FhirContext.forR4();
    context.newJsonParser().encodeResourceToString(new org.hl7.fhir.r4.model.Questionnaire());
  }

  public String json(IBaseResource resource) {
    return context.newJsonParser().encodeResourceToString(resource);
  }
}
