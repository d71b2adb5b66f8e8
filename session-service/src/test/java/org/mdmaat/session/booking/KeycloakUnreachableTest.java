package org.mdmaat.session.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.mdmaat.session.SessionFixtures.unique;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.session.Therapists;
import org.mdmaat.session.dosing.SelfServedGatePort;

/**
 * When Keycloak cannot be asked, no therapist can be verified and nothing is booked: 503, fail
 * closed. Here the application looks for Keycloak's Admin API where nothing listens; the tokens of
 * the people calling still come from devstack's real Keycloak.
 */
@QuarkusTest
@TestProfile(KeycloakUnreachableTest.NowhereToAsk.class)
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @io.quarkus.test.common.ResourceArg(name = "database", value = "session"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedGatePort.class)
class KeycloakUnreachableTest {
  public static class NowhereToAsk implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      int closed;
      try (var socket = new ServerSocket(0)) {
        closed = socket.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return Map.of(
          "session.therapists.realm-url", "http://127.0.0.1:" + closed + "/realms/trials");
    }
  }

  @Inject ObjectMapper json;

  @Test
  void aBookingIsRefusedWith503AndNothingIsWritten() throws Exception {
    var test = new BookingTherapistsTest();
    test.json = json;
    var s = test.scheduled("EXPERIMENTAL", 1);
    var before = BookingTherapistsTest.traces(s);
    BookingTherapistsTest.book(s, unique("room"), Therapists.fresh(), Therapists.fresh())
        .statusCode(503)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo(org.mdmaat.session.Problems.KEYCLOAK_UNAVAILABLE.code()));
    assertThat(BookingTherapistsTest.traces(s)).isEqualTo(before);
  }
}
