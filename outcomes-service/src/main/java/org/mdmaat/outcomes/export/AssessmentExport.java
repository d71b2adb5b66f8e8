package org.mdmaat.outcomes.export;

import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.mdmaat.outcomes.assessment.Timepoint;
import org.mdmaat.outcomes.assessment.WindowView;

/**
 * Writes assessments as CSV (one row per item response) and as a CDISC ODM 1.3.2 transactional
 * file: every revision is an ItemGroupData (Insert, then Update) with its AuditRecord, so earlier
 * values stay visible to whoever reads the export.
 */
public final class AssessmentExport {
  static final String ODM_NAMESPACE = "http://www.cdisc.org/ns/odm/v1.3";
  static final String CSV_HEADER =
      "assessment_id,participant_code,trial_id,site_code,instrument,timepoint,revision,"
          + "administered_at,recorded_by,recorded_at,reason,total,band,item,value,"
          + "window_status,window_target_date";

  private AssessmentExport() {}

  /** One revision of one assessment, flattened for export. */
  public record Row(
      UUID assessmentId,
      String participantCode,
      String trialId,
      String siteCode,
      String instrument,
      Timepoint timepoint,
      int revision,
      Instant administeredAt,
      String recordedBy,
      Instant recordedAt,
      String reason,
      int total,
      String band,
      Map<String, Integer> responses,
      WindowView window) {

    /** A revision without its window (the ODM export carries none). */
    public Row(
        UUID assessmentId,
        String participantCode,
        String trialId,
        String siteCode,
        String instrument,
        Timepoint timepoint,
        int revision,
        Instant administeredAt,
        String recordedBy,
        Instant recordedAt,
        String reason,
        int total,
        String band,
        Map<String, Integer> responses) {
      this(
          assessmentId,
          participantCode,
          trialId,
          siteCode,
          instrument,
          timepoint,
          revision,
          administeredAt,
          recordedBy,
          recordedAt,
          reason,
          total,
          band,
          responses,
          null);
    }
  }

  /**
   * Current values only: the latest revision of each assessment, one line per item, with its window
   * status (IN_WINDOW, OUT_OF_WINDOW, ANCHOR_MISSING) and target date.
   */
  public static String csv(List<Row> latest) {
    var out = new StringBuilder(CSV_HEADER).append("\r\n");
    for (var row : latest) {
      for (var item : new TreeMap<>(row.responses()).entrySet()) {
        out.append(
                String.join(
                    ",",
                    cell(row.assessmentId().toString()),
                    cell(row.participantCode()),
                    cell(row.trialId()),
                    cell(row.siteCode()),
                    cell(row.instrument()),
                    cell(row.timepoint().name()),
                    Integer.toString(row.revision()),
                    cell(utc(row.administeredAt())),
                    cell(row.recordedBy()),
                    cell(utc(row.recordedAt())),
                    cell(row.reason()),
                    Integer.toString(row.total()),
                    cell(row.band()),
                    cell(item.getKey()),
                    Integer.toString(item.getValue()),
                    cell(row.window() == null ? null : row.window().status().name()),
                    cell(
                        row.window() == null || row.window().targetDate() == null
                            ? null
                            : row.window().targetDate().toString())))
            .append("\r\n");
      }
    }
    return out.toString();
  }

  /** RFC 4180 quoting; a leading formula character is defused for spreadsheet users. */
  static String cell(String value) {
    if (value == null) {
      return "";
    }
    String text = value;
    if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !text.matches("-?\\d.*")) {
      text = "'" + text;
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }

