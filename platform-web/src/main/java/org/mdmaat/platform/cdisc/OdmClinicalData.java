package org.mdmaat.platform.cdisc;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * One service's ClinicalData element of a trial's ODM 1.3.2 study export, streamed: records come
 * page by page (ordered by subject, event and form), each written as an ItemGroupData with its
 * AuditRecord inside the SubjectData, StudyEventData and FormData it belongs to, opened and closed
 * as the keys change. Only one page is in memory. The element declares the ODM namespace itself and
 * carries no XML declaration, so the gateway can put it into its document as it comes.
 */
public final class OdmClinicalData {
  /** One item value; {@code unit} is a MeasurementUnit OID or null. */
  public record Value(String item, String value, String unit) {}

  /**
   * Who wrote a record, where and when (the ODM AuditRecord): a user id, a site code, UTC. {@code
   * reason} may be null (an initial entry); {@code sourceId} names the source record.
   */
  public record Audit(String user, String location, Instant at, String reason, String sourceId) {}

  /**
   * One ItemGroupData. {@code transaction} is Insert, Update, Remove or Upsert; repeat keys are
   * null for definitions that do not repeat. Subjects are pseudonymous participant codes.
   */
  public record Record(
      String subject,
      String site,
      String event,
      String eventRepeat,
      String form,
      String formRepeat,
      String group,
      String groupRepeat,
      String transaction,
      Audit audit,
      List<Value> values) {
    public Record {
      values = List.copyOf(values);
    }
  }

  /** The records of one page (from 0); an empty page ends the element. */
  @FunctionalInterface
  public interface Pages {
    Uni<List<Record>> page(int page);
  }

  /** Marks the empty page that ends the records (compared by identity, never written). */
  private static final Buffer END = Buffer.buffer();

  private final StringWriter text = new StringWriter();
  private final XMLStreamWriter xml = Odm.writer(text);
  private String subject;
  private String event;
  private String form;

  private OdmClinicalData() {}

  /** The ClinicalData element of {@code trialId} as chunks of bytes. */
  public static Multi<Buffer> stream(String trialId, Pages pages) {
    return Multi.createFrom()
        .deferred(
            () -> {
              var writer = new OdmClinicalData();
              var head = Multi.createFrom().item(() -> writer.start(trialId));
              Multi<Buffer> body =
                  Multi.createBy()
                      .repeating()
                      .uni(() -> new int[] {0}, next -> pages.page(next[0]++).map(writer::records))
                      .until(chunk -> chunk == END);
              var tail = Multi.createFrom().item(writer::finish);
              return Multi.createBy().concatenating().streams(head, body, tail);
            });
  }

  /** The whole element as text, for tests. */
  public static Uni<String> text(Multi<Buffer> chunks) {
    return chunks.collect().in(Buffer::buffer, Buffer::appendBuffer).map(Buffer::toString);
  }

