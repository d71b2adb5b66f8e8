package org.mdmaat.gateway.routing;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Relays one request to one service: same method, path, query and body, the caller's bearer token,
 * and a correlation id that the service logs and echoes. The service checks the token again; the
 * gateway is not the only lock.
 */
final class ServiceRelay {
  static final String CORRELATION_ID = "X-Correlation-Id";
  private static final Logger LOG = Logger.getLogger(ServiceRelay.class);

  // Connection-level headers belong to one hop, not to the relayed request (RFC 9110 §7.6.1).
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "host",
          "content-length");

  private final String service;
  private final URI target;
  private final HttpClient client;
  private final long timeoutMillis;

  ServiceRelay(String service, URI target, HttpClient client, long timeoutMillis) {
    this.service = service;
    this.target = target;
    this.client = client;
    this.timeoutMillis = timeoutMillis;
  }

  void relay(RoutingContext ctx) {
    var inbound = ctx.request();
    var correlationId = inbound.getHeader(CORRELATION_ID);
    if (correlationId == null || correlationId.isBlank() || correlationId.length() > 100) {
      correlationId = UUID.randomUUID().toString();
    }
    final var cid = correlationId;

    var headers = MultiMap.caseInsensitiveMultiMap();
    inbound
        .headers()
        .forEach(
            h -> {
              if (!HOP_BY_HOP.contains(h.getKey().toLowerCase())) {
                headers.add(h.getKey(), h.getValue());
              }
            });
    headers.set(CORRELATION_ID, cid);
    headers.set(
        "X-Forwarded-Host", inbound.authority() == null ? "" : inbound.authority().toString());
    headers.set("X-Forwarded-Proto", inbound.scheme());
    headers.add(
        "X-Forwarded-For",
        inbound.remoteAddress() == null ? "" : inbound.remoteAddress().hostAddress());

    var options =
        new RequestOptions()
            .setMethod(inbound.method())
            .setHost(target.getHost())
            .setPort(target.getPort())
            .setURI(inbound.uri())
            .setHeaders(headers)
            .setTimeout(timeoutMillis);

    var body = ctx.body().buffer();
    client
        .request(options)
        .compose(request -> body == null ? request.send() : request.send(body))
        .onSuccess(response -> answer(ctx, response, cid))
        .onFailure(failure -> unavailable(ctx, cid, failure));
  }

  private void answer(RoutingContext ctx, HttpClientResponse response, String cid) {
    var outbound = ctx.response();
    outbound.setStatusCode(response.statusCode());
    response
        .headers()
        .forEach(
            h -> {
              if (!HOP_BY_HOP.contains(h.getKey().toLowerCase())) {
                outbound.headers().add(h.getKey(), h.getValue());
              }
            });
    outbound.headers().set(CORRELATION_ID, cid);
    response.body().onSuccess(outbound::end).onFailure(failure -> unavailable(ctx, cid, failure));
  }

  private void unavailable(RoutingContext ctx, String cid, Throwable failure) {
    LOG.warnf(
        "[%s] %s did not answer %s %s: %s",
        cid, service, ctx.request().method(), ctx.request().path(), failure.toString());
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    var problem =
        new JsonObject()
            .put("type", "about:blank")
            .put("title", "Service Unavailable")
            .put("status", 503)
            .put("code", "GW-0503")
            .put("detail", service + " did not answer in time")
            .put("instance", ctx.request().path())
            .put("traceId", cid);
    ctx.response()
        .setStatusCode(503)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
        .putHeader(CORRELATION_ID, cid)
        .putHeader("Retry-After", "5")
        .end(problem.encode());
  }
}
