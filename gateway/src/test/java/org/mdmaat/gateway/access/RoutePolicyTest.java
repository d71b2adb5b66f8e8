package org.mdmaat.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutePolicyTest {

  @Test
  void patternsMatchBySegment() {
    var underSafety = PathPattern.of("/api/safety/**");
    assertThat(underSafety.matches("/api/safety")).isTrue();
    assertThat(underSafety.matches("/api/safety/holds/1")).isTrue();
    assertThat(underSafety.matches("/api/safetyx")).isFalse();
    assertThat(underSafety.matches("/api/safetyx/holds")).isFalse();
    var anyAudit = PathPattern.of("/api/*/audit/**");
    assertThat(anyAudit.matches("/api/sessions/audit")).isTrue();
    assertThat(anyAudit.matches("/api/sessions/audit/verify")).isTrue();
    assertThat(anyAudit.matches("/api/sessions/audits")).isFalse();
    assertThat(anyAudit.matches("/api/sessions/x/audit")).isFalse();
    var exact = PathPattern.of("/api/recruitment/pre-screens");
    assertThat(exact.matches("/api/recruitment/pre-screens")).isTrue();
    assertThat(exact.matches("/api/recruitment/pre-screens/1")).isFalse();
  }

  @Test
  void publicRoutesAreOnlyTheOnesNamed() {
    assertThat(RoutePolicy.decide(HttpMethod.GET, "/api/recruitment/recruitment-calls/7"))
        .isInstanceOf(Access.Anonymous.class);
    assertThat(RoutePolicy.decide(HttpMethod.POST, "/api/recruitment/pre-screens"))
        .isInstanceOf(Access.Anonymous.class);
    assertThat(RoutePolicy.decide(HttpMethod.GET, "/api/recruitment/pre-screens"))
        .isNotInstanceOf(Access.Anonymous.class);
    assertThat(RoutePolicy.decide(HttpMethod.POST, "/api/recruitment/recruitment-calls"))
        .isEqualTo(
            new Access.RolesAllowed(
                Set.of(
                    "sponsor",
                    "site-coordinator",
                    "investigator",
                    "pharmacist",
                    "dsmb",
                    "unblinded-statistician")));
  }

  @Test
  void aTrialsRegistrationRecordIsItsSponsorsToRead() {
    assertThat(RoutePolicy.decide(HttpMethod.GET, "/api/recruitment/trials/T-1/registration"))
        .isEqualTo(new Access.RolesAllowed(Set.of("sponsor")));
    // Not the rest of the recruitment API's readers (the site roles, the DSMB, ...).
    assertThat(RoutePolicy.decide(HttpMethod.GET, "/api/recruitment/trials/T-1"))
        .isNotEqualTo(new Access.RolesAllowed(Set.of("sponsor")));
  }

  @Test
  void auditRoutesAreTheRegulatorsAndReadOnly() {
    assertThat(RoutePolicy.decide(HttpMethod.GET, "/api/safety/audit/verify"))
        .isEqualTo(new Access.RolesAllowed(Set.of("regulator")));
    assertThat(RoutePolicy.decide(HttpMethod.PATCH, "/api/audit/export"))
        .isInstanceOf(Access.ReadOnly.class);
  }

  @Test
  void everyRoleReadsSomethingAndTheRegulatorWritesNothing() {
    for (var role : RoutePolicy.ALL_ROLES) {
      boolean reads =
          RoutePolicy.TABLE.stream()
              .anyMatch(
                  rule ->
                      rule.access() instanceof Access.RolesAllowed allowed
                          && !allowed.roles().isEmpty()
                          && allowed.roles().contains(role));
      assertThat(reads).as(role).isTrue();
    }
    for (var service : new String[] {"recruitment", "sessions", "safety", "outcomes"}) {
      var write = RoutePolicy.decide(HttpMethod.POST, "/api/" + service + "/x");
      assertThat(((Access.RolesAllowed) write).roles()).doesNotContain("regulator");
    }
  }

  @Test
  void fhirRoutesFollowTheVitalsApi() {
    assertThat(RoutePolicy.decide(HttpMethod.GET, "/fhir/r4/metadata"))
        .isInstanceOf(Access.Anonymous.class);
    assertThat(RoutePolicy.decide(HttpMethod.POST, "/fhir/r4"))
        .isEqualTo(new Access.RolesAllowed(Set.of("investigator", "therapist", "device")));
    assertThat(RoutePolicy.decide(HttpMethod.GET, "/fhir/r4/Observation"))
        .isEqualTo(
            new Access.RolesAllowed(Set.of("investigator", "therapist", "site-coordinator")));
    assertThat(RoutePolicy.decide(HttpMethod.GET, "/fhir/r4/Observation/1.spo2"))
        .isEqualTo(
            new Access.RolesAllowed(Set.of("investigator", "therapist", "site-coordinator")));
    // Trials and participants as recruitment's FHIR API reads them.
    assertThat(RoutePolicy.decide(HttpMethod.GET, "/fhir/r4/ResearchStudy"))
        .isEqualTo(new Access.RolesAllowed(Set.of("sponsor", "investigator", "site-coordinator")));
    assertThat(RoutePolicy.decide(HttpMethod.GET, "/fhir/r4/ResearchSubject/P-1"))
        .isEqualTo(new Access.RolesAllowed(Set.of("investigator", "site-coordinator")));
    // Anything else under /fhir: signed in, then 404.
    assertThat(RoutePolicy.decide(HttpMethod.GET, "/fhir/r4/Patient"))
        .isEqualTo(new Access.RolesAllowed(Set.of()));
    assertThat(RoutePolicy.decide(HttpMethod.GET, "/elsewhere")).isNull();
  }
}