  private Buffer start(String trialId) {
    try {
      xml.setDefaultNamespace(Odm.NAMESPACE);
      xml.writeStartElement(Odm.NAMESPACE, "ClinicalData");
      xml.writeDefaultNamespace(Odm.NAMESPACE);
      xml.writeAttribute("StudyOID", trialId);
      xml.writeAttribute("MetaDataVersionOID", Odm.METADATA_VERSION_OID);
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return drain();
  }

  /** Writes a page; {@link #END} (which ends the stream) for an empty one. */
  private Buffer records(List<Record> records) {
    if (records.isEmpty()) {
      return END;
    }
    try {
      for (var record : records) {
        write(record);
      }
    } catch (XMLStreamException e) {
      throw new IllegalStateException("ODM clinical data could not be written", e);
    }
    return drain();
  }

  private void write(Record record) throws XMLStreamException {
    var subjectKey = record.subject();
    var eventKey = subjectKey + "\u0000" + record.event() + "\u0000" + record.eventRepeat();
    var formKey = eventKey + "\u0000" + record.form() + "\u0000" + record.formRepeat();
    if (!subjectKey.equals(subject)) {
      closeSubject();
      xml.writeStartElement(Odm.NAMESPACE, "SubjectData");
      xml.writeAttribute("SubjectKey", subjectKey);
      if (record.site() != null) {
        xml.writeEmptyElement(Odm.NAMESPACE, "SiteRef");
        xml.writeAttribute("LocationOID", record.site());
      }
      subject = subjectKey;
    }
    if (!eventKey.equals(event)) {
      closeEvent();
      xml.writeStartElement(Odm.NAMESPACE, "StudyEventData");
      xml.writeAttribute("StudyEventOID", record.event());
      if (record.eventRepeat() != null) {
        xml.writeAttribute("StudyEventRepeatKey", record.eventRepeat());
      }
      event = eventKey;
    }
    if (!formKey.equals(form)) {
      closeForm();
      xml.writeStartElement(Odm.NAMESPACE, "FormData");
      xml.writeAttribute("FormOID", record.form());
      if (record.formRepeat() != null) {
        xml.writeAttribute("FormRepeatKey", record.formRepeat());
      }
      form = formKey;
    }
    xml.writeStartElement(Odm.NAMESPACE, "ItemGroupData");
    xml.writeAttribute("ItemGroupOID", record.group());
    if (record.groupRepeat() != null) {
      xml.writeAttribute("ItemGroupRepeatKey", record.groupRepeat());
    }
    xml.writeAttribute("TransactionType", record.transaction());
    audit(record.audit());
    for (var value : record.values()) {
      if (value.value() == null) {
        continue;
      }
      if (value.unit() == null) {
        xml.writeEmptyElement(Odm.NAMESPACE, "ItemData");
      } else {
        xml.writeStartElement(Odm.NAMESPACE, "ItemData");
      }
      xml.writeAttribute("ItemOID", value.item());
      xml.writeAttribute("Value", value.value());
      if (value.unit() != null) {
        xml.writeEmptyElement(Odm.NAMESPACE, "MeasurementUnitRef");
        xml.writeAttribute("MeasurementUnitOID", value.unit());
        xml.writeEndElement();
      }
    }
    xml.writeEndElement();
  }

  private void audit(Audit audit) throws XMLStreamException {
    xml.writeStartElement(Odm.NAMESPACE, "AuditRecord");
    xml.writeEmptyElement(Odm.NAMESPACE, "UserRef");
    xml.writeAttribute("UserOID", audit.user());
    xml.writeEmptyElement(Odm.NAMESPACE, "LocationRef");
    xml.writeAttribute("LocationOID", audit.location());
    text("DateTimeStamp", Odm.utc(audit.at()));
    if (audit.reason() != null && !audit.reason().isBlank()) {
      text("ReasonForChange", audit.reason());
    }
    if (audit.sourceId() != null) {
      text("SourceID", audit.sourceId());
    }
    xml.writeEndElement();
  }

  private void text(String element, String value) throws XMLStreamException {
    xml.writeStartElement(Odm.NAMESPACE, element);
    xml.writeCharacters(value);
    xml.writeEndElement();
  }

  private void closeForm() throws XMLStreamException {
    if (form != null) {
      xml.writeEndElement();
      form = null;
    }
  }

  private void closeEvent() throws XMLStreamException {
    closeForm();
    if (event != null) {
      xml.writeEndElement();
      event = null;
    }
  }

  private void closeSubject() throws XMLStreamException {
    closeEvent();
    if (subject != null) {
      xml.writeEndElement();
      subject = null;
    }
  }

  private Buffer finish() {
    try {
      closeSubject();
      xml.writeEndElement();
      xml.flush();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return drain();
  }

  private Buffer drain() {
    try {
      xml.flush();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    var buffer = text.getBuffer();
    var chunk = Buffer.buffer(buffer.toString());
    buffer.setLength(0);
    return chunk;
  }
}
