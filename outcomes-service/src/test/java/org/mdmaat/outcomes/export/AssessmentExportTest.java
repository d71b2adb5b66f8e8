package org.mdmaat.outcomes.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.mdmaat.outcomes.assessment.Timepoint;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class AssessmentExportTest {
  static final UUID ID = UUID.fromString("6f0e2c1a-0000-4000-8000-000000000001");

  static AssessmentExport.Row row(int revision, int b1, String reason) {
    return new AssessmentExport.Row(
        ID,
        "P-0001",
        "MAPP-X",
        "US-SF-01",
        "SDS",
        Timepoint.BASELINE,
        revision,
        Instant.parse("2026-01-05T17:00:00Z"),
        "rater.sf",
        Instant.parse("2026-01-05T18:00:00Z").plusSeconds(revision),
        reason,
        b1 + 5,
        null,
        Map.of("WORK", b1, "SOCIAL", 3, "FAMILY", 2));
  }

  static Document parse(String xml) throws Exception {
    var factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void odmIsWellFormedWithTheHierarchyAndAnAuditRecordPerRevision() throws Exception {
    var xml =
        AssessmentExport.odm(
            "MAPP-X",
            List.of(row(1, 4, null), row(2, 6, "transcription error, <WORK> was 6")),
            Instant.parse("2026-02-01T00:00:00Z"));
    var doc = parse(xml);
    var ns = AssessmentExport.ODM_NAMESPACE;
    Element odm = doc.getDocumentElement();
    assertThat(odm.getLocalName()).isEqualTo("ODM");
    assertThat(odm.getNamespaceURI()).isEqualTo(ns);
    assertThat(odm.getAttribute("ODMVersion")).isEqualTo("1.3.2");
    assertThat(odm.getAttribute("CreationDateTime")).isEqualTo("2026-02-01T00:00:00Z");

    var clinical = (Element) odm.getElementsByTagNameNS(ns, "ClinicalData").item(0);
    assertThat(clinical.getAttribute("StudyOID")).isEqualTo("MAPP-X");
    var subject = (Element) clinical.getElementsByTagNameNS(ns, "SubjectData").item(0);
    assertThat(subject.getAttribute("SubjectKey")).isEqualTo("P-0001");
    var event = (Element) subject.getElementsByTagNameNS(ns, "StudyEventData").item(0);
    assertThat(event.getAttribute("StudyEventOID")).isEqualTo("SE.BASELINE");
    var groups = event.getElementsByTagNameNS(ns, "ItemGroupData");
    assertThat(groups.getLength()).isEqualTo(2);

    var first = (Element) groups.item(0);
    var second = (Element) groups.item(1);
    assertThat(first.getAttribute("TransactionType")).isEqualTo("Insert");
    assertThat(second.getAttribute("TransactionType")).isEqualTo("Update");
    var audit = (Element) second.getElementsByTagNameNS(ns, "AuditRecord").item(0);
    assertThat(
            ((Element) audit.getElementsByTagNameNS(ns, "UserRef").item(0)).getAttribute("UserOID"))
        .isEqualTo("rater.sf");
    assertThat(
            ((Element) audit.getElementsByTagNameNS(ns, "LocationRef").item(0))
                .getAttribute("LocationOID"))
        .isEqualTo("US-SF-01");
    assertThat(audit.getElementsByTagNameNS(ns, "DateTimeStamp").item(0).getTextContent())
        .isEqualTo("2026-01-05T18:00:02Z");
    assertThat(audit.getElementsByTagNameNS(ns, "ReasonForChange").item(0).getTextContent())
        .isEqualTo("transcription error, <WORK> was 6");
    assertThat(audit.getElementsByTagNameNS(ns, "SourceID").item(0).getTextContent())
        .isEqualTo(ID + "/2");
    // The earlier value stays visible in the first transaction.
    assertThat(itemValue(first, "I.SDS.WORK")).isEqualTo("4");
    assertThat(itemValue(second, "I.SDS.WORK")).isEqualTo("6");
    assertThat(itemValue(second, "I.SDS.TOTAL")).isEqualTo("11");
    // AuditRecord precedes ItemData, as the ODM schema orders them.
    assertThat(second.getFirstChild().getLocalName()).isEqualTo("AuditRecord");
  }

  private static String itemValue(Element group, String oid) {
    var items = group.getElementsByTagNameNS(AssessmentExport.ODM_NAMESPACE, "ItemData");
    for (int i = 0; i < items.getLength(); i++) {
      var item = (Element) items.item(i);
      if (item.getAttribute("ItemOID").equals(oid)) {
        return item.getAttribute("Value");
      }
    }
    return null;
  }

  @Test
  void csvHasOneQuotedLinePerItem() {
    var csv = AssessmentExport.csv(List.of(row(2, 6, "typo, \"WORK\"")));
    var lines = csv.split("\r\n");
    assertThat(lines[0]).isEqualTo(AssessmentExport.CSV_HEADER);
    assertThat(lines).hasSize(4);
    assertThat(lines[1])
        .isEqualTo(
            ID
                + ",P-0001,MAPP-X,US-SF-01,SDS,BASELINE,2,2026-01-05T17:00:00Z,rater.sf,"
                + "2026-01-05T18:00:02Z,\"typo, \"\"WORK\"\"\",11,,FAMILY,2,,");
  }

  @Test
  void csvDefusesSpreadsheetFormulas() {
    assertThat(AssessmentExport.cell("=HYPERLINK(1)")).isEqualTo("'=HYPERLINK(1)");
    assertThat(AssessmentExport.cell("-12")).isEqualTo("-12");
  }
}
