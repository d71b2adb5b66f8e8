package org.mdmaat.safety.testing;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.mdmaat.safety.testing.Api.as;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.FollowUpContactsScheduled;
import org.mdmaat.contracts.events.Topics;

/**
 * Dosing sessions as session-service announces them (FollowUpContactsScheduled on the real Kafka),
 * awaited until safety-service lists the session as owing its positive-effects checklist (the first
 * one may wait for the consumer group to form).
 */
public final class DosingSessions {
  private DosingSessions() {}

  /** A new dosing session of the participant, dosed today; returns the session id. */
  public static String dosed(ObjectMapper json, String participant, String trial, String site) {
    var session = Api.code("S");
    var today = LocalDate.now();
    var scheduled =
        new FollowUpContactsScheduled(
            session,
            participant,
            trial,
            site,
            1,
            today,
            "UTC",
            List.of(
                new FollowUpContactsScheduled.Contact(
                    UUID.randomUUID().toString(), 1, today.plusDays(1))),
            Instant.now());
    try {
      var envelope =
          EventEnvelope.of(
              EventTypes.FOLLOW_UP_CONTACTS_SCHEDULED,
              "session-service",
              trial,
              participant,
              json.valueToTree(scheduled));
      Api.produce(Topics.SESSIONS, participant, json.writeValueAsString(envelope));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    await()
        .atMost(Duration.ofSeconds(120))
        .untilAsserted(
            () ->
                as("investigator.sf")
                    .queryParam("siteCode", site)
                    .queryParam("participantCode", participant)
                    .when()
                    .get("/api/safety/positive-effects-checklists/outstanding")
                    .then()
                    .statusCode(200)
                    .body("items.sessionId", hasItem(session)));
    return session;
  }
}
