package org.mdmaat.platform.cdisc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mdmaat.platform.cdisc.DatasetJson.Column;

class DatasetJsonWriterTest {
  private static final Instant CREATED = Instant.parse("2026-12-03T10:15:30.123Z");
  private static final List<Column> COLUMNS =
      List.of(
          Column.key("STUDYID", "Study Identifier", 64, 1),
          Column.text("DOMAIN", "Domain Abbreviation", 2),
          Column.key("USUBJID", "Unique Subject Identifier", 80, 2),
          Column.integerKey("VSSEQ", "Sequence Number", 3),
          Column.decimal("VSSTRESN", "Numeric Result/Finding in Std Units"),
          Column.dateTime("VSDTC", "Date/Time of Measurements"));

  private static DatasetJson.Header header() {
    return new DatasetJson.Header(
        "T-1", "VS", "Vital Signs", "safety-service", "1", CREATED, CREATED, COLUMNS);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void writesTheHeaderColumnsAndRowsOfDatasetJson11() throws Exception {
    var writer = new DatasetJsonWriter(header(), "MDMAAT", 2);
    writer.row("T-1", "VS", "T-1-P-1", 1, 120.0, Instant.parse("2026-01-02T03:04:05Z"));
    writer.row("T-1", "VS", "T-1-P-1", 2, null, null);
    writer.finish();
    JsonNode file = JSON.readTree(writer.drain());

    assertThat(file.get("datasetJSONVersion").asText()).isEqualTo("1.1");
    assertThat(file.get("datasetJSONCreationDateTime").asText()).isEqualTo("2026-12-03T10:15:30Z");
    assertThat(file.get("dbLastModifiedDateTime").asText()).isEqualTo("2026-12-03T10:15:30Z");
    assertThat(file.get("fileOID").asText()).startsWith("MDMAAT.T-1.VS.");
    assertThat(file.get("originator").asText()).isEqualTo("MDMAAT");
    assertThat(file.get("sourceSystem").get("name").asText()).isEqualTo("safety-service");
    assertThat(file.get("studyOID").asText()).isEqualTo("T-1");
    assertThat(file.get("metaDataVersionOID").asText()).isEqualTo("MDV.T-1.SDTM");
    assertThat(file.get("itemGroupOID").asText()).isEqualTo("IG.VS");
    assertThat(file.get("records").asInt()).isEqualTo(2);
    assertThat(file.get("name").asText()).isEqualTo("VS");
    assertThat(file.get("label").asText()).isEqualTo("Vital Signs");
    var columns = file.get("columns");
    assertThat(columns).hasSize(6);
    assertThat(columns.get(0).get("itemOID").asText()).isEqualTo("IT.VS.STUDYID");
    assertThat(columns.get(0).get("keySequence").asInt()).isEqualTo(1);
    assertThat(columns.get(0).get("length").asInt()).isEqualTo(64);
    assertThat(columns.get(1).has("keySequence")).isFalse();
    assertThat(columns.get(3).get("dataType").asText()).isEqualTo("integer");
    assertThat(columns.get(3).has("length")).isFalse();
    assertThat(columns.get(4).get("dataType").asText()).isEqualTo("double");
    assertThat(columns.get(5).get("dataType").asText()).isEqualTo("datetime");
    var rows = file.get("rows");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get(3).asInt()).isEqualTo(1);
    assertThat(rows.get(0).get(4).asDouble()).isEqualTo(120.0);
    assertThat(rows.get(0).get(5).asText()).isEqualTo("2026-01-02T03:04:05Z");
    assertThat(rows.get(1).get(4).isNull()).isTrue();
  }

  @Test
  void refusesRowsThatDoNotMatchTheColumnsOrTheAnnouncedCount() {
    var writer = new DatasetJsonWriter(header(), "MDMAAT", 1);
    assertThatThrownBy(() -> writer.row("T-1", "VS"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("6 columns");
    assertThatThrownBy(writer::finish).hasMessageContaining("announced 1 records but wrote 0");
    writer.row("T-1", "VS", "U", 1, 1.0, null);
    assertThatThrownBy(() -> writer.row("T-1", "VS", "U", 2, 1.0, null))
        .hasMessageContaining("announced 1");
  }

  @Test
  void refusesNamesAndLabelsOutsideSdtmLimits() {
    assertThatThrownBy(() -> Column.text("vsorres", "x", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Column.text("TOOLONGNAME", "x", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Column.text("VSORRES", "x".repeat(41), 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void streamsPageByPageAskingForTheNextPageOnlyAfterTheLastWasWritten() throws Exception {
    int total = DatasetJsonStream.PAGE_SIZE * 2 + 7;
    var rows = new ArrayList<Object[]>();
    for (int i = 1; i <= total; i++) {
      rows.add(new Object[] {"T-1", "VS", "U", i, (double) i, null});
    }
    var asked = new AtomicInteger();
    var all = DatasetJsonStream.fromList(rows);
    DatasetJsonStream.Pages pages =
        page -> {
          asked.incrementAndGet();
          return all.page(page);
        };
    var chunks =
        DatasetJsonStream.of(header(), "MDMAAT", total, pages)
            .collect()
            .asList()
            .await()
            .indefinitely();
    // head, three pages, tail: the file leaves in more than one piece; the empty fourth page ends.
    assertThat(chunks).hasSize(5);
    assertThat(asked).hasValue(4);
    var text = new StringBuilder();
    chunks.forEach(c -> text.append(c.toString()));
    JsonNode file = JSON.readTree(text.toString());
    assertThat(file.get("records").asInt()).isEqualTo(total);
    assertThat(file.get("rows")).hasSize(total);
    assertThat(file.get("rows").get(total - 1).get(3).asInt()).isEqualTo(total);
  }

  @Test
  void aSourceYieldingOtherThanTheAnnouncedCountFailsTheStream() {
    var stream =
        DatasetJsonStream.of(
            header(),
            "MDMAAT",
            3,
            page ->
                Uni.createFrom()
                    .item(
                        page == 0
                            ? List.<Object[]>of(new Object[] {"T", "VS", "U", 1, 1.0, null})
                            : List.<Object[]>of()));
    assertThatThrownBy(() -> DatasetJsonStream.text(stream).await().indefinitely())
        .hasMessageContaining("announced 3 records but wrote 1");
  }
}
