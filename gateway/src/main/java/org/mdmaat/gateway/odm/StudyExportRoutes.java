package org.mdmaat.gateway.odm;

import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.mdmaat.gateway.routing.GatewayConfig;
import org.mdmaat.gateway.routing.ServiceUnreachable;
import org.mdmaat.gateway.routing.Upstream;
import org.mdmaat.gateway.routing.UpstreamAnswer;
import org.mdmaat.gateway.routing.Upstreams;
import org.mdmaat.platform.problem.VertxProblems;
import org.mdmaat.platform.problem.Violation;

/**
 * {@code GET /api/trials/{trialId}/study.odm.xml}: one CDISC ODM 1.3.2 file of a trial across the
 * services. Each service's metadata part ({@code <service>/trials/{id}/odm/metadata}) is asked for
 * with the caller's token, reason and correlation id, so each service checks the caller, the trial
 * and writes its access log (a service that cannot answers 503 and so does this export, before a
 * byte is sent); the parts are merged ({@link OdmMerge}), written, and then each service's
 * ClinicalData ({@code …/odm/clinical}) is piped through as the service writes it, one service
 * after the other, never held here. A service failing once the file has begun resets the connection
 * rather than end a partial file normally.
 */
@ApplicationScoped
public class StudyExportRoutes {
  /** Observer priority: after the front door, before the relays (as the audit API). */
  static final int INSTALL_ORDER = 210;

  /** recruitment first: its study name and named sites win over the other services' codes. */
  static final List<String> SERVICES = List.of("recruitment", "sessions", "safety", "outcomes");

  static final Pattern TRIAL_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private static final Logger LOG = Logger.getLogger(StudyExportRoutes.class);

  private final Upstreams upstreams;
  private final Duration timeout;

  StudyExportRoutes(Upstreams upstreams, GatewayConfig config) {
    this.upstreams = upstreams;
    this.timeout = config.timeout();
  }

  void install(@Observes @Priority(INSTALL_ORDER) Router router) {
    router.route("/api/trials/:trialId/study.odm.xml").method(HttpMethod.GET).handler(this::export);
  }

  void export(RoutingContext ctx) {
    var trialId = ctx.pathParam("trialId");
    if (trialId == null || !TRIAL_ID.matcher(trialId).matches()) {
      VertxProblems.answer(
          ctx,
          400,
          "GW-0400",
          "The trial id is not one.",
          Map.of(),
          List.of(new Violation("trialId", "must be 1-64 of letters, digits, '.', '_', '-'")));
      return;
    }
    var services = new ArrayList<Upstream>();
    for (var name : SERVICES) {
      var upstream = upstreams.named(name);
      if (upstream.isEmpty()) {
        VertxProblems.answer(
            ctx, 503, "GW-0503", name + " is not configured; the study cannot be exported.");
        return;
      }
      services.add(upstream.get());
    }
    var headers = headers(ctx.request().headers());
    List<Uni<Map.Entry<String, byte[]>>> asks = new ArrayList<>();
    for (var upstream : services) {
      asks.add(
          upstream
              .send(HttpMethod.GET, part(upstream, trialId, "metadata"), headers, null, timeout)
              .map(answer -> Map.entry(upstream.name(), answered(upstream, answer))));
    }
    // All or none: a file without one service's definitions would not resolve its data.
    Uni.join()
        .all(asks)
        .andFailFast()
        .map(
            answers -> {
              var parts = new LinkedHashMap<String, byte[]>();
              answers.forEach(a -> parts.put(a.getKey(), a.getValue()));
              return OdmMerge.merge(trialId, parts, Instant.now());
            })
        .subscribe()
        .with(head -> write(ctx, trialId, services, headers, head), f -> failed(ctx, f));
  }

