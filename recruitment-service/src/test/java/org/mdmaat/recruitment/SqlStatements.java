package org.mdmaat.recruitment;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.restassured.specification.RequestSpecification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The SQL statements one request ran, counted where they leave the service: the reactive PostgreSQL
 * client opens a client span per statement (Quarkus's Vert.x tracer), in the trace of the request
 * that sent it. A test sends its request with a {@code traceparent} of its own and reads that
 * trace's database spans, whatever Hibernate does above the client.
 */
@ApplicationScoped
public class SqlStatements {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Produces
  @Singleton
  InMemorySpanExporter spans() {
    return InMemorySpanExporter.create();
  }

  /** A fresh sampled trace id; send it with {@link #traced}. */
  public static String newTrace() {
    var bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** The request, sent as part of trace {@code traceId} (sampled). */
  public static RequestSpecification traced(RequestSpecification request, String traceId) {
    var span = new byte[8];
    RANDOM.nextBytes(span);
    return request.header(
        "traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(span) + "-01");
  }

  /** The statements the service sent to PostgreSQL in trace {@code traceId}, in order. */
  public static List<String> of(InMemorySpanExporter exporter, String traceId) {
    return exporter.getFinishedSpanItems().stream()
        .filter(span -> span.getTraceId().equals(traceId))
        .filter(span -> span.getKind() == SpanKind.CLIENT)
        .filter(SqlStatements::isDatabase)
        .sorted(java.util.Comparator.comparingLong(SpanData::getStartEpochNanos))
        .map(SqlStatements::statement)
        .toList();
  }

  private static boolean isDatabase(SpanData span) {
    return span.getAttributes().asMap().keySet().stream()
        .anyMatch(key -> key.getKey().startsWith("db."));
  }

  private static String statement(SpanData span) {
    for (var key : List.of("db.query.text", "db.statement")) {
      var text = span.getAttributes().get(AttributeKey.stringKey(key));
      if (text != null) {
        return text;
      }
    }
    return span.getName();
  }
}
