package org.mdmaat.platform.cdisc;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * What every service's part of a CDISC ODM 1.3.2 study export shares: the namespace, the one
 * MetaDataVersion all parts define into (so the gateway can merge them into one Study) and the
 * writing of UTC timestamps. Subjects are pseudonymous participant codes, never names.
 */
public final class Odm {
  public static final String NAMESPACE = "http://www.cdisc.org/ns/odm/v1.3";
  public static final String VERSION = "1.3.2";

  /** The MetaDataVersion every service's definitions belong to. */
  public static final String METADATA_VERSION_OID = "MDV.1";

  /** The media type of the services' parts: an XML body Quarkus REST passes through unwrapped. */
  public static final String PART_MEDIA_TYPE = "application/octet-stream";

  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

  private Odm() {}

  /** An xs:dateTime in UTC, to the microsecond as the databases keep it. */
  public static String utc(Instant instant) {
    return instant == null
        ? null
        : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MICROS));
  }

  /** An OID made of safe characters only (ODM OIDs are free text, but they end up in XPath). */
  public static String oid(String prefix, String name) {
    return prefix + "." + name.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  static XMLStreamWriter writer(java.io.Writer out) {
    try {
      return FACTORY.createXMLStreamWriter(out);
    } catch (XMLStreamException e) {
      throw new IllegalStateException("no XML writer", e);
    }
  }
}
