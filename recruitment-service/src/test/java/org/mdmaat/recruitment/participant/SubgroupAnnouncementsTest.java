package org.mdmaat.recruitment.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.mdmaat.recruitment.Api.as;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.ParticipantSubgroupsRecorded;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.recruitment.Api;
import org.mdmaat.recruitment.SelfServedPort;

/**
 * The four subgroup facts reach outcomes-service: ParticipantSubgroupsRecorded at enrollment and
 * after each correction (issue 16), with a growing revision; a refused correction announces
 * nothing.
 */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "recruitment"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPort.class)
class SubgroupAnnouncementsTest {
  private static final String P = "/api/recruitment/participants";

  @Inject ObjectMapper json;

  private ParticipantSubgroupsRecorded nth(String code, int n) throws Exception {
    var found =
        Api.events(
            Topics.PARTICIPANTS,
            code,
            e -> e.type().equals(EventTypes.PARTICIPANT_SUBGROUPS_RECORDED),
            n);
    assertThat(found).hasSize(n);
    return json.treeToValue(found.get(n - 1).data(), ParticipantSubgroupsRecorded.class);
  }

  @Test
  void enrollmentAndEachCorrectionAnnounceAllFourFactsWithAGrowingRevision() throws Exception {
    var trial = Api.recruitingTrial();
    var code = ParticipantLifecycleTest.enrolled(trial);

    var atEnrollment = nth(code, 1);
    assertThat(atEnrollment.trialId()).isEqualTo(trial);
    assertThat(atEnrollment.siteCode()).isEqualTo("US-SF-01");
    assertThat(atEnrollment.dissociativeSubtype()).isTrue();
    assertThat(atEnrollment.veteran()).isTrue();
    assertThat(atEnrollment.combatExposure()).isTrue();
    assertThat(atEnrollment.traumaticBrainInjury()).isFalse();
    assertThat(atEnrollment.reason()).isNull();

    as("investigator.sf")
        .body(
            Map.of(
                "combatExposure", false,
                "traumaticBrainInjury", true,
                "reason", "service record received"))
        .when()
        .post(P + "/{code}/characteristics", code)
        .then()
        .statusCode(200)
        .body("traumaticBrainInjury", equalTo(true));
    var corrected = nth(code, 2);
    assertThat(corrected.revision()).isGreaterThan(atEnrollment.revision());
    assertThat(corrected.combatExposure()).isFalse();
    assertThat(corrected.traumaticBrainInjury()).isTrue();
    assertThat(corrected.veteran()).isTrue();
    assertThat(corrected.reason()).isEqualTo("service record received");

    // Another site's participant: 404 and nothing announced (the next event is the next
    // correction that succeeds).
    as("coordinator.bos")
        .body(Map.of("veteran", false, "reason", "wrong site"))
        .when()
        .post(P + "/{code}/characteristics", code)
        .then()
        .statusCode(404);
    as("coordinator.sf")
        .body(Map.of("veteran", false, "reason", "not a veteran after all"))
        .when()
        .post(P + "/{code}/characteristics", code)
        .then()
        .statusCode(200);
    var third = nth(code, 3);
    assertThat(third.reason()).isEqualTo("not a veteran after all");
    assertThat(third.veteran()).isFalse();
    assertThat(third.revision()).isGreaterThan(corrected.revision());
  }
}
