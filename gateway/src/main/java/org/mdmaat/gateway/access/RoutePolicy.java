package org.mdmaat.gateway.access;

import static org.mdmaat.gateway.access.RoutePolicy.Methods.ANY;
import static org.mdmaat.gateway.access.RoutePolicy.Methods.READ;
import static org.mdmaat.platform.security.Roles.DEVICE;
import static org.mdmaat.platform.security.Roles.DSMB;
import static org.mdmaat.platform.security.Roles.INVESTIGATOR;
import static org.mdmaat.platform.security.Roles.PHARMACIST;
import static org.mdmaat.platform.security.Roles.PLATFORM_OPERATOR;
import static org.mdmaat.platform.security.Roles.RATER;
import static org.mdmaat.platform.security.Roles.REGULATOR;
import static org.mdmaat.platform.security.Roles.SITE_COORDINATOR;
import static org.mdmaat.platform.security.Roles.SPONSOR;
import static org.mdmaat.platform.security.Roles.THERAPIST;
import static org.mdmaat.platform.security.Roles.UNBLINDED_STATISTICIAN;

import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Set;
import org.mdmaat.platform.security.Roles;

/**
 * The gateway's coarse authorization: which realm roles may use which routes, checked before a
 * request reaches a service (which checks again, finer: sites, sponsors, record state). The first
 * rule whose path pattern and methods match decides. The last rule takes any signed-in caller on to
 * the router, which answers 404 for a path no service or gateway API serves.
 *
 * <p>A role passes a service's rule only if some endpoint under it accepts the role, and every role
 * an endpoint's {@code @RolesAllowed} accepts passes: {@code RoutePermissionsTest} reads the
 * services' sources and the realm and fails when they disagree, and generates the README's table
 * from this one.
 */
public final class RoutePolicy {

  /** Every realm role (platform-web's {@link Roles}, the names the services check too). */
  public static final Set<String> ALL_ROLES = Roles.ALL;

  /** Which methods a rule covers. Reading methods change nothing; any other method writes. */
  enum Methods {
    READ(Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS)),
    WRITE(Set.of()),
    POST(Set.of(HttpMethod.POST)),
    ANY(Set.of());

    private final Set<HttpMethod> methods;

    Methods(Set<HttpMethod> methods) {
      this.methods = methods;
    }

