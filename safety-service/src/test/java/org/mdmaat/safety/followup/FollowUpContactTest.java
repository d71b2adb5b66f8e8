package org.mdmaat.safety.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.mdmaat.safety.testing.Api.SF;
import static org.mdmaat.safety.testing.Api.as;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.FollowUpContactsScheduled;
import org.mdmaat.contracts.events.FollowUpContactsScheduled.Contact;
import org.mdmaat.contracts.events.SessionCompleted;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.safety.hold.SelfServedPort;
import org.mdmaat.safety.testing.Api;

@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "safety"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPort.class)
class FollowUpContactTest {
  private static final String LOS_ANGELES = "America/Los_Angeles";

  @Inject ObjectMapper json;

  /** {@code count} daily contacts from the day after {@code dosedOn}, with fresh ids. */
  private static List<Contact> daily(LocalDate dosedOn, int count) {
    var contacts = new ArrayList<Contact>();
    for (int day = 1; day <= count; day++) {
      contacts.add(new Contact(UUID.randomUUID().toString(), day, dosedOn.plusDays(day)));
    }
    return contacts;
  }

  private static FollowUpContactsScheduled schedule(
      String participant, String session, String zone, LocalDate dosedOn, List<Contact> contacts) {
    return new FollowUpContactsScheduled(
        session, participant, "MAPP-TEST", SF, 1, dosedOn, zone, contacts, Instant.now());
  }

