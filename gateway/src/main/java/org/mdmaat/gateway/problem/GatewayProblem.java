package org.mdmaat.gateway.problem;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.mdmaat.gateway.hygiene.CorrelationIds;

/**
 * RFC 9457 {@code application/problem+json} answers given by the gateway itself, in the same shape
 * as the services' (type {@code urn:mdmaat:problem:<code>}, title, status, detail, code, instance,
 * traceId, violations). Codes are {@code GW-<status>[-<reason>]}.
 */
public final class GatewayProblem {
  public static final String MEDIA_TYPE = "application/problem+json";

  private GatewayProblem() {}

  /** Ends the response with a problem; does nothing when an answer has already started. */
  public static void answer(RoutingContext ctx, int status, String code, String detail) {
    answer(ctx, status, code, detail, Map.of(), null);
  }

  public static void answer(
      RoutingContext ctx,
      int status,
      String code,
      String detail,
      Map<String, String> headers,
      JsonArray violations) {
    var response = ctx.response();
    if (response.headWritten()) {
      response.reset();
      return;
    }
    headers.forEach(response::putHeader);
    response
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, MEDIA_TYPE)
        .end(body(status, code, detail, ctx.request().path(), CorrelationIds.of(ctx), violations));
  }

  public static String body(
      int status, String code, String detail, String instance, String traceId, JsonArray v) {
    return new JsonObject()
        .put("type", "urn:mdmaat:problem:" + code)
        .put("title", title(status))
        .put("status", status)
        .put("detail", detail)
        .put("code", code)
        .put("instance", instance)
        .put("traceId", traceId)
        .put("violations", v == null ? new JsonArray() : v)
        .encode();
  }

  /** Reason phrases written out, so no framework's wording leaks into the contract. */
  static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 413 -> "Content Too Large";
      case 429 -> "Too Many Requests";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      default -> status >= 500 ? "Internal Server Error" : "Error";
    };
  }
}
