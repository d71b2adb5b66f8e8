package org.mdmaat.devstack;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * For tests: checks a CDISC ODM 1.3.2 document for what the official schema (ODM1-3-2.xsd, which is
 * not on Maven Central and so not in the build) prescribes of the parts the platform writes:
 * well-formedness, the order of children, required attributes, OIDs unique per kind, and every OID
 * reference resolved, including clinical data against the definitions of its context (a FormData is
 * a form its visit lists, an ItemData an item its group lists). Validate against the schema itself
 * with {@code xmllint --noout --schema ODM1-3-2.xsd study.odm.xml}.
 */
public final class OdmStructure {
  public static final String NS = "http://www.cdisc.org/ns/odm/v1.3";

  /** Allowed children in schema order (those the platform may write, and their neighbours). */
  private static final Map<String, List<String>> ORDER =
      Map.ofEntries(
          Map.entry(
              "ODM", List.of("Study", "AdminData", "ReferenceData", "ClinicalData", "Association")),
          Map.entry("Study", List.of("GlobalVariables", "BasicDefinitions", "MetaDataVersion")),
          Map.entry("GlobalVariables", List.of("StudyName", "StudyDescription", "ProtocolName")),
          Map.entry("BasicDefinitions", List.of("MeasurementUnit")),
          Map.entry("MeasurementUnit", List.of("Symbol", "Alias")),
          Map.entry(
              "MetaDataVersion",
              List.of(
                  "Include",
                  "Protocol",
                  "StudyEventDef",
                  "FormDef",
                  "ItemGroupDef",
                  "ItemDef",
                  "CodeList",
                  "ImputationMethod",
                  "Presentation",
                  "ConditionDef",
                  "MethodDef")),
          Map.entry("Protocol", List.of("Description", "StudyEventRef", "Alias")),
          Map.entry("StudyEventDef", List.of("Description", "FormRef", "Alias")),
          Map.entry("FormDef", List.of("Description", "ItemGroupRef", "ArchiveLayout", "Alias")),
          Map.entry("ItemGroupDef", List.of("Description", "ItemRef", "Alias")),
          Map.entry(
              "ItemDef",
              List.of(
                  "Description",
                  "Question",
                  "ExternalQuestion",
                  "MeasurementUnitRef",
                  "RangeCheck",
                  "CodeListRef",
                  "Role",
                  "Alias")),
          Map.entry(
              "CodeList",
              List.of(
                  "Description", "CodeListItem", "EnumeratedItem", "ExternalCodeList", "Alias")),
          Map.entry("CodeListItem", List.of("Decode", "Alias")),
          Map.entry("AdminData", List.of("User", "Location", "SignatureDef")),
          Map.entry(
              "User",
              List.of(
                  "LoginName",
                  "DisplayName",
                  "FullName",
                  "FirstName",
                  "LastName",
                  "Organization",
                  "Address",
                  "Email",
                  "Picture",
                  "Pager",
                  "Fax",
                  "Phone",
                  "LocationRef",
                  "Certificate")),
          Map.entry("Location", List.of("MetaDataVersionRef")),
          Map.entry("ClinicalData", List.of("SubjectData", "AuditRecords", "Signatures")),
          Map.entry(
              "SubjectData",
              List.of(
                  "AuditRecord",
                  "Signature",
                  "InvestigatorRef",
                  "SiteRef",
                  "Annotation",
                  "StudyEventData")),
          Map.entry(
              "StudyEventData", List.of("AuditRecord", "Signature", "Annotation", "FormData")),
          Map.entry(
              "FormData",
              List.of(
                  "AuditRecord", "Signature", "ArchiveLayoutRef", "Annotation", "ItemGroupData")),
          Map.entry("ItemGroupData", List.of("AuditRecord", "Signature", "Annotation", "ItemData")),
          Map.entry(
              "ItemData", List.of("AuditRecord", "Signature", "MeasurementUnitRef", "Annotation")),
          Map.entry(
              "AuditRecord",
              List.of("UserRef", "LocationRef", "DateTimeStamp", "ReasonForChange", "SourceID")));

