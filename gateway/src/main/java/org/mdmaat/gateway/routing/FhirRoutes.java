package org.mdmaat.gateway.routing;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.mdmaat.platform.problem.VertxProblems;

/**
 * The platform's one FHIR R4 base URL, {@code /fhir/r4}: each resource type is relayed to the
 * service that owns its data, which serves it under its own API path ({@code /fhir/r4/Observation}
 * → safety-service's {@code /api/safety/fhir/r4/Observation}). Installed after the front door,
 * which has already authenticated, authorized ({@code access.RoutePolicy}) and rate-limited the
 * request.
 */
@ApplicationScoped
public class FhirRoutes {
  public static final String BASE = "/fhir/r4";

  private static final Logger LOG = Logger.getLogger(FhirRoutes.class);

  /**
   * Which service serves each resource type ({@code metadata} is the gateway's own, merged by
   * {@link FhirCapabilities}). A transaction or batch Bundle posted to the base is a monitor's
   * vital signs: safety-service's.
   */
  static final Map<String, String> OWNERS =
      Map.of(
          "Observation", "safety",
          "AdverseEvent", "safety",
          "ResearchStudy", "recruitment",
          "ResearchSubject", "recruitment",
          "Questionnaire", "outcomes",
          "QuestionnaireResponse", "outcomes");

  static final String BUNDLES = "safety";

  void install(
      @Observes @Priority(ServiceRoutes.INSTALL_ORDER) Router router,
      Upstreams upstreams,
      GatewayConfig config) {
    var bodies = BodyHandler.create(false).setBodyLimit(config.maxBodySize().asLongValue());
    var relays = new HashMap<String, ServiceRelay>();
    for (var upstream : upstreams.all()) {
      relays.put(upstream.name(), new ServiceRelay(upstream, config.timeout(), upstream.path()));
    }
    // The platform's one CapabilityStatement, merged from the services' (FhirCapabilities).
    var serving =
        upstreams.all().stream()
            .filter(u -> OWNERS.containsValue(u.name()) || BUNDLES.equals(u.name()))
            .toList();
    var capabilities = new FhirCapabilities(serving, config.timeout());
    router.get(BASE + "/metadata").handler(capabilities::serve);
    router.head(BASE + "/metadata").handler(capabilities::serve);
    router.route(BASE).handler(bodies).handler(ctx -> relay(ctx, relays));
    router.route(BASE + "/*").handler(bodies).handler(ctx -> relay(ctx, relays));
    router.route("/fhir/*").handler(FhirRoutes::unrouted);
    LOG.infof("route %s/{type} -> %s", BASE, OWNERS);
  }

  private static void relay(RoutingContext ctx, Map<String, ServiceRelay> relays) {
    var owner = owner(ctx.request().method(), ctx.normalizedPath()).map(relays::get);
    if (owner.isEmpty()) {
      unrouted(ctx);
      return;
    }
    owner.get().relay(ctx);
  }

  /** The service that serves this FHIR request; empty when none does. */
  static Optional<String> owner(HttpMethod method, String normalizedPath) {
    if (normalizedPath.equals(BASE) || normalizedPath.equals(BASE + "/")) {
      return method == HttpMethod.POST ? Optional.of(BUNDLES) : Optional.empty();
    }
    if (!normalizedPath.startsWith(BASE + "/")) {
      return Optional.empty();
    }
    var rest = normalizedPath.substring(BASE.length() + 1);
    int slash = rest.indexOf('/');
    var type = slash < 0 ? rest : rest.substring(0, slash);
    return Optional.ofNullable(OWNERS.get(type));
  }

  private static void unrouted(RoutingContext ctx) {
    VertxProblems.answer(
        ctx, 404, "GW-0404", "No FHIR R4 interaction at " + ctx.normalizedPath() + " here.");
  }
}
