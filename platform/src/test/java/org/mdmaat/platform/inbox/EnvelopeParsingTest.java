package org.mdmaat.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;
import org.mdmaat.contracts.events.EventEnvelope;

class EnvelopeParsingTest {
  final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  final Inbox inbox = new Inbox(json);

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

    assertThat(inbox.parse(text)).isEqualTo(sent);
  }

  @Test
  void refusesWhatIsNotAnEnvelopeSayingWhy() {
    assertThatThrownBy(() -> inbox.parse("not json")).isInstanceOf(InvalidEvent.class);
    assertThatThrownBy(() -> inbox.parse(""))
        .isInstanceOf(InvalidEvent.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> inbox.parse("null")).isInstanceOf(InvalidEvent.class);
    assertThatThrownBy(
            () ->
                inbox.parse(
                    "{\"type\":\"X\",\"source\":\"s\",\"time\":\"2025-01-01T00:00:00Z\",\"data\":{}}"))
        .isInstanceOf(InvalidEvent.class)
        .hasMessageContaining("id");
  }
}