  /** Elements at most once within their parent. */
  private static final Set<String> SINGLE =
      Set.of(
          "GlobalVariables",
          "BasicDefinitions",
          "StudyName",
          "StudyDescription",
          "ProtocolName",
          "Include",
          "Protocol",
          "Description",
          "Question",
          "CodeListRef",
          "AuditRecord",
          "SiteRef",
          "UserRef",
          "LocationRef",
          "DateTimeStamp",
          "ReasonForChange",
          "SourceID",
          "LoginName");

  private static final Map<String, List<String>> REQUIRED =
      Map.ofEntries(
          Map.entry("ODM", List.of("FileOID", "FileType", "CreationDateTime", "ODMVersion")),
          Map.entry("Study", List.of("OID")),
          Map.entry("MeasurementUnit", List.of("OID", "Name")),
          Map.entry("MetaDataVersion", List.of("OID", "Name")),
          Map.entry("StudyEventRef", List.of("StudyEventOID", "Mandatory")),
          Map.entry("StudyEventDef", List.of("OID", "Name", "Repeating", "Type")),
          Map.entry("FormRef", List.of("FormOID", "Mandatory")),
          Map.entry("FormDef", List.of("OID", "Name", "Repeating")),
          Map.entry("ItemGroupRef", List.of("ItemGroupOID", "Mandatory")),
          Map.entry("ItemGroupDef", List.of("OID", "Name", "Repeating")),
          Map.entry("ItemRef", List.of("ItemOID", "Mandatory")),
          Map.entry("ItemDef", List.of("OID", "Name", "DataType")),
          Map.entry("CodeList", List.of("OID", "Name", "DataType")),
          Map.entry("CodeListItem", List.of("CodedValue")),
          Map.entry("CodeListRef", List.of("CodeListOID")),
          Map.entry("MeasurementUnitRef", List.of("MeasurementUnitOID")),
          Map.entry("User", List.of("OID")),
          Map.entry("Location", List.of("OID", "Name")),
          Map.entry(
              "MetaDataVersionRef", List.of("StudyOID", "MetaDataVersionOID", "EffectiveDate")),
          Map.entry("ClinicalData", List.of("StudyOID", "MetaDataVersionOID")),
          Map.entry("SubjectData", List.of("SubjectKey")),
          Map.entry("SiteRef", List.of("LocationOID")),
          Map.entry("StudyEventData", List.of("StudyEventOID")),
          Map.entry("FormData", List.of("FormOID")),
          Map.entry("ItemGroupData", List.of("ItemGroupOID")),
          Map.entry("ItemData", List.of("ItemOID")),
          Map.entry("UserRef", List.of("UserOID")),
          Map.entry("LocationRef", List.of("LocationOID")),
          Map.entry("AdminData", List.of()));

  private static final Set<String> YES_NO = Set.of("Yes", "No");

  private final List<String> problems = new ArrayList<>();
  private final Map<String, Set<String>> defined = new HashMap<>();
  private final Map<String, List<String>> children = new HashMap<>();
  private final Set<String> mdvs = new HashSet<>();
  private final Set<String> studies = new HashSet<>();

  private OdmStructure() {}

  /**
   * A service's two parts of the study export as one document: its metadata (a whole ODM document)
   * with its ClinicalData element put where ClinicalData goes, before the end.
   */
  public static String compose(String metadata, String clinical) {
    int end = metadata.lastIndexOf("</ODM>");
    if (end < 0) {
      throw new IllegalArgumentException("the metadata is not an ODM document");
    }
    return metadata.substring(0, end) + clinical + metadata.substring(end);
  }

