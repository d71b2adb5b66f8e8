package org.mdmaat.platform.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.core.MultivaluedHashMap;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.mdmaat.platform.problem.BadRequest;
import org.mdmaat.platform.problem.ProblemCode;

/** The search parameters every FHIR endpoint takes the same way, and its searchset pages. */
class FhirSearchTest {
  private static final ProblemCode REFUSED =
      new ProblemCode() {
        @Override
        public int status() {
          return 400;
        }

        @Override
        public String code() {
          return "TST-0400-FHIR-SEARCH";
        }
      };
  private final FhirSearch search = new FhirSearch(REFUSED);

  private static MultivaluedHashMap<String, String> params(String... pairs) {
    var params = new MultivaluedHashMap<String, String>();
    for (int i = 0; i < pairs.length; i += 2) {
      params.add(pairs[i], pairs[i + 1]);
    }
    return params;
  }

  @Test
  void aParameterNotTakenIsRefusedNeverIgnored() {
    assertThatThrownBy(() -> search.only(params("colour", "red"), Set.of("status"), "status"))
        .isInstanceOf(BadRequest.class)
        .hasMessageContaining("colour is not supported");
    assertThatThrownBy(
            () -> search.only(params("status", "a", "status", "b"), Set.of("status"), "status"))
        .hasMessageContaining("given once");
    assertThat(search.only(params(), Set.of("status"), "status")).isNull();
    assertThat(search.only(params("status", "active"), Set.of("status"), "status"))
        .isEqualTo("active");
  }

  @Test
  void pagingIsTheRestApisWithItsBounds() {
    assertThat(search.count(params())).isEqualTo(FhirSearch.DEFAULT_COUNT);
    assertThat(search.page(params())).isZero();
    assertThat(search.count(params("_count", "200"))).isEqualTo(200);
    for (var bad : List.of("0", "201", "-1", "x", "")) {
      assertThatThrownBy(() -> search.count(params("_count", bad)))
          .isInstanceOf(BadRequest.class)
          .hasMessageContaining("_count");
    }
    assertThatThrownBy(() -> search.page(params("_page", "-1"))).isInstanceOf(BadRequest.class);
  }

  @Test
  void aSearchsetLinksItselfAndTheNextPageWhileMoreFollow() {
    List<String> ids = List.of("a", "b");
    var first =
        FhirSearch.searchset(
            ids,
            5,
            0,
            2,
            FhirSearchTest::patient,
            "http://x/fhir/r4",
            "Patient",
            "name=z&_count=2");
    assertThat(first.getTotal()).isEqualTo(5);
    assertThat(first.getLink("self").getUrl())
        .isEqualTo("http://x/fhir/r4/Patient?name=z&_count=2&_page=0");
    assertThat(first.getLink("next").getUrl())
        .isEqualTo("http://x/fhir/r4/Patient?name=z&_count=2&_page=1");
    assertThat(first.getEntry()).hasSize(2);
    assertThat(first.getEntry().get(0).getFullUrl()).isEqualTo("http://x/fhir/r4/Patient/a");

    var last =
        FhirSearch.searchset(
            List.of("e"), 5, 2, 2, FhirSearchTest::patient, "http://x/fhir/r4", "Patient", "");
    assertThat(last.getLink("next")).isNull();
  }

  private static Resource patient(String id) {
    var patient = new Patient();
    patient.setId(id);
    return patient;
  }
}
