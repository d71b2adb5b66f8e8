package org.mdmaat.gateway.routing;

import ca.uhn.fhir.context.FhirContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementKind;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.jboss.logging.Logger;

/**
 * The platform's one CapabilityStatement ({@code GET /fhir/r4/metadata}), merged from the services'
 * own at each request: every service is asked for its statement, and only what the gateway really
 * routes to that service is kept (a resource type of {@link FhirRoutes#OWNERS} owned by it, the
 * transaction and batch interactions of the service taking Bundles). A service that does not
 * answer, or answers no CapabilityStatement, contributes nothing: the statement never claims what
 * cannot be reached now.
 */
final class FhirCapabilities {
  private static final Logger LOG = Logger.getLogger(FhirCapabilities.class);
  private static final String MEDIA_TYPE = "application/fhir+json";

  private final FhirContext fhir = FhirContext.forR4();
  private final List<Upstream> upstreams;
  private final Duration timeout;

  FhirCapabilities(List<Upstream> upstreams, Duration timeout) {
    this.upstreams = upstreams;
    this.timeout = timeout;
  }

  void serve(RoutingContext ctx) {
    var asks = new ArrayList<Uni<Map.Entry<String, CapabilityStatement>>>();
    for (var upstream : upstreams) {
      asks.add(
          upstream
              .send(
                  HttpMethod.GET,
                  upstream.path() + FhirRoutes.BASE + "/metadata",
                  MultiMap.caseInsensitiveMultiMap().add("Accept", MEDIA_TYPE),
                  null,
                  timeout)
              .map(answer -> answer.status() == 200 ? parse(answer.body().toString()) : null)
              .onFailure()
              .recoverWithNull()
              .map(cs -> Map.entry(upstream.name(), cs == null ? new CapabilityStatement() : cs)));
    }
    Uni.join()
        .all(asks)
        .andCollectFailures()
        .subscribe()
        .with(
            statements ->
                ctx.response()
                    .putHeader("Content-Type", MEDIA_TYPE)
                    .end(fhir.newJsonParser().encodeResourceToString(merge(statements))),
            ctx::fail);
  }

  private CapabilityStatement parse(String json) {
    try {
      return fhir.newJsonParser().parseResource(CapabilityStatement.class, json);
    } catch (RuntimeException e) {
      LOG.warnf("A service's FHIR metadata is not a CapabilityStatement: %s", e.getMessage());
      return null;
    }
  }

  /** One statement of what each service serves through the gateway. */
  static CapabilityStatement merge(List<Map.Entry<String, CapabilityStatement>> statements) {
    var cs = new CapabilityStatement();
    cs.setStatus(PublicationStatus.ACTIVE);
    cs.setDate(new Date());
    cs.setKind(CapabilityStatementKind.INSTANCE);
    cs.setFhirVersion(FHIRVersion._4_0_1);
    cs.addFormat("application/fhir+json");
    cs.addFormat("json");
    cs.getSoftware().setName("mdmaat trial platform");
    cs.getImplementation()
        .setDescription("The platform's FHIR R4 base: each resource type served by its owner");
    var rest = cs.addRest().setMode(RestfulCapabilityMode.SERVER);
    var security = new StringBuilder();
    for (var entry : statements) {
      var service = entry.getKey();
      for (var theirs : entry.getValue().getRest()) {
        if (theirs.getMode() != RestfulCapabilityMode.SERVER) {
          continue;
        }
        boolean kept = false;
        for (var resource : theirs.getResource()) {
          if (service.equals(FhirRoutes.OWNERS.get(resource.getType()))) {
            rest.addResource(resource.copy());
            kept = true;
          }
        }
        if (service.equals(FhirRoutes.BUNDLES)) {
          for (var interaction : theirs.getInteraction()) {
            rest.addInteraction(interaction.copy());
            kept = true;
          }
        }
        if (kept && theirs.getSecurity().hasDescription()) {
          security
              .append(security.isEmpty() ? "" : " ")
              .append(theirs.getSecurity().getDescription());
        }
      }
    }
    rest.getResource().sort((a, b) -> a.getType().compareTo(b.getType()));
    if (!security.isEmpty()) {
      rest.getSecurity().setDescription(security.toString());
    }
    return cs;
  }
}
