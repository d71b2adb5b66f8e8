package org.mdmaat.session.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.mdmaat.session.SessionFixtures.SF;
import static org.mdmaat.session.SessionFixtures.TRIAL;
import static org.mdmaat.session.SessionFixtures.as;
import static org.mdmaat.session.SessionFixtures.awaitSchedule;
import static org.mdmaat.session.SessionFixtures.booking;
import static org.mdmaat.session.SessionFixtures.count;
import static org.mdmaat.session.SessionFixtures.newParticipant;
import static org.mdmaat.session.SessionFixtures.randomize;
import static org.mdmaat.session.SessionFixtures.session;
import static org.mdmaat.session.SessionFixtures.unique;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.devstack.PostgresServer;
import org.mdmaat.session.Problems;
import org.mdmaat.session.Therapists;
import org.mdmaat.session.dosing.SelfServedGatePort;

/**
 * Booked therapists are real Keycloak accounts: the therapist role, the session's site, each person
 * once, looked up by username in any case or by user id, stored by subject and username, and
 * compared by subject for overlaps. Every refusal writes nothing.
 */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @io.quarkus.test.common.ResourceArg(name = "database", value = "session"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedGatePort.class)
@QuarkusTestResource(RealmFileGrants.class)
class BookingTherapistsTest {
  @Inject ObjectMapper json;

  /** A session of a new participant at US-SF-01, not yet booked. */
  record Scheduled(String participant, String id, LocalDate day) {}

  Scheduled scheduled(String kind, int number) throws Exception {
    var code = newParticipant();
    randomize(json, code, SF, TRIAL);
    var session = session(awaitSchedule(code, "coordinator.sf"), kind, number);
    return new Scheduled(
        code, (String) session.get("id"), LocalDate.parse((String) session.get("targetDate")));
  }

  static ValidatableResponse book(Scheduled s, String room, String... therapists) {
    return book(s, s.day(), room, therapists);
  }

  static ValidatableResponse book(Scheduled s, LocalDate day, String room, String... therapists) {
    return as("coordinator.sf")
        .contentType(ContentType.JSON)
        .body(booking(day, room, therapists))
        .put("/api/sessions/visits/{id}/booking", s.id())
        .then();
  }

  /** What a booking writes, for one session. */
  record Traces(long therapists, long audit, long deviations, long events, long booked) {}

  static Traces traces(Scheduled s) throws Exception {
    var id = UUID.fromString(s.id());
    return new Traces(
        count("select count(*) from session_therapist where session_id = ?", id),
        count("select count(*) from audit_entry where entity_id = ?", s.id()),
        count("select count(*) from protocol_deviation where session_id = ?", id),
        count("select count(*) from outbox_event where message_key = ?", s.participant()),
        count("select count(*) from protocol_session where id = ? and starts_at is not null", id));
  }

  static long rows(Scheduled s, String username, String sub) throws Exception {
    return count(
        "select count(*) from session_therapist where session_id = ? and therapist = ?"
            + " and therapist_sub = ?",
        UUID.fromString(s.id()),
        username,
        sub);
  }

  static void execute(String sql, Object... parameters) throws Exception {
    var postgres = PostgresServer.shared();
    try (var connection =
            DriverManager.getConnection(
                postgres.jdbcUrl("session"), postgres.username(), postgres.password());
        var statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      statement.executeUpdate();
    }
  }

  @Test
  void therapistsAreNamedByUsernameInAnyCaseOrByUserIdAndStoredBySubjectAndUsername()
      throws Exception {
    var first = Therapists.fresh();
    var second = Therapists.fresh();
    var s = scheduled("EXPERIMENTAL", 1);

    book(s, unique("room"), first.toUpperCase(Locale.ROOT), Therapists.subOf(second))
        .statusCode(200)
        .body("therapists", contains(first, second));

    assertThat(rows(s, first, Therapists.subOf(first))).isEqualTo(1);
    assertThat(rows(s, second, Therapists.subOf(second))).isEqualTo(1);
    assertThat(traces(s).therapists()).isEqualTo(2);

    // Rebooking replaces the therapists: the rows follow.
    var third = Therapists.fresh();
    book(s, unique("room"), third, first)
        .statusCode(200)
        .body("therapists", contains(third, first));
    assertThat(rows(s, third, Therapists.subOf(third))).isEqualTo(1);
    assertThat(rows(s, second, Therapists.subOf(second))).isZero();
    assertThat(traces(s).therapists()).isEqualTo(2);
  }

