package org.mdmaat.platform.cdisc;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Writes one Dataset-JSON v1.1 file with Jackson's streaming generator: the header and columns
 * first ({@code records} is given up front, so a reader knows the size before the rows), then the
 * rows in the columns' order. The bytes are handed out in chunks ({@link #drain()}) after each page
 * of rows, so a caller streams a domain of any size with one page in memory.
 */
public final class DatasetJsonWriter {
  private static final JsonFactory JSON = new JsonFactory();

  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);
  private final JsonGenerator json;
  private final DatasetJson.Header header;
  private final long records;
  private long written;
  private boolean finished;

  /** Starts the file: everything up to the first row. */
  public DatasetJsonWriter(DatasetJson.Header header, String originator, long records) {
    this.header = header;
    this.records = records;
    try {
      json = JSON.createGenerator(buffer, JsonEncoding.UTF8);
      json.writeStartObject();
      json.writeStringField("datasetJSONCreationDateTime", DatasetJson.dtc(header.created()));
      json.writeStringField("datasetJSONVersion", DatasetJson.VERSION);
      json.writeStringField("fileOID", header.fileOid());
      json.writeStringField(
          "dbLastModifiedDateTime",
          DatasetJson.dtc(
              header.dbLastModified() == null ? header.created() : header.dbLastModified()));
      json.writeStringField("originator", originator);
      json.writeObjectFieldStart("sourceSystem");
      json.writeStringField("name", header.sourceSystem());
      json.writeStringField(
          "version", header.sourceSystemVersion() == null ? "1" : header.sourceSystemVersion());
      json.writeEndObject();
      json.writeStringField("studyOID", header.studyOid());
      json.writeStringField("metaDataVersionOID", header.metaDataVersionOid());
      json.writeStringField("itemGroupOID", header.itemGroupOid());
      json.writeNumberField("records", records);
      json.writeStringField("name", header.domain());
      json.writeStringField("label", header.label());
      json.writeArrayFieldStart("columns");
      for (var column : header.columns()) {
        json.writeStartObject();
        json.writeStringField("itemOID", column.itemOid(header.domain()));
        json.writeStringField("name", column.name());
        json.writeStringField("label", column.label());
        json.writeStringField("dataType", column.dataType().json);
        if (column.length() != null) {
          json.writeNumberField("length", column.length());
        }
        if (column.keySequence() != null) {
          json.writeNumberField("keySequence", column.keySequence());
        }
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeArrayFieldStart("rows");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One row, its values in the columns' order: String, Number, Instant (written as an ISO 8601 UTC
   * text) or null (a blank: SDTM's missing value). A row of the wrong width is refused, and so are
   * more rows than {@code records} announced.
   */
  public void row(Object... values) {
    if (finished) {
      throw new IllegalStateException("the dataset is finished");
    }
    if (values.length != header.columns().size()) {
      throw new IllegalArgumentException(
          header.domain()
              + " has "
              + header.columns().size()
              + " columns, the row "
              + values.length);
    }
    if (written == records) {
      throw new IllegalStateException(header.domain() + " announced " + records + " records");
    }
    try {
      json.writeStartArray();
      for (var value : values) {
        write(value);
      }
      json.writeEndArray();
      written++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof String text) {
      json.writeString(text);
    } else if (value instanceof Integer n) {
      json.writeNumber(n);
    } else if (value instanceof Long n) {
      json.writeNumber(n);
    } else if (value instanceof BigDecimal n) {
      json.writeNumber(n);
    } else if (value instanceof Double n) {
      json.writeNumber(n);
    } else if (value instanceof Instant at) {
      json.writeString(DatasetJson.dtc(at));
    } else {
      throw new IllegalArgumentException("no Dataset-JSON value for " + value.getClass().getName());
    }
  }

  /** Ends the file; refused when fewer rows were written than {@code records} announced. */
  public void finish() {
    if (written != records) {
      throw new IllegalStateException(
          header.domain() + " announced " + records + " records but wrote " + written);
    }
    try {
      json.writeEndArray();
      json.writeEndObject();
      json.close();
      finished = true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bytes written since the last drain (flushing the generator first). */
  public byte[] drain() {
    try {
      if (!finished) {
        json.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var bytes = buffer.toByteArray();
    buffer.reset();
    return bytes;
  }
}
