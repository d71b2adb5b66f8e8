package org.mdmaat.platform.cdisc;

import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * One service's definitions for a trial's ODM 1.3.2 study export, written as a small ODM document
 * of its own (Study with GlobalVariables, BasicDefinitions and the MetaDataVersion; AdminData with
 * the users and locations its data refer to), which the gateway merges with the other services'.
 * Every element comes out in the order the ODM 1.3.2 schema prescribes, whatever order it was added
 * in; a definition added twice under one OID is kept once. Small: built in memory.
 */
public final class OdmMetadata {
  /** A unit items are measured in. */
  public record Unit(String oid, String symbol) {}

  /** A visit (StudyEventDef) and the forms collected at it. */
  public record Event(String oid, String name, boolean repeating, String type, List<String> forms) {
    public Event {
      forms = List.copyOf(forms);
    }
  }

  /** A form and its item groups. */
  public record Form(String oid, String name, boolean repeating, List<String> groups) {
    public Form {
      groups = List.copyOf(groups);
    }
  }

  /** An item group and its items. */
  public record Group(String oid, String name, boolean repeating, List<String> items) {
    public Group {
      items = List.copyOf(items);
    }
  }

  /**
   * An item. {@code dataType} is ODM's (integer, float, text, datetime, boolean...); {@code unit}
   * and {@code codeList} are OIDs or null.
   */
  public record Item(
      String oid, String name, String dataType, String question, String unit, String codeList) {}

  /** One coded value and what it means. */
  public record Code(String value, String decode) {}

  /** A code list (ODM DataType integer, float, text or string). */
  public record CodeList(String oid, String name, String dataType, List<Code> codes) {
    public CodeList {
      codes = List.copyOf(codes);
    }
  }

  /** A member of staff by user id (the token's user name), never a participant. */
  public record User(String oid) {}

  /** A site. */
  public record Location(String oid, String name) {}

  private final String trialId;
  private final String source;
  private String studyName;
  private String description;
  private String protocolName;
  private final Map<String, Unit> units = new LinkedHashMap<>();
  private final Map<String, Event> events = new LinkedHashMap<>();
  private final Map<String, Form> forms = new LinkedHashMap<>();
  private final Map<String, Group> groups = new LinkedHashMap<>();
  private final Map<String, Item> items = new LinkedHashMap<>();
  private final Map<String, CodeList> codeLists = new LinkedHashMap<>();
  private final Map<String, User> users = new LinkedHashMap<>();
  private final Map<String, Location> locations = new LinkedHashMap<>();

  /** {@code source} names the service in the file's OID and Originator. */
  public OdmMetadata(String trialId, String source) {
    this.trialId = trialId;
    this.source = source;
    this.studyName = trialId;
    this.description = trialId;
    this.protocolName = trialId;
  }

  public OdmMetadata study(String name, String description, String protocolName) {
    this.studyName = blankTo(name, trialId);
    this.description = blankTo(description, this.studyName);
    this.protocolName = blankTo(protocolName, trialId);
    return this;
  }

  public OdmMetadata unit(Unit unit) {
    units.putIfAbsent(unit.oid(), unit);
    return this;
  }

  public OdmMetadata event(Event event) {
    events.putIfAbsent(event.oid(), event);
    return this;
  }

  public OdmMetadata form(Form form) {
    forms.putIfAbsent(form.oid(), form);
    return this;
  }

  public OdmMetadata group(Group group) {
    groups.putIfAbsent(group.oid(), group);
    return this;
  }

  public OdmMetadata item(Item item) {
    items.putIfAbsent(item.oid(), item);
    return this;
  }

  public OdmMetadata codeList(CodeList codeList) {
    codeLists.putIfAbsent(codeList.oid(), codeList);
    return this;
  }

  public OdmMetadata user(String userId) {
    if (userId != null && !userId.isBlank()) {
      users.putIfAbsent(userId, new User(userId));
    }
    return this;
  }

