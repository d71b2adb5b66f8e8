package org.mdmaat.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimsTest {
  @Test
  void readsSitesAsAnArrayOrASingleString() {
    var array = Json.createArrayBuilder().add("US-SF-01").add("US-BOS-02").build();
    assertThat(Caller.texts(array)).containsExactlyInAnyOrder("US-SF-01", "US-BOS-02");
    assertThat(Caller.texts(List.of("US-SF-01"))).containsExactly("US-SF-01");
    assertThat(Caller.texts("US-SF-01")).containsExactly("US-SF-01");
    assertThat(Caller.texts(Json.createValue("US-SF-01"))).containsExactly("US-SF-01");
    assertThat(Caller.texts(null)).isEmpty();
  }

  @Test
  void readsASingleValueClaim() {
    assertThat(Caller.text(Json.createValue("maps"))).isEqualTo("maps");
    assertThat(Caller.text(Json.createArrayBuilder().add("maps").build())).isEqualTo("maps");
    assertThat(Caller.text(null)).isNull();
  }
}
