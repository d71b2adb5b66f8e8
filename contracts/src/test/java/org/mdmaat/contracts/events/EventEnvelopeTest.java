package org.mdmaat.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventEnvelopeTest {

  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  @Test
  void survivesAJsonRoundTripWithItsPayload() throws Exception {
    var hold =
        new DosingHoldPlaced(
            "h-1",
            "P-0001",
            "t-1",
            "US-SF-01",
            "CRITICAL_VITALS",
            "systolic 185",
            Instant.parse("2026-03-01T10:15:30.123456Z"));
    var envelope =
        EventEnvelope.of(
            EventTypes.DOSING_HOLD_PLACED,
            "safety-service",
            "t-1",
            "P-0001",
            json.valueToTree(hold));

    var text = json.writeValueAsString(envelope);
    var back = json.readValue(text, EventEnvelope.class);

    assertThat(back).isEqualTo(envelope);
    assertThat(json.treeToValue(back.data(), DosingHoldPlaced.class)).isEqualTo(hold);
    assertThat(text).contains("\"placedAt\":\"2026-03-01T10:15:30.123456Z\"");
  }

  @Test
  void timeIsKeptInUtcMicroseconds() {
    var envelope = EventEnvelope.of("t", "s", null, null, json.createObjectNode());
    assertThat(envelope.time().getNano() % 1_000).isZero();
  }

  @Test
  void refusesAnEnvelopeWithoutIdentity() {
    assertThatNullPointerException()
        .isThrownBy(
            () ->
                new EventEnvelope(
                    null, "t", "s", null, null, Instant.now(), json.createObjectNode()))
        .withMessage("id");
  }
}
