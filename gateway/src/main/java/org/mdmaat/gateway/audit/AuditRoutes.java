package org.mdmaat.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.mdmaat.gateway.routing.ServiceUnreachable;
import org.mdmaat.platform.problem.VertxProblems;
import org.mdmaat.platform.problem.Violation;

/**
 * The regulator's audit API across all services, served by the gateway itself (role checks and
 * read-only enforcement are in the route policy):
 *
 * <ul>
 *   <li>{@code GET /api/audit} — merged, filtered, keyset-paged listing
 *   <li>{@code GET /api/audit/export?format=ndjson|csv} — everything that matches, streamed
 *   <li>{@code GET /api/audit/verify} — every service's chain verification
 * </ul>
 */
@ApplicationScoped
public class AuditRoutes {
  /** Observer priority: after the front door, before the relays. */
  static final int INSTALL_ORDER = 200;

  private static final Logger LOG = Logger.getLogger(AuditRoutes.class);

  static final List<String> CSV_COLUMNS =
      List.of(
          "service",
          "seq",
          "id",
          "occurredAt",
          "actor",
          "actorRoles",
          "entityType",
          "entityId",
          "action",
          "reason",
          "trialId",
          "participantCode",
          "correlationId",
          "traceId",
          "before",
          "after",
          "prevHash",
          "hash");

  /** First characters that make a spreadsheet evaluate a cell (OWASP CSV injection). */
  static final String FORMULA_STARTS = "=+-@\t\r";

  private final AuditTrails trails;

  AuditRoutes(AuditTrails trails) {
    this.trails = trails;
  }