  /** Every departure from the schema's rules found, empty for a good file. */
  public static List<String> problems(String xml) {
    var check = new OdmStructure();
    Document document;
    try {
      var factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      document =
          factory
              .newDocumentBuilder()
              .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      return List.of("not well-formed XML: " + e.getMessage());
    }
    var root = document.getDocumentElement();
    if (!NS.equals(root.getNamespaceURI()) || !"ODM".equals(root.getLocalName())) {
      return List.of("the root is not ODM in " + NS);
    }
    check.structure(root);
    check.root(root);
    if (check.problems.isEmpty()) {
      check.collect(root);
      check.references(root);
    }
    return List.copyOf(check.problems);
  }

  private void root(Element odm) {
    if (!"1.3.2".equals(odm.getAttribute("ODMVersion"))) {
      problems.add("ODMVersion is not 1.3.2");
    }
    var type = odm.getAttribute("FileType");
    if (!type.equals("Snapshot") && !type.equals("Transactional")) {
      problems.add("FileType " + type + " is neither Snapshot nor Transactional");
    }
  }

  /** Order, known children, cardinality, required attributes, Yes/No values. */
  private void structure(Element element) {
    var name = element.getLocalName();
    var path = name + oidOf(element);
    for (var attribute : REQUIRED.getOrDefault(name, List.of())) {
      if (!element.hasAttribute(attribute) || element.getAttribute(attribute).isBlank()) {
        problems.add(path + " lacks " + attribute);
      }
    }
    for (var attribute : List.of("Repeating", "Mandatory")) {
      if (element.hasAttribute(attribute) && !YES_NO.contains(element.getAttribute(attribute))) {
        problems.add(path + " has " + attribute + "=" + element.getAttribute(attribute));
      }
    }
    var order = ORDER.get(name);
    int at = 0;
    var seen = new HashSet<String>();
    for (var child : elements(element)) {
      if (!NS.equals(child.getNamespaceURI())) {
        problems.add(path + " has a child outside the ODM namespace: " + child.getTagName());
        continue;
      }
      var childName = child.getLocalName();
      if (order != null) {
        int index = order.indexOf(childName);
        if (index < 0) {
          problems.add(path + " may not contain " + childName);
        } else if (index < at) {
          problems.add(path + ": " + childName + " after " + order.get(at) + " (out of order)");
        } else {
          at = index;
        }
      }
      if (!seen.add(childName) && SINGLE.contains(childName)) {
        problems.add(path + " has more than one " + childName);
      }
      structure(child);
    }
    if (name.equals("AuditRecord")) {
      for (var needed : List.of("UserRef", "LocationRef", "DateTimeStamp")) {
        if (!seen.contains(needed)) {
          problems.add("an AuditRecord lacks " + needed);
        }
      }
    }
    if (name.equals("Location") && !seen.contains("MetaDataVersionRef")) {
      problems.add(path + " lacks MetaDataVersionRef");
    }
    if (name.equals("MeasurementUnit") && !seen.contains("Symbol")) {
      problems.add(path + " lacks Symbol");
    }
  }

  private void collect(Element odm) {
    for (var element : all(odm)) {
      var name = element.getLocalName();
      if (name.equals("Study")) {
        studies.add(element.getAttribute("OID"));
      } else if (name.equals("MetaDataVersion")) {
        mdvs.add(element.getAttribute("OID"));
      }
      if (List.of(
              "StudyEventDef",
              "FormDef",
              "ItemGroupDef",
              "ItemDef",
              "CodeList",
              "MeasurementUnit",
              "User",
              "Location")
          .contains(name)) {
        var oid = element.getAttribute("OID");
        if (!defined.computeIfAbsent(name, n -> new HashSet<>()).add(oid)) {
          problems.add(name + " " + oid + " is defined twice");
        }
        var refs = new ArrayList<String>();
        for (var child : elements(element)) {
          switch (child.getLocalName()) {
            case "FormRef" -> refs.add(child.getAttribute("FormOID"));
            case "ItemGroupRef" -> refs.add(child.getAttribute("ItemGroupOID"));
            case "ItemRef" -> refs.add(child.getAttribute("ItemOID"));
            default -> {}
          }
        }
        children.put(name + ":" + oid, refs);
      }
    }
  }

