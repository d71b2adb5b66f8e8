package org.mdmaat.session.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mdmaat.session.SessionFixtures.SF;
import static org.mdmaat.session.SessionFixtures.TRIAL;
import static org.mdmaat.session.SessionFixtures.as;
import static org.mdmaat.session.SessionFixtures.awaitSchedule;
import static org.mdmaat.session.SessionFixtures.booking;
import static org.mdmaat.session.SessionFixtures.newParticipant;
import static org.mdmaat.session.SessionFixtures.passingChecklist;
import static org.mdmaat.session.SessionFixtures.randomize;
import static org.mdmaat.session.SessionFixtures.session;
import static org.mdmaat.session.SessionFixtures.unique;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mdmaat.contracts.grpc.session.MutinyTreatmentTeamGrpc.MutinyTreatmentTeamStub;
import org.mdmaat.contracts.grpc.session.TreatmentTeamRequest;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.devstack.PostgresServer;
import org.mdmaat.session.Therapists;
import org.mdmaat.session.dosing.ScriptedSafetyGate;
import org.mdmaat.session.dosing.SelfServedGatePort;
import org.mdmaat.session.testing.CallingAs;

/**
 * The treatment team outcomes-service asks about: everyone who was in the room (booked, checked in,
 * checked, dosed, monitored, recorded vitals), in lower case, never the coordinator who only
 * booked; and no answer at all rather than a team without the vitals recorders.
 */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @io.quarkus.test.common.ResourceArg(name = "database", value = "session"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedGatePort.class)
class TreatmentTeamTest {
  @Inject ObjectMapper json;

  @GrpcClient("treatment-team-test")
  MutinyTreatmentTeamStub anyCaller;

  /** As outcomes-service calls it: with its own token. */
  MutinyTreatmentTeamStub team;

  @BeforeEach
  void asOutcomesService() {
    team = CallingAs.service(anyCaller, "outcomes-service");
  }

  @AfterEach
  void gateAnswersAgain() {
    ScriptedSafetyGate.answer = ScriptedSafetyGate.Answer.CLEARED;
  }

  List<String> teamOf(String code) {
    return team.getTreatmentTeam(TreatmentTeamRequest.newBuilder().setParticipantCode(code).build())
        .await()
        .indefinitely()
        .getTherapistsList();
  }

  @Test
  void onlyOutcomesServiceMayAskWhoTreatedAParticipant() {
    var request = TreatmentTeamRequest.newBuilder().setParticipantCode(newParticipant()).build();
    for (var caller :
        java.util.List.of(
            java.util.Map.entry(anyCaller, io.grpc.Status.Code.UNAUTHENTICATED),
            java.util.Map.entry(
                CallingAs.service(anyCaller, "safety-service"),
                io.grpc.Status.Code.PERMISSION_DENIED))) {
      var failure =
          org.assertj.core.api.Assertions.catchThrowableOfType(
              io.grpc.StatusRuntimeException.class,
              () -> caller.getKey().getTreatmentTeam(request).await().indefinitely());
      assertThat(failure.getStatus().getCode()).isEqualTo(caller.getValue());
    }
  }

  @Test
  void everyoneWhoActedInTheSessionIsOnTheTeamButNotTheCoordinatorWhoBooked() throws Exception {
    ScriptedSafetyGate.answer = ScriptedSafetyGate.Answer.CLEARED;
    var booked1 = Therapists.fresh();
    var booked2 = Therapists.fresh();
    var checkedIn = Therapists.fresh();
    var checked = Therapists.fresh();
    var dosed = Therapists.fresh();
    var code = newParticipant();
    randomize(json, code, SF, TRIAL);
    org.mdmaat.session.accountability.KitStock.receive("KIT-" + code, "MDMA", 1000);
    var experimental = session(awaitSchedule(code, "coordinator.sf"), "EXPERIMENTAL", 1);
    var id = (String) experimental.get("id");
    as("coordinator.sf")
        .contentType(ContentType.JSON)
        .body(
            booking(
                LocalDate.parse((String) experimental.get("targetDate")),
                unique("room"),
                booked1.toUpperCase(Locale.ROOT),
                booked2))
        .put("/api/sessions/visits/{id}/booking", id)
        .then()
        .statusCode(200);
    as(checkedIn).post("/api/sessions/visits/{id}/check-in", id).then().statusCode(200);
    as(checked)
        .contentType(ContentType.JSON)
        .body(passingChecklist())
        .post("/api/sessions/visits/{id}/pre-dose-checks", id)
        .then()
        .statusCode(200);
    as(dosed)
        .contentType(ContentType.JSON)
        .body(Map.of("mgHcl", 80, "supplemental", false))
        .post("/api/sessions/visits/{id}/doses", id)
        .then()
        .statusCode(201);
    as("investigator.sf").post("/api/sessions/visits/{id}/monitoring", id).then().statusCode(200);
    ScriptedSafetyGate.VITALS_RECORDERS.put(code, List.of("Nurse.Vitals"));

    assertThat(teamOf(code))
        .containsExactlyInAnyOrder(
            booked1, booked2, checkedIn, checked, dosed, "investigator.sf", "nurse.vitals")
        .doesNotContain("coordinator.sf")
        .isSorted();
  }

  @Test
  void namesBookedBeforeSubjectsCountInLowerCase() throws Exception {
    var code = newParticipant();
    randomize(json, code, SF, TRIAL);
    var preparation = session(awaitSchedule(code, "coordinator.sf"), "PREPARATION", 1);
    var id = (String) preparation.get("id");
    var postgres = PostgresServer.shared();
    try (var connection =
            DriverManager.getConnection(
                postgres.jdbcUrl("session"), postgres.username(), postgres.password());
        var insert =
            connection.prepareStatement(
                "insert into session_therapist (id, session_id, therapist) values (?, ?, ?)")) {
      insert.setObject(1, UUID.randomUUID());
      insert.setObject(2, UUID.fromString(id));
      insert.setString(3, "Legacy.Person");
      insert.executeUpdate();
    }
    assertThat(teamOf(code)).containsExactly("legacy.person");
  }

  @Test
  void withoutSafetyServicesAnswerThereIsNoTeamAtAll() throws Exception {
    var code = newParticipant();
    randomize(json, code, SF, TRIAL);
    var preparation = session(awaitSchedule(code, "coordinator.sf"), "PREPARATION", 1);
    as("coordinator.sf")
        .contentType(ContentType.JSON)
        .body(
            booking(
                LocalDate.parse((String) preparation.get("targetDate")),
                unique("room"),
                Therapists.fresh()))
        .put("/api/sessions/visits/{id}/booking", (String) preparation.get("id"))
        .then()
        .statusCode(200);
    ScriptedSafetyGate.VITALS_UNAVAILABLE_FOR.add(code);
    try {
      var failure = catchThrowableOfType(StatusRuntimeException.class, () -> teamOf(code));
      assertThat(failure).isNotNull();
      assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(failure.getStatus().getDescription()).contains(code, "safety-service");
    } finally {
      ScriptedSafetyGate.VITALS_UNAVAILABLE_FOR.remove(code);
    }
    assertThat(teamOf(code)).hasSize(1);
  }
}