  /** Publishes, as session-service does, under {@code key}; returns the message sent. */
  private String publish(String type, Object payload, String participant, String key) {
    try {
      var envelope =
          EventEnvelope.of(
              type, "session-service", "MAPP-TEST", participant, json.valueToTree(payload));
      var value = json.writeValueAsString(envelope);
      Api.produce(Topics.SESSIONS, key, value);
      return value;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String publish(FollowUpContactsScheduled scheduled, String key) {
    return publish(
        EventTypes.FOLLOW_UP_CONTACTS_SCHEDULED, scheduled, scheduled.participantCode(), key);
  }

  /**
   * A one-contact schedule published last under {@code key}: once its contact is there, every
   * earlier message with that key (same partition, in order) was applied or parked.
   */
  private void publishMarkerAndAwait(String key) {
    var marker = Api.code("P");
    publish(
        schedule(marker, Api.code("S"), LOS_ANGELES, LocalDate.now(), daily(LocalDate.now(), 1)),
        key);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> contacts(marker, null).body("total", equalTo(1)));
  }

  private static ValidatableResponse contacts(String participant, String status) {
    var request =
        as("therapist.sf1").queryParam("siteCode", SF).queryParam("participantCode", participant);
    if (status != null) {
      request = request.queryParam("status", status);
    }
    return request.when().get("/api/safety/follow-up-contacts").then().statusCode(200);
  }

  private static ValidatableResponse audit(String participant) {
    return as("regulator.fda")
        .queryParam("participantCode", participant)
        .queryParam("entityType", "FollowUpSchedule")
        .when()
        .get("/api/safety/audit")
        .then()
        .statusCode(200);
  }

  @Test
  void theContactsAreExactlyTheEventsWithItsIdsAndDatesAndApplyOnce() {
    var key = Api.code("K");
    var participant = Api.code("P");
    var session = Api.code("S");
    var dosedOn = LocalDate.of(2026, 1, 10);
    // The trial's template: 3 contacts, on days 1, 2 and 4 after the dose.
    var laidOut =
        List.of(
            new Contact(UUID.randomUUID().toString(), 1, LocalDate.of(2026, 1, 11)),
            new Contact(UUID.randomUUID().toString(), 2, LocalDate.of(2026, 1, 12)),
            new Contact(UUID.randomUUID().toString(), 4, LocalDate.of(2026, 1, 14)));
    var value = publish(schedule(participant, session, LOS_ANGELES, dosedOn, laidOut), key);
    // Delivered twice (at least once), and announced again with a new event id and other
    // contacts: the session keeps the first schedule only.
    Api.produce(Topics.SESSIONS, key, value);
    publish(schedule(participant, session, LOS_ANGELES, dosedOn, daily(dosedOn, 7)), key);
    publishMarkerAndAwait(key);

    contacts(participant, null)
        .body("total", equalTo(3))
        .body("items.id", equalTo(laidOut.stream().map(Contact::contactId).toList()))
        .body("items.day", equalTo(List.of(1, 2, 4)))
        .body("items.dueDate", equalTo(List.of("2026-01-11", "2026-01-12", "2026-01-14")))
        .body("items.sessionId", everyItem(equalTo(session)))
        .body("items.trialId", everyItem(equalTo("MAPP-TEST")))
        // A due date ends at the site's midnight (Los Angeles, UTC-8 in January).
        .body("items[0].dueUntil", equalTo("2026-01-12T08:00:00Z"));
    // All long past at the site: every one is missed until recorded.
    contacts(participant, "MISSED").body("total", equalTo(3));
    audit(participant)
        .body("items", hasSize(1))
        .body("items[0].action", equalTo("CREATE"))
        .body("items[0].entityId", equalTo(session))
        .body("items[0].actor", equalTo("system:safety-service"));

    // The contact is recorded under session-service's id for it.
    var first = laidOut.get(0).contactId();
    as("investigator.bos")
        .body(Map.of("contactedAt", OffsetDateTime.now().toString(), "note", "x"))
        .when()
        .post("/api/safety/follow-up-contacts/{id}/record", first)
        .then()
        .statusCode(404);
    as("therapist.sf1")
        .body(
            Map.of(
                "contactedAt",
                OffsetDateTime.now(ZoneOffset.ofHours(-8)).minusHours(1).toString(),
                "note",
                "low mood, expected; sleeping well"))
        .when()
        .post("/api/safety/follow-up-contacts/{id}/record", first)
        .then()
        .statusCode(200)
        .body("id", equalTo(first))
        .body("status", equalTo("RECORDED"))
        .body("recordedBy", equalTo("therapist.sf1"));
    as("therapist.sf1")
        .body(Map.of("contactedAt", OffsetDateTime.now().toString(), "note", "again"))
        .when()
        .post("/api/safety/follow-up-contacts/{id}/record", first)
        .then()
        .statusCode(409);
    as("therapist.sf1")
        .body(Map.of("contactedAt", OffsetDateTime.now().toString(), "note", "x"))
        .when()
        .post("/api/safety/follow-up-contacts/{id}/record", "no-such-contact")
        .then()
        .statusCode(404);
    contacts(participant, "MISSED").body("total", equalTo(2));
    contacts(participant, "RECORDED").body("items", hasSize(1));
    as("therapist.sf1")
        .queryParam("siteCode", SF)
        .queryParam("status", "LOST")
        .when()
        .get("/api/safety/follow-up-contacts")
        .then()
        .statusCode(400)
        .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"));
    as("therapist.bos1")
        .queryParam("siteCode", SF)
        .when()
        .get("/api/safety/follow-up-contacts")
        .then()
        .statusCode(404);
  }

  @Test
  void aDueDateIsACalendarDayAtTheSite() {
    var key = Api.code("K");
    // Pago Pago (UTC-11) is never ahead of UTC: a contact due on today's UTC date is still due
    // there. Kiritimati (UTC+14) is never behind: one due on yesterday's UTC date is over there.
    var utcToday = LocalDate.now(ZoneOffset.UTC);
    var west = Api.code("P");
    publish(
        schedule(
            west,
            Api.code("S"),
            "Pacific/Pago_Pago",
            utcToday.minusDays(1),
            List.of(
                new Contact(UUID.randomUUID().toString(), 1, utcToday),
                new Contact(UUID.randomUUID().toString(), 2, utcToday.plusDays(1)))),
        key);
    var east = Api.code("P");
    publish(
        schedule(
            east,
            Api.code("S"),
            "Pacific/Kiritimati",
            utcToday.minusDays(2),
            List.of(new Contact(UUID.randomUUID().toString(), 1, utcToday.minusDays(1)))),
        key);
    publishMarkerAndAwait(key);

    contacts(west, "PENDING")
        .body("total", equalTo(2))
        .body("items[0].status", equalTo("PENDING"))
        .body("items[0].dueUntil", equalTo(utcToday.plusDays(1) + "T11:00:00Z"));
    contacts(west, "MISSED").body("total", equalTo(0));
    contacts(east, "MISSED")
        .body("total", equalTo(1))
        .body("items[0].status", equalTo("MISSED"))
        .body("items[0].dueUntil", equalTo(utcToday.minusDays(1) + "T10:00:00Z"));
    contacts(east, "PENDING").body("total", equalTo(0));
  }

  @Test
  void sessionCompletedMakesNoContactsAndAnEmptyScheduleMakesNone() {
    var key = Api.code("K");
    // A completed dosing session: contacts come only from session-service's schedule now.
    var completed = Api.code("P");
    publish(
        EventTypes.SESSION_COMPLETED,
        new SessionCompleted(
            Api.code("S"), completed, "MAPP-TEST", SF, "EXPERIMENTAL", 1, Instant.now()),
        completed,
        key);
    // A trial without follow-up contacts: an empty schedule, kept (and audited), not an error;
    // a later schedule for that session adds nothing.
    var none = Api.code("P");
    var session = Api.code("S");
    publish(schedule(none, session, LOS_ANGELES, LocalDate.now(), List.of()), key);
    publish(schedule(none, session, LOS_ANGELES, LocalDate.now(), daily(LocalDate.now(), 2)), key);
    publishMarkerAndAwait(key);

    contacts(completed, null).body("total", equalTo(0));
    audit(completed).body("items", hasSize(0));
    contacts(none, null).body("total", equalTo(0));
    audit(none)
        .body("items", hasSize(1))
        .body("items[0].entityId", equalTo(session))
        .body("items[0].action", equalTo("CREATE"));
  }

  @Test
  void aMalformedEventGoesToTheDeadLetterTopicAndWritesNothing() {
    var today = LocalDate.now();
    // Each keyed by its own participant code, as session-service keys them.
    var malformed = new LinkedHashMap<String, FollowUpContactsScheduled>();
    var p = Api.code("P");
    malformed.put(p, schedule(p, null, LOS_ANGELES, today, daily(today, 7)));
    p = Api.code("P");
    malformed.put(
        p,
        schedule(
            p,
            Api.code("S"),
            LOS_ANGELES,
            today,
            List.of(new Contact(UUID.randomUUID().toString(), 0, today))));
    p = Api.code("P");
    var twice = UUID.randomUUID().toString();
    malformed.put(
        p,
        schedule(
            p,
            Api.code("S"),
            LOS_ANGELES,
            today,
            List.of(new Contact(twice, 1, today.plusDays(1)), new Contact(twice, 2, today))));
    p = Api.code("P");
    malformed.put(
        p,
        schedule(
            p,
            Api.code("S"),
            LOS_ANGELES,
            today,
            List.of(new Contact(null, 1, today.plusDays(1)))));
    p = Api.code("P");
    malformed.put(p, schedule(p, Api.code("S"), "Mars/Olympus_Mons", today, daily(today, 3)));
    p = Api.code("P");
    malformed.put(p, schedule(p, Api.code("S"), LOS_ANGELES, today, null));
    p = Api.code("P");
    malformed.put(p, schedule(p, Api.code("S"), LOS_ANGELES, null, daily(today, 7)));

    var sent = new LinkedHashMap<String, String>();
    malformed.forEach((participant, event) -> sent.put(participant, publish(event, participant)));
    var unreadable = Api.code("P");
    Api.produce(Topics.SESSIONS, unreadable, "{\"not\":\"an envelope\"}");

    sent.forEach(
        (participant, value) -> {
          var parked =
              Api.records(
                  Topics.deadLetter(Topics.SESSIONS), participant, found -> !found.isEmpty());
          assertThat(parked).as("dead-lettered %s", participant).containsExactly(value);
          contacts(participant, null).body("total", equalTo(0));
          audit(participant).body("items", hasSize(0));
        });
    var parked =
        Api.records(Topics.deadLetter(Topics.SESSIONS), unreadable, found -> !found.isEmpty());
    assertThat(parked).hasSize(1);
  }
}
