package org.mdmaat.gateway.routing;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.mdmaat.platform.correlation.Correlation;
import org.mdmaat.platform.problem.VertxProblems;

/**
 * Relays one request to one service: same method, path, query and body, the caller's bearer token,
 * and the correlation id that the service logs and echoes. The service checks the token again; the
 * gateway is not the only lock.
 */
final class ServiceRelay {
  static final String CORRELATION_ID = Correlation.HEADER;
  private static final Logger LOG = Logger.getLogger(ServiceRelay.class);

  // Connection-level headers belong to one hop, not to the relayed request (RFC 9110 §7.6.1).
  static final Set<String> HOP_BY_HOP =
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

  private static final Set<String> SPOOFABLE =
      Set.of("Forwarded", "X-Forwarded-Port", "X-Forwarded-Prefix", "X-Forwarded-Server");

  private final Upstream upstream;
  private final Duration timeout;
  private final String prefix;

  ServiceRelay(Upstream upstream, Duration timeout) {
    this(upstream, timeout, "");
  }

  /**
   * Relays to {@code prefix} + the request's path (e.g. {@code /api/safety} + {@code /fhir/r4}).
   */
  ServiceRelay(Upstream upstream, Duration timeout, String prefix) {
    this.upstream = upstream;
    this.timeout = timeout;
    this.prefix = prefix;
  }

  void relay(RoutingContext ctx) {
    var inbound = ctx.request();
    var cid = Correlation.of(ctx);

    var headers = MultiMap.caseInsensitiveMultiMap();
    endToEnd(inbound.headers(), headers);
    // The services trust forwarded headers from the gateway only: drop what a caller sent.
    SPOOFABLE.forEach(headers::remove);
    headers.set(CORRELATION_ID, cid);
    headers.set(
        "X-Forwarded-Host", inbound.authority() == null ? "" : inbound.authority().toString());
    headers.set("X-Forwarded-Proto", inbound.scheme());
    headers.add(
        "X-Forwarded-For",
        inbound.remoteAddress() == null ? "" : inbound.remoteAddress().hostAddress());
    // The service continues the gateway's trace (its server span, itself the caller's traceparent's
    // child when one came): what the service audits names the trace that started here. Without a
    // valid span nothing is written and the caller's own traceparent, copied above, goes on.
    W3CTraceContextPropagator.getInstance()
        .inject(Context.current(), headers, (carrier, key, value) -> carrier.set(key, value));

    // The path the route policy judged (normalized: no "..", no "//"), not the raw one.
    var query = inbound.query();
    var uri = prefix + ctx.normalizedPath() + (query == null ? "" : "?" + query);
    if (wantsStream(ctx)) {
      stream(ctx, uri, headers, cid);
      return;
    }
    upstream
        .send(inbound.method(), uri, headers, ctx.body().buffer(), timeout)
        .subscribe()
        .with(answer -> answer(ctx, answer, cid), failure -> unavailable(ctx, cid, failure));
  }

  /** A browser asking for server-sent events gets the answer as it is written, not buffered. */
  static boolean wantsStream(RoutingContext ctx) {
    var accept = ctx.request().getHeader("Accept");
    return ctx.request().method() == HttpMethod.GET
        && accept != null
        && accept.contains("text/event-stream");
  }

  private void stream(RoutingContext ctx, String uri, MultiMap headers, String cid) {
    upstream
        .open(HttpMethod.GET, uri, headers, timeout)
        .subscribe()
        .with(
            response -> {
              var outbound = ctx.response();
              if (outbound.ended() || outbound.closed()) {
                response.request().reset();
                return;
              }
              outbound.setStatusCode(response.statusCode());
              endToEnd(response.headers(), outbound.headers());
              outbound.headers().set(CORRELATION_ID, cid);
              outbound.setChunked(true);
              // The browser leaving ends the service's stream too.
              outbound.closeHandler(ignored -> response.request().reset());
              response.pipeTo(outbound);
            },
            failure -> unavailable(ctx, cid, failure));
  }

  private static void answer(RoutingContext ctx, UpstreamAnswer answer, String cid) {
    var outbound = ctx.response();
    if (outbound.ended()) {
      return;
    }
    outbound.setStatusCode(answer.status());
    endToEnd(answer.headers(), outbound.headers());
    outbound.headers().set(CORRELATION_ID, cid);
    outbound.end(answer.body());
  }

  /** Copies the end-to-end headers of {@code from} into {@code to}: never the hop-by-hop ones. */
  static void endToEnd(MultiMap from, MultiMap to) {
    from.forEach(
        h -> {
          if (!HOP_BY_HOP.contains(h.getKey().toLowerCase())) {
            to.add(h.getKey(), h.getValue());
          }
        });
  }

  private void unavailable(RoutingContext ctx, String cid, Throwable failure) {
    LOG.warnf(
        "%s %s: %s",
        ctx.request().method(),
        ctx.request().path(),
        failure.getMessage() + (failure.getCause() == null ? "" : ": " + failure.getCause()));
    var detail =
        failure instanceof ServiceUnreachable
            ? failure.getMessage()
            : upstream.name() + " did not answer";
    VertxProblems.answer(ctx, 503, "GW-0503", detail, Map.of("Retry-After", "5"), List.of());
  }
}