  public OdmMetadata location(String code, String name) {
    if (code != null && !code.isBlank()) {
      locations.putIfAbsent(code, new Location(code, blankTo(name, code)));
    }
    return this;
  }

  /** The document (with its XML declaration). */
  public String write(Instant createdAt) {
    var text = new StringWriter();
    var xml = Odm.writer(text);
    try {
      xml.writeStartDocument("UTF-8", "1.0");
      xml.setDefaultNamespace(Odm.NAMESPACE);
      xml.writeStartElement(Odm.NAMESPACE, "ODM");
      xml.writeDefaultNamespace(Odm.NAMESPACE);
      xml.writeAttribute("FileType", "Snapshot");
      xml.writeAttribute("FileOID", source + "." + trialId + "." + UUID.randomUUID());
      xml.writeAttribute("CreationDateTime", Odm.utc(createdAt));
      xml.writeAttribute("ODMVersion", Odm.VERSION);
      xml.writeAttribute("Originator", source);
      study(xml);
      admin(xml, createdAt);
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("ODM metadata could not be written", e);
    }
    return text.toString();
  }

  private void study(XMLStreamWriter xml) throws XMLStreamException {
    xml.writeStartElement(Odm.NAMESPACE, "Study");
    xml.writeAttribute("OID", trialId);
    xml.writeStartElement(Odm.NAMESPACE, "GlobalVariables");
    text(xml, "StudyName", studyName);
    text(xml, "StudyDescription", description);
    text(xml, "ProtocolName", protocolName);
    xml.writeEndElement();
    xml.writeStartElement(Odm.NAMESPACE, "BasicDefinitions");
    for (var unit : units.values()) {
      xml.writeStartElement(Odm.NAMESPACE, "MeasurementUnit");
      xml.writeAttribute("OID", unit.oid());
      xml.writeAttribute("Name", unit.symbol());
      xml.writeStartElement(Odm.NAMESPACE, "Symbol");
      translated(xml, unit.symbol());
      xml.writeEndElement();
      xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeStartElement(Odm.NAMESPACE, "MetaDataVersion");
    xml.writeAttribute("OID", Odm.METADATA_VERSION_OID);
    xml.writeAttribute("Name", "Study export of " + trialId);
    xml.writeStartElement(Odm.NAMESPACE, "Protocol");
    for (var event : events.values()) {
      xml.writeEmptyElement(Odm.NAMESPACE, "StudyEventRef");
      xml.writeAttribute("StudyEventOID", event.oid());
      xml.writeAttribute("Mandatory", "No");
    }
    xml.writeEndElement();
    for (var event : events.values()) {
      xml.writeStartElement(Odm.NAMESPACE, "StudyEventDef");
      xml.writeAttribute("OID", event.oid());
      xml.writeAttribute("Name", event.name());
      xml.writeAttribute("Repeating", yesNo(event.repeating()));
      xml.writeAttribute("Type", event.type());
      refs(xml, "FormRef", "FormOID", event.forms());
      xml.writeEndElement();
    }
    for (var form : forms.values()) {
      xml.writeStartElement(Odm.NAMESPACE, "FormDef");
      xml.writeAttribute("OID", form.oid());
      xml.writeAttribute("Name", form.name());
      xml.writeAttribute("Repeating", yesNo(form.repeating()));
      refs(xml, "ItemGroupRef", "ItemGroupOID", form.groups());
      xml.writeEndElement();
    }
    for (var group : groups.values()) {
      xml.writeStartElement(Odm.NAMESPACE, "ItemGroupDef");
      xml.writeAttribute("OID", group.oid());
      xml.writeAttribute("Name", group.name());
      xml.writeAttribute("Repeating", yesNo(group.repeating()));
      refs(xml, "ItemRef", "ItemOID", group.items());
      xml.writeEndElement();
    }
    for (var item : items.values()) {
      xml.writeStartElement(Odm.NAMESPACE, "ItemDef");
      xml.writeAttribute("OID", item.oid());
      xml.writeAttribute("Name", item.name());
      xml.writeAttribute("DataType", item.dataType());
      if (item.question() != null) {
        xml.writeStartElement(Odm.NAMESPACE, "Question");
        translated(xml, item.question());
        xml.writeEndElement();
      }
      if (item.unit() != null) {
        xml.writeEmptyElement(Odm.NAMESPACE, "MeasurementUnitRef");
        xml.writeAttribute("MeasurementUnitOID", item.unit());
      }
      if (item.codeList() != null) {
        xml.writeEmptyElement(Odm.NAMESPACE, "CodeListRef");
        xml.writeAttribute("CodeListOID", item.codeList());
      }
      xml.writeEndElement();
    }
    for (var list : codeLists.values()) {
      xml.writeStartElement(Odm.NAMESPACE, "CodeList");
      xml.writeAttribute("OID", list.oid());
      xml.writeAttribute("Name", list.name());
      xml.writeAttribute("DataType", list.dataType());
      for (var code : list.codes()) {
        xml.writeStartElement(Odm.NAMESPACE, "CodeListItem");
        xml.writeAttribute("CodedValue", code.value());
        xml.writeStartElement(Odm.NAMESPACE, "Decode");
        translated(xml, code.decode());
        xml.writeEndElement();
        xml.writeEndElement();
      }
      xml.writeEndElement();
    }
    xml.writeEndElement(); // MetaDataVersion
    xml.writeEndElement(); // Study
  }

  private void admin(XMLStreamWriter xml, Instant createdAt) throws XMLStreamException {
    xml.writeStartElement(Odm.NAMESPACE, "AdminData");
    xml.writeAttribute("StudyOID", trialId);
    for (var user : users.values()) {
      xml.writeStartElement(Odm.NAMESPACE, "User");
      xml.writeAttribute("OID", user.oid());
      text(xml, "LoginName", user.oid());
      xml.writeEndElement();
    }
    for (var location : locations.values()) {
      xml.writeStartElement(Odm.NAMESPACE, "Location");
      xml.writeAttribute("OID", location.oid());
      xml.writeAttribute("Name", location.name());
      xml.writeAttribute("LocationType", "Site");
      xml.writeEmptyElement(Odm.NAMESPACE, "MetaDataVersionRef");
      xml.writeAttribute("StudyOID", trialId);
      xml.writeAttribute("MetaDataVersionOID", Odm.METADATA_VERSION_OID);
      xml.writeAttribute("EffectiveDate", Odm.utc(createdAt).substring(0, 10));
      xml.writeEndElement();
    }
    xml.writeEndElement();
  }

  private static void refs(XMLStreamWriter xml, String element, String attribute, List<String> oids)
      throws XMLStreamException {
    int order = 0;
    for (var oid : new ArrayList<>(oids)) {
      xml.writeEmptyElement(Odm.NAMESPACE, element);
      xml.writeAttribute(attribute, oid);
      xml.writeAttribute("OrderNumber", Integer.toString(++order));
      xml.writeAttribute("Mandatory", "No");
    }
  }

  private static void text(XMLStreamWriter xml, String element, String value)
      throws XMLStreamException {
    xml.writeStartElement(Odm.NAMESPACE, element);
    xml.writeCharacters(value);
    xml.writeEndElement();
  }

  private static void translated(XMLStreamWriter xml, String value) throws XMLStreamException {
    xml.writeStartElement(Odm.NAMESPACE, "TranslatedText");
    xml.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "lang", "en");
    xml.writeCharacters(value);
    xml.writeEndElement();
  }

  private static String yesNo(boolean value) {
    return value ? "Yes" : "No";
  }

  private static String blankTo(String value, String otherwise) {
    return value == null || value.isBlank() ? otherwise : value;
  }
}