  void install(@Observes @Priority(INSTALL_ORDER) Router router) {
    // HEAD too: the route policy lets it through as a read.
    router.route("/api/audit").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::list);
    router
        .route("/api/audit/export")
        .method(HttpMethod.GET)
        .method(HttpMethod.HEAD)
        .handler(this::export);
    router
        .route("/api/audit/verify")
        .method(HttpMethod.GET)
        .method(HttpMethod.HEAD)
        .handler(this::verify);
  }

  void list(RoutingContext ctx) {
    AuditQuery query;
    try {
      query = AuditQuery.parse(ctx.queryParams());
    } catch (AuditQuery.InvalidQuery invalid) {
      invalid(ctx, invalid);
      return;
    }
    trails
        .page(query, query.cursor(), query.limit(), ctx.request().headers())
        .subscribe()
        .with(
            page -> {
              var body = AuditTrails.JSON.createObjectNode();
              body.putArray("items").addAll(page.items());
              body.put("nextCursor", page.next() == null ? null : AuditCursor.encode(page.next()));
              body.put("paging", "keyset");
              body.put("limit", query.limit());
              json(ctx, body);
            },
            failure -> failed(ctx, failure));
  }

  void export(RoutingContext ctx) {
    var format = ctx.queryParams().get("format");
    format = format == null ? "ndjson" : format.trim().toLowerCase();
    if (!format.equals("ndjson") && !format.equals("csv")) {
      VertxProblems.answer(
          ctx,
          400,
          "GW-0400",
          "The query has invalid parameters.",
          Map.of(),
          List.of(new Violation("format", "must be ndjson or csv")));
      return;
    }
    AuditQuery query;
    try {
      query = AuditQuery.parse(ctx.queryParams());
    } catch (AuditQuery.InvalidQuery invalid) {
      invalid(ctx, invalid);
      return;
    }
    boolean csv = format.equals("csv");
    var context = ctx.vertx().getOrCreateContext();
    trails
        .exports(query, ctx.request().headers())
        .subscribe()
        .with(
            exports -> context.runOnContext(ignored -> write(ctx, csv, exports)),
            failure -> context.runOnContext(ignored -> failed(ctx, failure)));
  }

  /** Every service answered 200: the head, then the merged lines as the services send them. */
  private void write(RoutingContext ctx, boolean csv, List<AuditTrails.ServiceExport> exports) {
    var response = ctx.response();
    boolean gone = ctx.request().connection() != null && response.closed();
    if (gone || ctx.request().method() == HttpMethod.HEAD) {
      // Nothing to send: the services' streams are not read.
      exports.forEach(export -> export.answer().request().reset());
      if (!gone) {
        head(response, csv).end();
      }
      return;
    }
    head(response, csv);
    if (csv) {
      response.write(String.join(",", CSV_COLUMNS) + "\r\n");
    }
    new ExportMerge(ctx.vertx().getOrCreateContext(), response, csv ? AuditRoutes::csvLine : null)
        .start(exports);
  }

  private static HttpServerResponse head(HttpServerResponse response, boolean csv) {
    return response
        .setChunked(true)
        .putHeader(
            HttpHeaders.CONTENT_TYPE, csv ? "text/csv; charset=utf-8" : "application/x-ndjson")
        .putHeader(
            "Content-Disposition",
            "attachment; filename=\"audit." + (csv ? "csv" : "ndjson") + "\"");
  }

  /**
   * Runs {@code then} once the response can take more. A write's future completes when the chunk is
   * queued, not when the reader took it (on HTTP/2 always at once): without this, a reader slower
   * than the services would fill the gateway's heap with queued lines (issue 19, P6: 1,000,000
   * entries).
   */
  static void whenDrained(HttpServerResponse response, Runnable then) {
    if (!response.writeQueueFull()) {
      then.run();
      return;
    }
    response.drainHandler(
        drained -> {
          response.drainHandler(null);
          then.run();
        });
  }

  void verify(RoutingContext ctx) {
    trails
        .verify(ctx.request().headers())
        .subscribe()
        .with(report -> json(ctx, report), failure -> failed(ctx, failure));
  }

  static String csvLine(ObjectNode item) {
    var line = new StringBuilder();
    for (int i = 0; i < CSV_COLUMNS.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      JsonNode value = item.get(CSV_COLUMNS.get(i));
      if (value == null || value.isNull()) {
        continue;
      }
      line.append(csvField(text(value)));
    }
    return line.append("\r\n").toString();
  }

  private static String text(JsonNode value) {
    // before/after are JSON: kept as their JSON text, so they can be hashed as stored.
    return value.isTextual() ? value.asText() : value.toString();
  }

  /**
   * RFC 4180 quoting (fields with a comma, quote or line break are quoted, quotes doubled), after
   * OWASP's CSV-injection rule: a value a spreadsheet would take for a formula (one starting with
   * {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return) is prefixed with a
   * single quote and quoted, so it is shown as text and never run. The CSV is for reading; the
   * NDJSON export is the exact form to recompute hashes from.
   */
  static String csvField(String value) {
    if (!value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0) {
      return "\"'" + value.replace("\"", "\"\"") + '"';
    }
    if (value.indexOf(',') < 0
        && value.indexOf('"') < 0
        && value.indexOf('\n') < 0
        && value.indexOf('\r') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }

  private static void json(RoutingContext ctx, JsonNode body) {
    try {
      ctx.response()
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
          .end(AuditTrails.JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void invalid(RoutingContext ctx, AuditQuery.InvalidQuery invalid) {
    VertxProblems.answer(
        ctx, 400, "GW-0400", "The query has invalid parameters.", Map.of(), invalid.violations);
  }

  private static void failed(RoutingContext ctx, Throwable failure) {
    if (failure instanceof io.smallrye.mutiny.CompositeException composite) {
      failure = composite.getCauses().get(0);
    }
    if (failure instanceof ServiceUnreachable unreachable) {
      VertxProblems.answer(
          ctx,
          503,
          "GW-0503",
          unreachable.getMessage() + "; the audit trails cannot be merged without it.",
          Map.of("Retry-After", "5"),
          List.of());
    } else if (failure instanceof AuditTrails.RefusedByService refused) {
      int status = refused.answer.status();
      if (status == 400 || status == 401 || status == 403) {
        VertxProblems.answer(
            ctx,
            status,
            String.format("GW-%04d", status),
            refused.service + " refused the audit request (" + status + ").");
      } else {
        VertxProblems.answer(ctx, 502, "GW-0502", refused.getMessage());
      }
    } else if (failure instanceof AuditTrails.UnusableAnswer) {
      VertxProblems.answer(ctx, 502, "GW-0502", failure.getMessage());
    } else {
      LOG.error("audit request failed", failure);
      VertxProblems.answer(ctx, 500, "GW-0500", "The audit request failed.");
    }
  }
}