  private void references(Element odm) {
    for (var element : all(odm)) {
      switch (element.getLocalName()) {
        case "StudyEventRef" -> ref(element, "StudyEventOID", "StudyEventDef");
        case "FormRef" -> ref(element, "FormOID", "FormDef");
        case "ItemGroupRef" -> ref(element, "ItemGroupOID", "ItemGroupDef");
        case "ItemRef" -> ref(element, "ItemOID", "ItemDef");
        case "CodeListRef" -> ref(element, "CodeListOID", "CodeList");
        case "MeasurementUnitRef" -> ref(element, "MeasurementUnitOID", "MeasurementUnit");
        case "UserRef" -> ref(element, "UserOID", "User");
        case "LocationRef", "SiteRef" -> ref(element, "LocationOID", "Location");
        case "AdminData", "ClinicalData", "MetaDataVersionRef" -> {
          var study = element.getAttribute("StudyOID");
          if (!study.isEmpty() && !studies.contains(study)) {
            problems.add(element.getLocalName() + " names Study " + study + ", not defined");
          }
          var mdv = element.getAttribute("MetaDataVersionOID");
          if (element.hasAttribute("MetaDataVersionOID") && !mdvs.contains(mdv)) {
            problems.add(
                element.getLocalName() + " names MetaDataVersion " + mdv + ", not defined");
          }
        }
        case "StudyEventData" -> {
          if (ref(element, "StudyEventOID", "StudyEventDef")) {
            contextual(element, "StudyEventDef", "StudyEventOID", "FormData", "FormOID");
          }
        }
        case "FormData" -> {
          if (ref(element, "FormOID", "FormDef")) {
            contextual(element, "FormDef", "FormOID", "ItemGroupData", "ItemGroupOID");
          }
        }
        case "ItemGroupData" -> {
          if (ref(element, "ItemGroupOID", "ItemGroupDef")) {
            contextual(element, "ItemGroupDef", "ItemGroupOID", "ItemData", "ItemOID");
          }
        }
        case "ItemData" -> ref(element, "ItemOID", "ItemDef");
        default -> {}
      }
    }
  }

  /** Each child data element is one its parent's definition lists. */
  private void contextual(
      Element data, String defKind, String defAttribute, String childName, String childAttribute) {
    var oid = data.getAttribute(defAttribute);
    var allowed = children.getOrDefault(defKind + ":" + oid, List.of());
    for (var child : elements(data)) {
      if (child.getLocalName().equals(childName)
          && !allowed.contains(child.getAttribute(childAttribute))) {
        problems.add(
            childName
                + " "
                + child.getAttribute(childAttribute)
                + " is not listed by "
                + defKind
                + " "
                + oid);
      }
    }
  }

  private boolean ref(Element element, String attribute, String kind) {
    var oid = element.getAttribute(attribute);
    if (!defined.getOrDefault(kind, Set.of()).contains(oid)) {
      problems.add(
          element.getLocalName() + " " + attribute + "=" + oid + " resolves to no " + kind);
      return false;
    }
    return true;
  }

  /** Every element below {@code root}, in document order. */
  public static List<Element> all(Element root) {
    var found = new ArrayList<Element>();
    var stack = new ArrayList<Element>();
    stack.add(root);
    while (!stack.isEmpty()) {
      var element = stack.remove(stack.size() - 1);
      found.add(element);
      var kids = elements(element);
      for (int i = kids.size() - 1; i >= 0; i--) {
        stack.add(kids.get(i));
      }
    }
    return found;
  }

  static List<Element> elements(Element parent) {
    var found = new ArrayList<Element>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element) {
        found.add(element);
      }
    }
    return found;
  }

  private static String oidOf(Element element) {
    return element.hasAttribute("OID") ? "[" + element.getAttribute("OID") + "]" : "";
  }
}
