package org.mdmaat.gateway.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.parsetools.RecordParser;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * A k-way merge of the services' export streams (NDJSON, each in seq order) into the regulator's
 * export, in {@link MergedPage}'s order: occurredAt, then service name, then seq. Each service's
 * lines wait in a small queue; a service whose queue is full is paused (TCP then holds it back) and
 * resumed once its queue has half drained. The smallest head is written only when every service
 * still sending has a line queued, so no later line can belong before it. Lines are written in
 * chunks, and none while the reader's side is full (its drain resumes the merge): memory stays
 * bounded by the queues and one chunk, whatever the trails' length (issue 19, P6).
 *
 * <p>NDJSON lines are passed on as the services wrote them, with the {@code service} field added
 * last (only seq and occurredAt are read from each); CSV lines need the whole entry parsed.
 *
 * <p>A service failing, resetting or sending a line that is not an entry once the export has begun
 * resets the reader's connection: half an export must never look like a whole one. All callbacks
 * run on the reader's request context.
 */
final class ExportMerge {
  /** Lines queued per service before it is paused. */
  static final int QUEUE = 256;

  /** Bytes gathered before a write (fewer, larger writes than one per line). */
  static final int CHUNK = 64 * 1024;

  private static final Logger LOG = Logger.getLogger(ExportMerge.class);

  private static final Comparator<Head> ORDER =
      Comparator.comparing(Head::at)
          .thenComparing(head -> head.service)
          .thenComparingLong(Head::seq);

  /**
   * One queued entry, with what it is ordered by read once.
   *
   * @param line the service's line (NDJSON), or null
   * @param item the parsed entry with its {@code service} (CSV), or null
   */
  private record Head(Buffer line, ObjectNode item, Instant at, String service, long seq) {}

  private static final class Source {
    final String service;
    final RecordParser lines;
    final Runnable abort;
    final ArrayDeque<Head> queue = new ArrayDeque<>();

    /** What ends each NDJSON line instead of its closing brace: the service field, as now. */
    final Buffer serviceField;

    boolean ended;
    boolean paused;

    Source(String service, RecordParser lines, Runnable abort) {
      this.service = service;
      this.lines = lines;
      this.abort = abort;
      var field = AuditTrails.JSON.createObjectNode().put("service", service).toString();
      this.serviceField = Buffer.buffer("," + field.substring(1) + "\n");
    }
  }

  private final Context context;
  private final HttpServerResponse response;
  private final Function<ObjectNode, String> csv;
  private final List<Source> sources = new ArrayList<>();
  private Buffer chunk = Buffer.buffer();
  private boolean pumping;
  private boolean draining;
  private boolean flushPlanned;
  private boolean done;

  /**
   * @param csv the CSV line of an entry (with its {@code service} field), line end included; null
   *     for NDJSON
   */
  ExportMerge(Context context, HttpServerResponse response, Function<ObjectNode, String> csv) {
    this.context = context;
    this.response = response;
    this.csv = csv;
  }

  /** Starts the merge of the opened (paused, 200) exports; the response's head is written. */
  void start(List<AuditTrails.ServiceExport> exports) {
    for (var export : exports) {
      var answer = export.answer();
      var lines = RecordParser.newDelimited("\n", answer);
      var source = new Source(export.service(), lines, () -> answer.request().reset());
      sources.add(source);
      lines.exceptionHandler(
          onContext(failure -> broken(source.service + " broke off: " + failure.getMessage())));
      lines.endHandler(
          onContext(
              ignored -> {
                source.ended = true;
                pump();
              }));
      lines.handler(onContext(line -> line(source, line)));
    }
    // The reader went away: stop reading the services too.
    response.closeHandler(onContext(ignored -> broken("the reader closed the connection")));
    for (var source : sources) {
      source.lines.resume();
    }
    pump();
  }

  private void line(Source source, Buffer line) {
    if (done || line.length() == 0) {
      return;
    }
    Head head;
    try {
      head = csv == null ? scanned(source, line) : parsed(source, line);
    } catch (IOException e) {
      head = null;
    }
    if (head == null) {
      broken(source.service + " sent an export line that is not an entry");
      return;
    }
    source.queue.add(head);
    if (source.queue.size() >= QUEUE && !source.paused) {
      source.paused = true;
      source.lines.pause();
    }
    pump();
  }

