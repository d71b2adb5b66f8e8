package org.mdmaat.gateway.odm;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Merges the services' ODM metadata documents (each a Study and AdminData of the same trial, in the
 * same MetaDataVersion) into the head of one ODM 1.3.2 document: the ODM element, one Study with
 * its children in the schema's order (GlobalVariables, BasicDefinitions, MetaDataVersion with
 * Protocol, StudyEventDef*, FormDef*, ItemGroupDef*, ItemDef*, CodeList*) and one AdminData (User*,
 * Location*). A definition several services give under one OID (a unit, a user, a site) is kept
 * once, the first service's; so the parts are passed recruitment first, whose sites have names.
 * Metadata is small: merged in memory. The clinical data goes after the head, streamed.
 */
final class OdmMerge {
  static final String NS = "http://www.cdisc.org/ns/odm/v1.3";

  /** MetaDataVersion's children the services write, in schema order. */
  private static final List<String> DEFINITIONS =
      List.of("StudyEventDef", "FormDef", "ItemGroupDef", "ItemDef", "CodeList");

  /** The document up to where the ClinicalData elements go, and what closes it. */
  record Head(String head, String tail) {}

  /** A service answered 200 with something that is not an ODM metadata document. */
  static final class UnusablePart extends RuntimeException {
    UnusablePart(String what, Throwable cause) {
      super(what, cause, false, false);
    }
  }

  private OdmMerge() {}

  static Head merge(String trialId, Map<String, byte[]> parts, Instant createdAt) {
    var globals = (Element) null;
    var units = new LinkedHashMap<String, Element>();
    var eventRefs = new LinkedHashMap<String, Element>();
    var definitions = new LinkedHashMap<String, Map<String, Element>>();
    DEFINITIONS.forEach(kind -> definitions.put(kind, new LinkedHashMap<>()));
    var users = new LinkedHashMap<String, Element>();
    var locations = new LinkedHashMap<String, Element>();
    String mdvOid = null;
    for (var part : parts.entrySet()) {
      var root = parse(part.getKey(), part.getValue()).getDocumentElement();
      if (!NS.equals(root.getNamespaceURI()) || !"ODM".equals(root.getLocalName())) {
        throw new UnusablePart(part.getKey() + " answered a document that is not ODM", null);
      }
      for (var study : children(root, "Study")) {
        if (!trialId.equals(study.getAttribute("OID"))) {
          throw new UnusablePart(part.getKey() + " answered another study", null);
        }
        for (var global : children(study, "GlobalVariables")) {
          if (globals == null) {
            globals = global;
          }
        }
        for (var basic : children(study, "BasicDefinitions")) {
          children(basic, "MeasurementUnit").forEach(u -> keep(units, u, "OID"));
        }
        for (var mdv : children(study, "MetaDataVersion")) {
          if (mdvOid == null) {
            mdvOid = mdv.getAttribute("OID");
          } else if (!mdvOid.equals(mdv.getAttribute("OID"))) {
            throw new UnusablePart(part.getKey() + " answered another MetaDataVersion", null);
          }
          for (var protocol : children(mdv, "Protocol")) {
            children(protocol, "StudyEventRef").forEach(r -> keep(eventRefs, r, "StudyEventOID"));
          }
          for (var kind : DEFINITIONS) {
            children(mdv, kind).forEach(d -> keep(definitions.get(kind), d, "OID"));
          }
        }
      }
      for (var admin : children(root, "AdminData")) {
        children(admin, "User").forEach(u -> keep(users, u, "OID"));
        children(admin, "Location").forEach(l -> keep(locations, l, "OID"));
      }
    }
    if (globals == null || mdvOid == null) {
      throw new UnusablePart("no service described the study", null);
    }
    try {
      var factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      var document = factory.newDocumentBuilder().newDocument();
      var odm = document.createElementNS(NS, "ODM");
      document.appendChild(odm);
      odm.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns", NS);
      odm.setAttribute("FileType", "Transactional");
      odm.setAttribute("FileOID", "study." + trialId + "." + UUID.randomUUID());
      odm.setAttribute(
          "CreationDateTime",
          DateTimeFormatter.ISO_INSTANT.format(createdAt.truncatedTo(ChronoUnit.MILLIS)));
      odm.setAttribute("ODMVersion", "1.3.2");
      odm.setAttribute("Originator", "MDMAAT trial platform");
      odm.setAttribute("SourceSystem", "gateway");
      var study = add(document, odm, "Study");
      study.setAttribute("OID", trialId);
      study.appendChild(document.importNode(globals, true));
      var basic = add(document, study, "BasicDefinitions");
      units.values().forEach(u -> basic.appendChild(document.importNode(u, true)));
      var mdv = add(document, study, "MetaDataVersion");
      mdv.setAttribute("OID", mdvOid);
      mdv.setAttribute("Name", "Study export of " + trialId);
      var protocol = add(document, mdv, "Protocol");
      int order = 0;
      for (var ref : eventRefs.values()) {
        var copy = (Element) document.importNode(ref, true);
        copy.setAttribute("OrderNumber", Integer.toString(++order));
        protocol.appendChild(copy);
      }
      for (var kind : DEFINITIONS) {
        definitions.get(kind).values().forEach(d -> mdv.appendChild(document.importNode(d, true)));
      }
      var admin = add(document, odm, "AdminData");
      admin.setAttribute("StudyOID", trialId);
      users.values().forEach(u -> admin.appendChild(document.importNode(u, true)));
      locations.values().forEach(l -> admin.appendChild(document.importNode(l, true)));
      var text = new StringWriter();
      var transformer = TransformerFactory.newInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      transformer.setOutputProperty(OutputKeys.STANDALONE, "yes");
      transformer.transform(new DOMSource(document), new StreamResult(text));
      var whole = text.toString();
      int end = whole.lastIndexOf("</ODM>");
      if (end < 0) {
        throw new IllegalStateException("the merged document has no closing ODM tag");
      }
      return new Head(whole.substring(0, end), whole.substring(end) + "\n");
    } catch (UnusablePart e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("the ODM metadata could not be merged", e);
    }
  }

  private static Element add(Document document, Element parent, String name) {
    var element = document.createElementNS(NS, name);
    parent.appendChild(element);
    return element;
  }

  private static void keep(Map<String, Element> kept, Element element, String key) {
    kept.putIfAbsent(element.getAttribute(key), element);
  }

  private static Document parse(String service, byte[] body) {
    try {
      var factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
    } catch (Exception e) {
      throw new UnusablePart(service + " answered metadata that is not well-formed XML", e);
    }
  }

  static List<Element> children(Element parent, String name) {
    var found = new ArrayList<Element>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element
          && NS.equals(element.getNamespaceURI())
          && name.equals(element.getLocalName())) {
        found.add(element);
      }
    }
    return found;
  }
}
