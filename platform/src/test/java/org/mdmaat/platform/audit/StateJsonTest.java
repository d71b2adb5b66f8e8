package org.mdmaat.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateJsonTest {
  final ObjectMapper application =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  final StateJson states = new StateJson(application);

  @JsonPropertyOrder({"zeta", "alpha"})
  record Hold(String zeta, String alpha, Instant placedAt, Map<String, Object> extra) {}

  @Test
  void equalStatesGiveEqualTextWhateverTheOrder() {
    var one = new LinkedHashMap<String, Object>();
    one.put("b", 1);
    one.put("a", Map.of("y", 2, "x", List.of(Map.of("d", 4, "c", 3))));
    var other = new LinkedHashMap<String, Object>();
    other.put("a", Map.of("x", List.of(Map.of("c", 3, "d", 4)), "y", 2));
    other.put("b", 1);

    assertThat(states.write(one))
        .isEqualTo(states.write(other))
        .isEqualTo("{\"a\":{\"x\":[{\"c\":3,\"d\":4}],\"y\":2},\"b\":1}");
    assertThat(states.write(application.valueToTree(one))).isEqualTo(states.write(other));
  }

  @Test
  void sortsRecordsInsideAndOutAndWritesTimesAsUtcText() {
    var hold =
        new Hold("z", "a", Instant.parse("2025-01-02T03:04:05.123456Z"), Map.of("k2", 2, "k1", 1));

    assertThat(states.write(hold))
        .isEqualTo(
            "{\"alpha\":\"a\",\"extra\":{\"k1\":1,\"k2\":2},"
                + "\"placedAt\":\"2025-01-02T03:04:05.123456Z\",\"zeta\":\"z\"}");
  }

  @Test
  void noStateIsNull() {
    assertThat(states.write(null)).isNull();
  }
}
