package org.mdmaat.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import org.mdmaat.platform.correlation.Correlation;

/**
 * {@code application/problem+json} answers from Vert.x route and failure handlers, outside JAX-RS
 * (where {@link ProblemMapping} answers): the same {@link ProblemDetails} body, {@code instance}
 * the request path, {@code traceId} the request's correlation id (also set as the {@code
 * X-Correlation-Id} response header). Used by the gateway, which has no JAX-RS.
 */
public final class VertxProblems {
  // Only ProblemDetails is written: strings, an int and a list of Violation records.
  private static final ObjectMapper JSON = new ObjectMapper();

  private VertxProblems() {}

  /** Ends the response with a problem; resets the connection when an answer has already begun. */
  public static void answer(RoutingContext ctx, int status, String code, String detail) {
    answer(ctx, status, code, detail, Map.of(), List.of());
  }

  /** As above, for a thrown {@link Problem}: its status, code, detail and violations. */
  public static void answer(RoutingContext ctx, Problem problem) {
    answer(ctx, problem.status(), problem.code(), problem.detail(), Map.of(), problem.violations());
  }

  /**
   * Ends the response with a problem and extra response headers (e.g. {@code Retry-After}, {@code
   * Allow}, {@code WWW-Authenticate}). When the status line and headers have already been sent (a
   * stream that failed midway), a problem can no longer be answered: the connection is reset, so
   * that the client does not take a partial answer for a whole one.
   */
  public static void answer(
      RoutingContext ctx,
      int status,
      String code,
      String detail,
      Map<String, String> headers,
      List<Violation> violations) {
    var response = ctx.response();
    if (response.headWritten()) {
      response.reset();
      return;
    }
    String traceId = Correlation.of(ctx);
    headers.forEach(response::putHeader);
    response
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, ProblemDetails.MEDIA_TYPE)
        .putHeader(Correlation.HEADER, traceId)
        .end(
            body(
                ProblemDetails.of(
                    status, code, detail, ctx.request().path(), traceId, violations)));
  }

  /** The JSON text of {@code details}. */
  public static String body(ProblemDetails details) {
    try {
      return JSON.writeValueAsString(details);
    } catch (JsonProcessingException impossible) {
      return "{\"status\":" + details.status() + "}";
    }
  }
}