    boolean covers(HttpMethod method) {
      return switch (this) {
        case ANY -> true;
        case WRITE -> !READ.covers(method);
        default -> methods.contains(method);
      };
    }
  }

  /** One line of the table. */
  record Rule(PathPattern path, Methods methods, Access access) {
    boolean matches(HttpMethod method, String normalizedPath) {
      return methods.covers(method) && path.matches(normalizedPath);
    }
  }

  private static Rule rule(String path, Methods methods, Access access) {
    return new Rule(PathPattern.of(path), methods, access);
  }

  private static Access roles(String... roles) {
    return new Access.RolesAllowed(Set.of(roles));
  }

  private static final Access REGULATOR_ONLY = roles(REGULATOR);
  private static final Access READ_ONLY = new Access.ReadOnly("GET, HEAD");

  static final List<Rule> TABLE =
      List.of(
          // The regulator's audit trails: the gateway's own cross-service API and each service's.
          rule("/api/audit/**", READ, REGULATOR_ONLY),
          rule("/api/audit/**", ANY, READ_ONLY),
          rule("/api/*/audit/**", READ, REGULATOR_ONLY),
          rule("/api/*/audit/**", ANY, READ_ONLY),
          // Each service's dead letters and their audited replay (platform DeadLetterResource).
          rule("/api/*/admin/**", ANY, roles(PLATFORM_OPERATOR)),
          // The platform's API document.
          rule("/api/openapi", READ, new Access.Anonymous()),
          // The services' FHIR CapabilityStatements (merged at /fhir/r4/metadata): public.
          rule("/api/safety/fhir/r4/metadata", READ, new Access.Anonymous()),
          // The device ingest as the service serves it: the device role reaches nothing else.
          rule("/api/safety/fhir/r4", Methods.POST, roles(INVESTIGATOR, THERAPIST, DEVICE)),
          rule("/api/recruitment/fhir/r4/metadata", READ, new Access.Anonymous()),
          rule("/api/outcomes/fhir/r4/metadata", READ, new Access.Anonymous()),
          // SDTM submission datasets (CDISC Dataset-JSON), each domain from the service owning its
          // data: the trial's sponsor, and regulators (who the services serve after unblinding).
          rule("/api/recruitment/trials/*/sdtm/*", READ, roles(SPONSOR, REGULATOR)),
          rule("/api/safety/trials/*/sdtm/*", READ, roles(SPONSOR, REGULATOR)),
          rule("/api/outcomes/trials/*/sdtm/*", READ, roles(SPONSOR, REGULATOR)),
          rule("/api/sessions/trials/*/sdtm/*", READ, roles(SPONSOR, REGULATOR)),
          // A trial's ClinicalTrials.gov record, for registration: its sponsor (issue 21).
          rule("/api/recruitment/trials/*/registration", READ, roles(SPONSOR)),
          // The ODM 1.3.2 study export (the gateway's, below) and each service's part of it.
          rule("/api/recruitment/trials/*/odm/*", READ, roles(SPONSOR, REGULATOR)),
          rule("/api/sessions/trials/*/odm/*", READ, roles(SPONSOR, REGULATOR)),
          rule("/api/safety/trials/*/odm/*", READ, roles(SPONSOR, REGULATOR)),
          rule("/api/outcomes/trials/*/odm/*", READ, roles(SPONSOR, REGULATOR)),
          // The public: open recruitment calls and the pre-screen questionnaire.
          rule("/api/recruitment/recruitment-calls/**", READ, new Access.Anonymous()),
          rule("/api/recruitment/pre-screens", Methods.POST, new Access.Anonymous()),
          // recruitment: trials, sites, candidates, participants, randomization.
          rule(
              "/api/recruitment/**",
              READ,
              roles(
                  SPONSOR,
                  SITE_COORDINATOR,
                  INVESTIGATOR,
                  PHARMACIST,
                  DSMB,
                  UNBLINDED_STATISTICIAN,
                  REGULATOR)),
          rule(
              "/api/recruitment/**",
              Methods.WRITE,
              roles(
                  SPONSOR,
                  SITE_COORDINATOR,
                  INVESTIGATOR,
                  PHARMACIST,
                  DSMB,
                  UNBLINDED_STATISTICIAN)),
          // sessions: schedules, bookings, dosing, kit accountability.
          rule(
              "/api/sessions/**",
              READ,
              roles(SITE_COORDINATOR, INVESTIGATOR, THERAPIST, PHARMACIST)),
          rule(
              "/api/sessions/**",
              Methods.WRITE,
              roles(SITE_COORDINATOR, INVESTIGATOR, THERAPIST, PHARMACIST)),
          // safety: vitals, adverse events, holds, stopping rules, DSMB summaries. Raters record
          // C-SSRS screens at their assessments.
          rule("/api/safety/cssrs-screens", Methods.POST, roles(INVESTIGATOR, THERAPIST, RATER)),
          rule(
              "/api/safety/**",
              READ,
              roles(INVESTIGATOR, THERAPIST, SITE_COORDINATOR, DSMB, SPONSOR)),
          rule(
              "/api/safety/**",
              Methods.WRITE,
              roles(INVESTIGATOR, THERAPIST, SITE_COORDINATOR, DSMB, SPONSOR)),
          // outcomes: assessments, blinding indices, statistics.
          rule(
              "/api/outcomes/**",
              READ,
              roles(
                  RATER,
                  INVESTIGATOR,
                  SITE_COORDINATOR,
                  THERAPIST,
                  DSMB,
                  UNBLINDED_STATISTICIAN,
                  SPONSOR,
                  REGULATOR)),
          rule(
              "/api/outcomes/**",
              Methods.WRITE,
              roles(RATER, INVESTIGATOR, SITE_COORDINATOR, THERAPIST, SPONSOR)),
          // One ODM 1.3.2 file of a trial, merged by the gateway from the services' parts.
          rule("/api/trials/*/study.odm.xml", READ, roles(SPONSOR, REGULATOR)),
          // Anything else under /api: signed in, then the router answers 404.
          rule("/api/**", ANY, new Access.RolesAllowed(Set.of())),
          // FHIR R4 (routing.FhirRoutes sends each resource type to the service owning it): what
          // the server supports is public; vital-sign Observations as safety-service's vitals API.
          rule("/fhir/r4/metadata", READ, new Access.Anonymous()),
          // A monitor's Bundles: staff, or its own client (device role; the site in its token).
          rule("/fhir/r4", Methods.POST, roles(INVESTIGATOR, THERAPIST, DEVICE)),
          rule("/fhir/r4/Observation/**", READ, roles(INVESTIGATOR, THERAPIST, SITE_COORDINATOR)),
          // Adverse events as safety-service's adverse-events API reads them.
          rule("/fhir/r4/AdverseEvent/**", READ, roles(INVESTIGATOR, THERAPIST, SITE_COORDINATOR)),
          // Trials as recruitment's FHIR API reads them: the sponsor's, and those at staff's sites.
          rule("/fhir/r4/ResearchStudy/**", READ, roles(SPONSOR, INVESTIGATOR, SITE_COORDINATOR)),
          // Participants by code, as the participants API: site staff of their own sites.
          rule("/fhir/r4/ResearchSubject/**", READ, roles(INVESTIGATOR, SITE_COORDINATOR)),
          // Instruments as outcomes' instruments API: everyone who works with outcomes.
          rule(
              "/fhir/r4/Questionnaire/**",
              READ,
              roles(RATER, INVESTIGATOR, SITE_COORDINATOR, THERAPIST, SPONSOR, DSMB, REGULATOR)),
          // Assessments as outcomes' assessments API: raters and site staff of their own sites.
          rule(
              "/fhir/r4/QuestionnaireResponse/**",
              READ,
              roles(RATER, INVESTIGATOR, SITE_COORDINATOR)),
          // Anything else under /fhir: signed in, then the router answers 404.
          rule("/fhir/**", ANY, new Access.RolesAllowed(Set.of())));

  private RoutePolicy() {}

  /** The access the table gives this request; null outside {@code /api} and {@code /fhir}. */
  public static Access decide(HttpMethod method, String normalizedPath) {
    for (var rule : TABLE) {
      if (rule.matches(method, normalizedPath)) {
        return rule.access();
      }
    }
    return null;
  }
}
