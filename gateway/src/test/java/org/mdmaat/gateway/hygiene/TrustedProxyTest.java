package org.mdmaat.gateway.hygiene;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.specification.RequestSpecification;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.gateway.stub.StubServices;

/**
 * Behind the ingress: anonymous callers are limited per the client address the trusted proxy
 * forwards (tests trust 127.0.0.1), and a forwarded address from any other peer is ignored.
 * StrictLimitsProfile: 3 anonymous calls per address and hour.
 */
@QuarkusTest
@TestProfile(StrictLimitsProfile.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(StubServices.class)
class TrustedProxyTest {
  private static final String CALLS = "/api/recruitment/recruitment-calls";

  @Test
  void theTrustedProxysForwardedClientsEachHaveTheirOwnBucket() {
    for (int i = 0; i < 3; i++) {
      fromProxy("203.0.113.10").get(CALLS).then().statusCode(200);
    }
    fromProxy("203.0.113.10").get(CALLS).then().statusCode(429).body("code", equalTo("GW-0429"));
    // Another client behind the same ingress is not limited by the first one's calls.
    fromProxy("203.0.113.11").get(CALLS).then().statusCode(200);
  }

  @Test
  void anUntrustedPeerCannotChooseItsBucketByForwardedHeaders() throws Exception {
    // 127.0.0.7 is not a trusted proxy: its X-Forwarded-For is ignored and all its calls share
    // the peer's bucket, whatever client each claims to forward.
    for (int i = 0; i < 3; i++) {
      fromUntrusted("198.51.100." + i).get(CALLS).then().statusCode(200);
    }
    fromUntrusted("198.51.100.99").get(CALLS).then().statusCode(429);
  }

  private static RequestSpecification fromProxy(String client) {
    return given().header("X-Forwarded-For", client).when();
  }

  private static RequestSpecification fromUntrusted(String claimedClient) throws Exception {
    var peer = InetAddress.getByAddress(new byte[] {127, 0, 0, 7});
    return given()
        .config(
            RestAssured.config()
                .httpClient(
                    HttpClientConfig.httpClientConfig().setParam("http.route.local-address", peer)))
        .header("X-Forwarded-For", claimedClient)
        .when();
  }
}