  /**
   * NDJSON: only seq and occurredAt are read (the service writes them first), and the line is
   * passed on as the service wrote it, its closing brace replaced by the {@code service} field.
   * Parsing and writing a million lines again cost seconds of the gateway's one event loop; the
   * line is the same entry, byte for byte what the service sent.
   */
  private static Head scanned(Source source, Buffer line) throws IOException {
    int end = line.length();
    if (line.getByte(0) != '{' || line.getByte(end - 1) != '}') {
      return null;
    }
    Long seq = null;
    String at = null;
    try (JsonParser parser = AuditTrails.JSON.getFactory().createParser(line.getBytes())) {
      parser.nextToken();
      while ((seq == null || at == null) && parser.nextToken() == JsonToken.FIELD_NAME) {
        var name = parser.currentName();
        var value = parser.nextToken();
        if (name.equals("seq") && value == JsonToken.VALUE_NUMBER_INT) {
          seq = parser.getLongValue();
        } else if (name.equals("occurredAt") && value == JsonToken.VALUE_STRING) {
          at = parser.getText();
        } else {
          parser.skipChildren();
        }
      }
    }
    if (seq == null || at == null) {
      return null;
    }
    return new Head(
        line.getBuffer(0, end - 1), null, MergedPage.occurredAt(at), source.service, seq);
  }

  /** CSV: the whole entry is needed, parsed as a page's items are. */
  private static Head parsed(Source source, Buffer line) throws IOException {
    if (!(AuditTrails.JSON.readTree(line.getBytes()) instanceof ObjectNode item)) {
      return null;
    }
    item.put("service", source.service);
    return new Head(
        null, item, MergedPage.occurredAt(item), source.service, item.path("seq").asLong());
  }

  /** Writes heads while every unfinished service has one; then waits for lines or the drain. */
  private void pump() {
    if (pumping || draining || done) {
      return;
    }
    pumping = true;
    try {
      while (!done && !draining) {
        Source next = null;
        boolean waiting = false;
        for (var source : sources) {
          if (source.queue.isEmpty()) {
            waiting |= !source.ended;
          } else if (next == null || ORDER.compare(source.queue.peek(), next.queue.peek()) < 0) {
            next = source;
          }
        }
        if (waiting) {
          planFlush();
          return;
        }
        if (next == null) {
          finish();
          return;
        }
        var head = next.queue.poll();
        if (csv == null) {
          chunk.appendBuffer(head.line()).appendBuffer(next.serviceField);
        } else {
          chunk.appendString(csv.apply(head.item()));
        }
        if (next.paused && next.queue.size() <= QUEUE / 2) {
          next.paused = false;
          // May hand lines to line() at once: they queue; this loop takes them.
          next.lines.resume();
        }
        if (chunk.length() >= CHUNK) {
          flush();
        }
      }
    } finally {
      pumping = false;
    }
  }

  /** A chunk shorter than {@link #CHUNK} is written once the lines at hand are merged. */
  private void planFlush() {
    if (chunk.length() == 0 || flushPlanned) {
      return;
    }
    flushPlanned = true;
    context.runOnContext(
        ignored -> {
          flushPlanned = false;
          if (!done && !draining) {
            flush();
          }
        });
  }

  private void flush() {
    if (chunk.length() > 0) {
      response.write(chunk);
      chunk = Buffer.buffer();
    }
    if (response.writeQueueFull()) {
      draining = true;
      AuditRoutes.whenDrained(
          response,
          () -> {
            draining = false;
            pump();
          });
    }
  }

  private void finish() {
    done = true;
    response.closeHandler(null);
    if (chunk.length() > 0) {
      response.end(chunk);
    } else {
      response.end();
    }
  }

  /** Half an export must not look like a whole one: every connection is reset. */
  private void broken(String why) {
    if (done) {
      return;
    }
    done = true;
    LOG.warnf("audit export broken off: %s", why);
    for (var source : sources) {
      if (!source.ended) {
        source.abort.run();
      }
    }
    response.reset();
  }

  /** {@code handler} run on the reader's request context, whichever thread calls it. */
  private <T> Handler<T> onContext(Handler<T> handler) {
    return event -> {
      if (Vertx.currentContext() == context) {
        handler.handle(event);
      } else {
        context.runOnContext(ignored -> handler.handle(event));
      }
    };
  }
}
