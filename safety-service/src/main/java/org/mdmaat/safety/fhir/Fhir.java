package org.mdmaat.safety.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.mdmaat.platform.problem.Problem;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.safety.Problems;

/**
 * The service's one FHIR R4 context (costly to build, thread-safe) with its JSON parser settings
 * and validator. Parsing is strict: an unknown element or a malformed value is refused, never
 * dropped. Resources are checked against the FHIR R4 schema (hapi-fhir-validation-resources-r4);
 * HAPI's profile validator (hapi-fhir-validation) is not served by the registry here.
 *
 * <p>Built at start-up (scanning the model and loading the schema take seconds) and used off the
 * event loop for anything large: parsing and schema checks are CPU work.
 */
@ApplicationScoped
@Startup
public class Fhir {
  public static final String MEDIA_TYPE = "application/fhir+json";

  private final FhirContext context;
  private final FhirValidator validator;

  Fhir() {
    context = FhirContext.forR4();
    context.setParserErrorHandler(new StrictErrorHandler());
    validator = context.newValidator();
    validator.setValidateAgainstStandardSchema(true);
    validator.setValidateAgainstStandardSchematron(false);
    // Warm up now, not on the first request: the model scan, the parser and the schema.
    var warm = new org.hl7.fhir.r4.model.Observation();
    warm.setStatus(org.hl7.fhir.r4.model.Observation.ObservationStatus.FINAL);
    warm.getCode().setText("start-up");
    context.newJsonParser().parseResource(context.newJsonParser().encodeResourceToString(warm));
    validator.validateWithResult(warm);
  }

  /** Reads {@code json} as a {@code type}; a 400 {@code SAF-0400-FHIR} problem if it is not. */
  public <T extends IBaseResource> T parse(String json, Class<T> type) {
    if (json == null || json.isBlank()) {
      throw Problems.FHIR_INVALID.problem(
          "The body is empty: a FHIR R4 " + name(type) + " is expected");
    }
    IBaseResource resource;
    try {
      resource = context.newJsonParser().parseResource(json);
    } catch (DataFormatException | IllegalArgumentException e) {
      throw Problems.FHIR_INVALID.problem(
          "Not FHIR R4 JSON: " + e.getMessage(), List.of(new Violation(null, e.getMessage())));
    }
    if (!type.isInstance(resource)) {
      throw Problems.FHIR_INVALID.problem(
          "A " + name(type) + " is expected, not a " + resource.fhirType());
    }
    return type.cast(resource);
  }

  /**
   * What the FHIR R4 schema finds wrong with {@code resource} (each at its path); empty if fine.
   */
  public List<Violation> violations(IBaseResource resource) {
    var found = new ArrayList<Violation>();
    for (var message : validator.validateWithResult(resource).getMessages()) {
      if (message.getSeverity() != null
          && message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()) {
        found.add(new Violation(message.getLocationString(), message.getMessage()));
      }
    }
    return found;
  }

  /** A 400 problem for a resource the schema refuses. */
  public static Problem invalid(String what, List<Violation> violations) {
    return Problems.FHIR_INVALID.problem(
        what + " is not valid FHIR R4: " + violations.get(0).message(), violations);
  }

  public String json(IBaseResource resource) {
    return context.newJsonParser().encodeResourceToString(resource);
  }

  private String name(Class<? extends IBaseResource> type) {
    return context.getResourceDefinition(type).getName();
  }
}
