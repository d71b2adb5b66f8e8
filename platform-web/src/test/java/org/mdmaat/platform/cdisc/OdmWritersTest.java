package org.mdmaat.platform.cdisc;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class OdmWritersTest {
  private static OdmClinicalData.Record record(
      String subject, String event, String repeat, String group, String value) {
    return new OdmClinicalData.Record(
        subject,
        "US-SF-01",
        event,
        repeat,
        "F.DOSE",
        null,
        "IG.DOSE",
        group,
        "Insert",
        new OdmClinicalData.Audit(
            "therapist.sf1", "US-SF-01", Instant.parse("2026-03-01T09:00:00Z"), null, "src-1"),
        List.of(
            new OdmClinicalData.Value("DOSE.MG_HCL", value, "MU.MG"),
            new OdmClinicalData.Value("DOSE.KIT", null, null)));
  }

  private static Document parse(String xml) throws Exception {
    var factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void clinicalDataNestsOrderedRecordsAcrossPagesUnderOneSubjectAndVisit() throws Exception {
    // Page 0 ends in the middle of P-1's second session: it continues on page 1.
    var pages =
        List.of(
            List.of(
                record("P-1", "SE.EXPERIMENTAL", "1", "1", "80"),
                record("P-1", "SE.EXPERIMENTAL", "2", "1", "120")),
            List.of(
                record("P-1", "SE.EXPERIMENTAL", "2", "2", "60"),
                record("P-2", "SE.EXPERIMENTAL", "1", "1", "80")),
            List.<OdmClinicalData.Record>of());
    var text =
        OdmClinicalData.text(
                OdmClinicalData.stream("MAPP-X", page -> Uni.createFrom().item(pages.get(page))))
            .await()
            .indefinitely();

    assertThat(text).startsWith("<ClinicalData xmlns=\"" + Odm.NAMESPACE + "\"");
    var clinical = parse(text).getDocumentElement();
    assertThat(clinical.getAttribute("MetaDataVersionOID")).isEqualTo(Odm.METADATA_VERSION_OID);
    var subjects = clinical.getElementsByTagNameNS(Odm.NAMESPACE, "SubjectData");
    assertThat(subjects.getLength()).isEqualTo(2);
    var first = (Element) subjects.item(0);
    assertThat(first.getAttribute("SubjectKey")).isEqualTo("P-1");
    assertThat(first.getFirstChild().getLocalName()).isEqualTo("SiteRef");
    var events = first.getElementsByTagNameNS(Odm.NAMESPACE, "StudyEventData");
    assertThat(events.getLength()).isEqualTo(2);
    assertThat(((Element) events.item(1)).getAttribute("StudyEventRepeatKey")).isEqualTo("2");
    assertThat(
            ((Element) events.item(1))
                .getElementsByTagNameNS(Odm.NAMESPACE, "ItemGroupData")
                .getLength())
        .isEqualTo(2);
    var group = (Element) first.getElementsByTagNameNS(Odm.NAMESPACE, "ItemGroupData").item(0);
    assertThat(group.getFirstChild().getLocalName()).isEqualTo("AuditRecord");
    // A null value is left out; a value with a unit carries its MeasurementUnitRef.
    var items = group.getElementsByTagNameNS(Odm.NAMESPACE, "ItemData");
    assertThat(items.getLength()).isEqualTo(1);
    assertThat(((Element) items.item(0)).getFirstChild().getLocalName())
        .isEqualTo("MeasurementUnitRef");
  }

  @Test
  void metadataComesOutInSchemaOrderWhateverTheOrderItWasGivenIn() throws Exception {
    var xml =
        new OdmMetadata("MAPP-X", "test")
            .codeList(
                new OdmMetadata.CodeList(
                    "CL.A", "A", "text", List.of(new OdmMetadata.Code("X", "x"))))
            .item(new OdmMetadata.Item("I.A", "A", "text", "A?", null, "CL.A"))
            .group(new OdmMetadata.Group("IG.A", "A", false, List.of("I.A")))
            .form(new OdmMetadata.Form("F.A", "A", false, List.of("IG.A")))
            .event(new OdmMetadata.Event("SE.A", "A", false, "Scheduled", List.of("F.A")))
            .event(new OdmMetadata.Event("SE.A", "again", true, "Common", List.of()))
            .user("rater.sf")
            .location("US-SF-01", null)
            .write(Instant.parse("2026-03-01T09:00:00Z"));
    var odm = parse(xml).getDocumentElement();
    assertThat(odm.getAttribute("ODMVersion")).isEqualTo("1.3.2");
    var mdv = (Element) odm.getElementsByTagNameNS(Odm.NAMESPACE, "MetaDataVersion").item(0);
    var names = new java.util.ArrayList<String>();
    for (var node = mdv.getFirstChild(); node != null; node = node.getNextSibling()) {
      names.add(node.getLocalName());
    }
    assertThat(names)
        .containsExactly(
            "Protocol", "StudyEventDef", "FormDef", "ItemGroupDef", "ItemDef", "CodeList");
    var location = (Element) odm.getElementsByTagNameNS(Odm.NAMESPACE, "Location").item(0);
    assertThat(location.getAttribute("Name")).isEqualTo("US-SF-01");
    var ref =
        (Element) location.getElementsByTagNameNS(Odm.NAMESPACE, "MetaDataVersionRef").item(0);
    assertThat(ref.getAttribute("EffectiveDate")).isEqualTo("2026-03-01");
    assertThat(xml).contains("xml:lang=\"en\"");
  }
}
