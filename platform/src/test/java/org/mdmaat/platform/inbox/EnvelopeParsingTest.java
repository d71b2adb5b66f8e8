package org.mdmaat.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.Topics;

class EnvelopeParsingTest {
  final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  // Parsing does not retry: any retry settings do.
  final Inbox inbox =
      new Inbox(
          json,
          meters,
          new InboxConfig() {
            @Override
            public int attempts() {
              return 1;
            }

            @Override
            public java.time.Duration initialBackoff() {
              return java.time.Duration.ZERO;
            }

            @Override
            public java.time.Duration maxBackoff() {
              return java.time.Duration.ZERO;
            }
          });

  @Test
  void readsAnEnvelopeAndToleratesFieldsAddedLater() throws Exception {
    var sent =
        EventEnvelope.of(
            "DosingHoldPlaced",
            "safety-service",
            "MAPP-1",
            "P-1",
            json.createObjectNode().put("holdId", "h"));
    var text = json.writeValueAsString(sent).replaceFirst("\\{", "{\"specversion\":\"1.0\",");

    assertThat(inbox.parse(text, Topics.DOSING_HOLDS)).isEqualTo(sent);
  }

  @Test
  void refusesWhatIsNotAnEnvelopeSayingWhy() {
    assertThatThrownBy(() -> inbox.parse("not json", Topics.DOSING_HOLDS))
        .isInstanceOf(InvalidEvent.class);
    assertThatThrownBy(() -> inbox.parse("", Topics.DOSING_HOLDS))
        .isInstanceOf(InvalidEvent.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> inbox.parse("null", Topics.DOSING_HOLDS))
        .isInstanceOf(InvalidEvent.class);
    assertThatThrownBy(
            () ->
                inbox.parse(
                    "{\"type\":\"X\",\"source\":\"s\",\"time\":\"2025-01-01T00:00:00Z\",\"data\":{}}",
                    Topics.DOSING_HOLDS))
        .isInstanceOf(InvalidEvent.class)
        .hasMessageContaining("id");
    assertThat(
            meters
                .counter(
                    "mdmaat.events.refused", "topic", Topics.DOSING_HOLDS, "reason", "malformed")
                .count())
        .isEqualTo(4.0);
  }

  @Test
  void refusesAnEnvelopeNotWrittenByTheTopicsOwnerAndCountsIt() throws Exception {
    // Any Kafka client could write this: a hold "lifted" in safety-service's name by someone else.
    var forged =
        EventEnvelope.of(
            "DosingHoldLifted",
            "session-service",
            "MAPP-1",
            "P-1",
            json.createObjectNode().put("holdId", "h"));

    assertThatThrownBy(() -> inbox.parse(json.writeValueAsString(forged), Topics.DOSING_HOLDS))
        .isInstanceOf(InvalidEvent.class)
        .hasMessageContaining("session-service")
        .hasMessageContaining("only safety-service writes");
    assertThat(
            meters
                .counter("mdmaat.events.refused", "topic", Topics.DOSING_HOLDS, "reason", "source")
                .count())
        .isEqualTo(1.0);
    assertThat(Topics.owner(Topics.TRIALS)).isEqualTo("recruitment-service");
    assertThat(Topics.owner(Topics.ASSESSMENTS)).isEqualTo("outcomes-service");
  }
}
