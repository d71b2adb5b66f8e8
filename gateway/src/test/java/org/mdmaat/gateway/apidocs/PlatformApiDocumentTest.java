package org.mdmaat.gateway.apidocs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.gateway.stub.StubServices;
import org.mdmaat.gateway.stub.Stubs;

@QuarkusTest
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(StubServices.class)
class PlatformApiDocumentTest {

  @Test
  void mergesEveryServicesPathsAsCalledThroughTheGateway() {
    given()
        .when()
        .get("/api/openapi")
        .then()
        .statusCode(200)
        .body("paths.'/api/audit'.get", notNullValue())
        .body("paths.'/api/audit/verify'.get", notNullValue())
        .body("paths.'/api/recruitment/things'.get", notNullValue())
        .body("paths.'/api/sessions/things'.get", notNullValue())
        .body("paths.'/api/outcomes/things'.get", notNullValue())
        // safety's document has "/holds": prefixed with its route.
        .body("paths.'/api/safety/holds'.get", notNullValue())
        .body("paths.'/holds'", nullValue())
        .body("paths.'/api/safety/holds'.get.tags", hasItem("safety"))
        .body("x-unavailable-services", empty());
  }

  @Test
  void keepsSchemasOfTheSameNameApartWhenTheyDiffer() {
    given()
        .when()
        .get("/api/openapi")
        .then()
        .statusCode(200)
        // Identical in every service: one copy.
        .body("components.schemas.Problem", notNullValue())
        .body("components.schemas.recruitment_Problem", nullValue())
        // Different per service: the first keeps the name, the others are renamed and referenced.
        .body("components.schemas.Thing.properties.outcomesField", notNullValue())
        .body("components.schemas.recruitment_Thing.properties.recruitmentField", notNullValue())
        .body(
            "paths.'/api/recruitment/things'.get.responses.'200'.content.'application/json'.schema.'$ref'",
            equalTo("#/components/schemas/recruitment_Thing"))
        .body(
            "paths.'/api/outcomes/things'.get.responses.'200'.content.'application/json'.schema.'$ref'",
            equalTo("#/components/schemas/Thing"));
  }

  @Test
  void isServedWhileAServiceIsDownAndSaysWhichOne() {
    Stubs.mode("sessions", "reset");
    try {
      given()
          .when()
          .get("/api/openapi")
          .then()
          .statusCode(200)
          .body("x-unavailable-services", hasItem("sessions"))
          .body("paths.'/api/sessions/things'", nullValue())
          .body("paths.'/api/recruitment/things'.get", notNullValue());
    } finally {
      Stubs.mode("sessions", "normal");
    }
  }

  @Test
  void servesSwaggerUiForThePlatformDocument() {
    given()
        .when()
        .get("/q/swagger-ui/")
        .then()
        .statusCode(200)
        .body(containsString("swagger"))
        .body(containsString("/api/openapi"));
  }
}
