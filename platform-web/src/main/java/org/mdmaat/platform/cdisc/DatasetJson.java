package org.mdmaat.platform.cdisc;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * CDISC Dataset-JSON v1.1: the header of one dataset (one SDTM domain) and its columns. The rows
 * are written by {@link DatasetJsonWriter}, page by page, so a large domain never sits in memory.
 */
public final class DatasetJson {
  public static final String VERSION = "1.1";
  public static final String MEDIA_TYPE = "application/json";

  private DatasetJson() {}

  /** Dataset-JSON's column data types (a subset: what SDTM's Char and Num need). */
  public enum DataType {
    STRING("string"),
    INTEGER("integer"),
    DECIMAL("decimal"),
    DOUBLE("double"),
    /** An ISO 8601 date-time as text (SDTM --DTC); Dataset-JSON targetDataType stays unset. */
    DATETIME("datetime"),
    DATE("date");

    final String json;

    DataType(String json) {
      this.json = json;
    }
  }

  /**
   * One variable. {@code keySequence} is its place in the domain's natural key (SDTM IG's key
   * variables), null when it is not part of the key; {@code length} is the maximum length of a
   * string (null for numbers).
   */
  public record Column(
      String name, String label, DataType dataType, Integer length, Integer keySequence) {
    public Column {
      Objects.requireNonNull(name);
      Objects.requireNonNull(label);
      Objects.requireNonNull(dataType);
      if (name.length() > 8 || !name.matches("[A-Z][A-Z0-9]*")) {
        throw new IllegalArgumentException("SDTM variable names are 1-8 upper-case: " + name);
      }
      if (label.length() > 40) {
        throw new IllegalArgumentException("SDTM labels are at most 40 characters: " + label);
      }
    }

    public static Column text(String name, String label, int length) {
      return new Column(name, label, DataType.STRING, length, null);
    }

    public static Column key(String name, String label, int length, int keySequence) {
      return new Column(name, label, DataType.STRING, length, keySequence);
    }

    public static Column integer(String name, String label) {
      return new Column(name, label, DataType.INTEGER, null, null);
    }

    public static Column integerKey(String name, String label, int keySequence) {
      return new Column(name, label, DataType.INTEGER, null, keySequence);
    }

    public static Column decimal(String name, String label) {
      return new Column(name, label, DataType.DOUBLE, null, null);
    }

    /** ISO 8601 date-time, carried as text the way SDTM's --DTC variables are. */
    public static Column dateTime(String name, String label) {
      return new Column(name, label, DataType.DATETIME, 32, null);
    }

    /** The column's OID: {@code IT.<domain>.<name>} as Define-XML names items. */
    public String itemOid(String domain) {
      return "IT." + domain + "." + name;
    }
  }

  /**
   * What the file is about: the study (its trial id as the StudyOID), the domain and who wrote it.
   * {@code dbLastModified} is when the source data last changed (the newest row's time, or the
   * creation time for an empty domain).
   */
  public record Header(
      String studyOid,
      String domain,
      String label,
      String sourceSystem,
      String sourceSystemVersion,
      Instant created,
      Instant dbLastModified,
      List<Column> columns) {
    public Header {
      Objects.requireNonNull(studyOid);
      Objects.requireNonNull(domain);
      Objects.requireNonNull(label);
      Objects.requireNonNull(sourceSystem);
      Objects.requireNonNull(created);
      columns = List.copyOf(columns);
      if (columns.stream().map(Column::name).distinct().count() != columns.size()) {
        throw new IllegalArgumentException("duplicate column in " + domain);
      }
    }

    public String fileOid() {
      return "MDMAAT." + studyOid + "." + domain + "." + created.toEpochMilli();
    }

    public String metaDataVersionOid() {
      return "MDV." + studyOid + ".SDTM";
    }

    public String itemGroupOid() {
      return "IG." + domain;
    }
  }

  /** UTC ISO 8601 with seconds, as SDTM --DTC and Dataset-JSON's date-times are written. */
  public static String dtc(Instant instant) {
    return instant == null
        ? null
        : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
            instant.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
  }
}
