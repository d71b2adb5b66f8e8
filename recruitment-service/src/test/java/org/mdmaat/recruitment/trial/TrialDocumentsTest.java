package org.mdmaat.recruitment.trial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.mdmaat.recruitment.Api.as;
import static org.mdmaat.recruitment.Api.createTrial;
import static org.mdmaat.recruitment.Api.trialBody;
import static org.mdmaat.recruitment.Api.unique;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.recruitment.SelfServedPort;

/**
 * A trial's stored documents are parsed once per distinct text and then served from memory (issue
 * 19), never stale: a changed document is read as changed on the very next request.
 */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "recruitment"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPort.class)
class TrialDocumentsTest {
  @Inject TrialDocuments documents;
  @Inject ObjectMapper json;
  @Inject Pool database;

  @Test
  void theSameStoredTextIsParsedOnceAndAnswersAsAFreshParse() throws Exception {
    var trial = new Trial();
    trial.regimen = json.writeValueAsString(RegimenSettings.MAPP);
    trial.visitTemplate = json.writeValueAsString(VisitTemplateSettings.MAPP);

    var first = documents.regimen(trial);
    // Another row, as read from the database: an equal text in a different String.
    var again = new Trial();
    again.regimen = new String(trial.regimen.toCharArray());
    var second = documents.regimen(again);

    assertThat(second).as("the cached parse").isSameAs(first);
    assertThat(second).isEqualTo(json.readValue(trial.regimen, RegimenSettings.class));
    assertThat(documents.visitTemplate(trial)).isEqualTo(VisitTemplateSettings.MAPP);
    // Shared between requests, so nobody may change it.
    assertThatThrownBy(() -> second.initialDosesMgHcl().add(500.0))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aChangedDocumentIsParsedAnewNotServedFromTheCache() throws Exception {
    var trial = new Trial();
    trial.blockSizes = "[4,6]";
    assertThat(documents.blockSizes(trial)).containsExactly(4, 6);

    trial.blockSizes = "[2,4]";

    assertThat(documents.blockSizes(trial)).containsExactly(2, 4);
    assertThat(documents.blockSizes(trial))
        .isEqualTo(json.readValue("[2,4]", new TypeReference<List<Integer>>() {}));
  }

  @Test
  void aTrialsChangedVisitTemplateIsServedOnTheNextRead() {
    var id = createTrial("sponsor.maps", trialBody(unique("CACHE")));
    readExperimentalSessions(id, 3);
    readExperimentalSessions(id, 3);

    // Changed underneath the service (as another instance, or a migration, would change it).
    var changed = VisitTemplateSettings.MAPP;
    changed =
        new VisitTemplateSettings(
            changed.preparationSessions(),
            2,
            changed.experimentalIntervalDays(),
            changed.experimentalWindowDays(),
            changed.integrationSessionsPerExperimental(),
            changed.integrationIntervalDays(),
            changed.followUpContactsPerExperimental());
    database
        .preparedQuery("update trial set visit_template = $1 where id = $2")
        .execute(Tuple.of(documents.write(changed), id))
        .await()
        .indefinitely();

    readExperimentalSessions(id, 2);
  }

  private static void readExperimentalSessions(String id, int sessions) {
    as("sponsor.maps")
        .when()
        .get("/api/recruitment/trials/{id}", id)
        .then()
        .statusCode(200)
        .body("visitTemplate.experimentalSessions", equalTo(sessions));
  }
}