  /** Every revision, grouped Subject / StudyEvent (timepoint) / Form (instrument). */
  public static String odm(String trialId, List<Row> revisions, Instant createdAt) {
    Map<String, Map<Timepoint, Map<String, List<Row>>>> tree = new TreeMap<>();
    Map<String, String> siteOf = new LinkedHashMap<>();
    var ordered = new ArrayList<>(revisions);
    ordered.sort(Comparator.comparing(Row::revision));
    for (var row : ordered) {
      siteOf.put(row.participantCode(), row.siteCode());
      tree.computeIfAbsent(row.participantCode(), p -> new TreeMap<>())
          .computeIfAbsent(row.timepoint(), t -> new TreeMap<>())
          .computeIfAbsent(row.instrument(), i -> new ArrayList<>())
          .add(row);
    }
    try {
      var text = new StringWriter();
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.setDefaultNamespace(ODM_NAMESPACE);
      xml.writeStartElement(ODM_NAMESPACE, "ODM");
      xml.writeDefaultNamespace(ODM_NAMESPACE);
      xml.writeAttribute("FileType", "Transactional");
      xml.writeAttribute("FileOID", "outcomes." + trialId + "." + UUID.randomUUID());
      xml.writeAttribute("CreationDateTime", utc(createdAt));
      xml.writeAttribute("ODMVersion", "1.3.2");
      xml.writeAttribute("Originator", "outcomes-service");
      xml.writeStartElement(ODM_NAMESPACE, "ClinicalData");
      xml.writeAttribute("StudyOID", trialId);
      xml.writeAttribute("MetaDataVersionOID", "outcomes.v1");
      for (var subject : tree.entrySet()) {
        xml.writeStartElement(ODM_NAMESPACE, "SubjectData");
        xml.writeAttribute("SubjectKey", subject.getKey());
        xml.writeEmptyElement(ODM_NAMESPACE, "SiteRef");
        xml.writeAttribute("LocationOID", siteOf.get(subject.getKey()));
        for (var event : subject.getValue().entrySet()) {
          xml.writeStartElement(ODM_NAMESPACE, "StudyEventData");
          xml.writeAttribute("StudyEventOID", "SE." + event.getKey().name());
          for (var form : event.getValue().entrySet()) {
            xml.writeStartElement(ODM_NAMESPACE, "FormData");
            xml.writeAttribute("FormOID", "F." + form.getKey());
            for (var row : form.getValue()) {
              itemGroup(xml, row);
            }
            xml.writeEndElement();
          }
          xml.writeEndElement();
        }
        xml.writeEndElement();
      }
      xml.writeEndElement();
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
      return text.toString();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("ODM export failed", e);
    }
  }

  private static void itemGroup(XMLStreamWriter xml, Row row) throws XMLStreamException {
    xml.writeStartElement(ODM_NAMESPACE, "ItemGroupData");
    xml.writeAttribute("ItemGroupOID", "IG." + row.instrument());
    xml.writeAttribute("TransactionType", row.revision() == 1 ? "Insert" : "Update");
    xml.writeStartElement(ODM_NAMESPACE, "AuditRecord");
    xml.writeEmptyElement(ODM_NAMESPACE, "UserRef");
    xml.writeAttribute("UserOID", row.recordedBy());
    xml.writeEmptyElement(ODM_NAMESPACE, "LocationRef");
    xml.writeAttribute("LocationOID", row.siteCode());
    element(xml, "DateTimeStamp", utc(row.recordedAt()));
    element(xml, "ReasonForChange", row.reason() == null ? "Initial entry" : row.reason());
    element(xml, "SourceID", row.assessmentId() + "/" + row.revision());
    xml.writeEndElement();
    for (var item : new TreeMap<>(row.responses()).entrySet()) {
      xml.writeEmptyElement(ODM_NAMESPACE, "ItemData");
      xml.writeAttribute("ItemOID", "I." + row.instrument() + "." + item.getKey());
      xml.writeAttribute("Value", item.getValue().toString());
    }
    xml.writeEmptyElement(ODM_NAMESPACE, "ItemData");
    xml.writeAttribute("ItemOID", "I." + row.instrument() + ".TOTAL");
    xml.writeAttribute("Value", Integer.toString(row.total()));
    xml.writeEmptyElement(ODM_NAMESPACE, "ItemData");
    xml.writeAttribute("ItemOID", "I." + row.instrument() + ".ADMINISTERED_AT");
    xml.writeAttribute("Value", utc(row.administeredAt()));
    xml.writeEndElement();
  }

  private static void element(XMLStreamWriter xml, String name, String text)
      throws XMLStreamException {
    xml.writeStartElement(ODM_NAMESPACE, name);
    xml.writeCharacters(text);
    xml.writeEndElement();
  }

  static String utc(Instant instant) {
    return instant == null
        ? null
        : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MICROS));
  }
}