  @Test
  void everyTherapistWhoCannotBeBookedIsRefusedByNameAndReasonAndNothingIsWritten()
      throws Exception {
    var therapist = Therapists.fresh();
    var disabled = Therapists.create("therapist", List.of("therapist"), List.of(SF), false);
    var nobody = "nobody." + UUID.randomUUID().toString().substring(0, 8);
    var s = scheduled("EXPERIMENTAL", 1);
    var before = traces(s);
    assertThat(before.booked()).isZero();

    refused(
        s,
        Problems.THERAPIST_UNKNOWN.code(),
        "therapists[0]",
        nobody + ": no such account",
        nobody,
        therapist);
    // A well-formed user id nobody has.
    var noId = UUID.randomUUID().toString();
    refused(
        s,
        Problems.THERAPIST_UNKNOWN.code(),
        "therapists[1]",
        noId + ": no such account",
        therapist,
        noId);
    refused(
        s,
        Problems.THERAPIST_ROLE.code(),
        "therapists[1]",
        "coordinator.sf: not a therapist",
        therapist,
        "coordinator.sf");
    refused(
        s,
        Problems.THERAPIST_SITE.code(),
        "therapists[1]",
        "therapist.bos1: does not work at US-SF-01",
        therapist,
        "therapist.bos1");
    refused(
        s,
        Problems.THERAPIST_DISABLED.code(),
        "therapists[0]",
        disabled + ": the account is disabled",
        disabled,
        therapist);
    // The same person twice: by case, and by username and user id.
    refused(
        s,
        Problems.THERAPIST_TWICE.code(),
        "therapists[1]",
        therapist.toUpperCase(Locale.ROOT) + ": the same person as therapists[0]",
        therapist,
        therapist.toUpperCase(Locale.ROOT));
    refused(
        s,
        Problems.THERAPIST_TWICE.code(),
        "therapists[1]",
        ": the same person as therapists[0] (" + therapist + ")",
        therapist,
        Therapists.subOf(therapist));
    // Several at once: each is named, the first one's reason is the code.
    book(s, unique("room"), nobody, "therapist.bos1")
        .statusCode(422)
        .body("code", equalTo(Problems.THERAPIST_UNKNOWN.code()))
        .body("violations.field", contains("therapists[0]", "therapists[1]"))
        .body("detail", containsString("therapist.bos1: does not work at US-SF-01"));
    assertThat(traces(s)).isEqualTo(before);

    // A session that needs only one therapist: one person twice is still refused, not merged.
    var preparation = scheduled("PREPARATION", 1);
    var preparationBefore = traces(preparation);
    book(preparation, unique("room"), "therapist.sf1", "Therapist.SF1")
        .statusCode(422)
        .body("code", equalTo(Problems.THERAPIST_TWICE.code()));
    assertThat(traces(preparation)).isEqualTo(preparationBefore);
  }

  private static void refused(
      Scheduled s, String code, String field, String detail, String... therapists)
      throws Exception {
    var before = traces(s);
    book(s, unique("room"), therapists)
        .statusCode(422)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo(code))
        .body("violations.field", contains(field))
        .body("detail", containsString(detail));
    assertThat(traces(s)).isEqualTo(before);
  }

  @Test
  void overlapsCompareTherapistsBySubjectWhateverTheSpelling() throws Exception {
    var shared = Therapists.fresh();
    var a = scheduled("EXPERIMENTAL", 1);
    var b = scheduled("EXPERIMENTAL", 1);
    book(a, unique("room"), shared, Therapists.fresh()).statusCode(200);

    var before = traces(b);
    for (var spelling :
        List.of(shared, shared.toUpperCase(Locale.ROOT), Therapists.subOf(shared))) {
      book(b, a.day(), unique("room"), Therapists.fresh(), spelling)
          .statusCode(409)
          .body("code", equalTo("SES-0409-THERAPIST"))
          .body("detail", containsString(shared));
    }
    assertThat(traces(b)).isEqualTo(before);
  }

  @Test
  void bookingsFromBeforeSubjectsAreComparedByNameInAnyCase() throws Exception {
    // A row written before V6: free text, no subject, in a case Keycloak would not use.
    var legacy = Therapists.fresh();
    var a = scheduled("EXPERIMENTAL", 1);
    book(a, unique("room"), Therapists.fresh(), Therapists.fresh()).statusCode(200);
    execute(
        "insert into session_therapist (id, session_id, therapist) values (?, ?, ?)",
        UUID.randomUUID(),
        UUID.fromString(a.id()),
        legacy.toUpperCase(Locale.ROOT));

    var b = scheduled("EXPERIMENTAL", 1);
    var before = traces(b);
    book(b, a.day(), unique("room"), legacy, Therapists.fresh())
        .statusCode(409)
        .body("code", equalTo("SES-0409-THERAPIST"))
        .body("detail", containsString(legacy));
    assertThat(traces(b)).isEqualTo(before);
  }
}