  private void write(
      RoutingContext ctx,
      String trialId,
      List<Upstream> services,
      MultiMap headers,
      OdmMerge.Head head) {
    var response = ctx.response();
    if (response.closed()) {
      return;
    }
    response.setChunked(true);
    response.putHeader(HttpHeaders.CONTENT_TYPE, "application/xml; charset=UTF-8");
    response.putHeader(
        "Content-Disposition", "attachment; filename=\"" + trialId + ".study.odm.xml\"");
    response
        .write(head.head())
        .onSuccess(ignored -> clinical(ctx, trialId, services, 0, headers, head));
  }

  /** Service {@code index}'s ClinicalData, piped through; then the next; then the end. */
  private void clinical(
      RoutingContext ctx,
      String trialId,
      List<Upstream> services,
      int index,
      MultiMap headers,
      OdmMerge.Head head) {
    var response = ctx.response();
    if (index == services.size()) {
      response.end(head.tail());
      return;
    }
    var upstream = services.get(index);
    upstream
        .open(HttpMethod.GET, part(upstream, trialId, "clinical"), headers, timeout)
        .subscribe()
        .with(
            answer -> {
              if (answer.statusCode() != 200) {
                broken(ctx, upstream.name() + " answered " + answer.statusCode(), answer);
                return;
              }
              answer
                  .pipe()
                  .endOnComplete(false)
                  .to(response)
                  .onSuccess(ignored -> clinical(ctx, trialId, services, index + 1, headers, head))
                  .onFailure(
                      failure -> broken(ctx, upstream.name() + " broke off: " + failure, null));
            },
            failure -> broken(ctx, failure.getMessage(), null));
  }

  /** Half a file must not look like a whole one: the connection is reset. */
  private static void broken(RoutingContext ctx, String why, HttpClientResponse answer) {
    LOG.warnf("study export broken off: %s", why);
    if (answer != null) {
      answer.resume();
    }
    ctx.response().reset();
  }

  static String part(Upstream upstream, String trialId, String part) {
    return upstream.path() + "/trials/" + trialId + "/odm/" + part;
  }

  private static MultiMap headers(MultiMap caller) {
    var headers = MultiMap.caseInsensitiveMultiMap();
    // X-Access-Reason: each service writes the reader's reason to its access log.
    for (var name : List.of("Authorization", "X-Correlation-Id", "X-Access-Reason")) {
      var value = caller.get(name);
      if (value != null) {
        headers.add(name, value);
      }
    }
    return headers;
  }

  private static byte[] answered(Upstream upstream, UpstreamAnswer answer) {
    if (answer.status() == 200) {
      return answer.body().getBytes();
    }
    throw new Refused(upstream.name(), answer.status());
  }

  /** A service refused its part: the export is refused the same way, naming it. */
  static final class Refused extends RuntimeException {
    final String service;
    final int status;

    Refused(String service, int status) {
      super(service + " answered " + status, null, false, false);
      this.service = service;
      this.status = status;
    }
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
          unreachable.getMessage() + "; the study cannot be exported without it.",
          Map.of("Retry-After", "5"),
          List.of());
    } else if (failure instanceof Refused refused) {
      int status = refused.status;
      if (status == 401 || status == 403 || status == 404 || status == 409) {
        VertxProblems.answer(
            ctx,
            status,
            String.format("GW-%04d", status),
            refused.service + " refused its part of the study export (" + status + ").");
      } else if (status == 503) {
        VertxProblems.answer(
            ctx,
            503,
            "GW-0503",
            refused.service
                + " could not serve its part (its access log or a service it needs is"
                + " unavailable); the study cannot be exported without it.",
            Map.of("Retry-After", "5"),
            List.of());
      } else {
        VertxProblems.answer(ctx, 502, "GW-0502", refused.getMessage());
      }
    } else if (failure instanceof OdmMerge.UnusablePart) {
      VertxProblems.answer(ctx, 502, "GW-0502", failure.getMessage());
    } else {
      LOG.error("study export failed", failure);
      VertxProblems.answer(ctx, 500, "GW-0500", "The study export failed.");
    }
  }
}
