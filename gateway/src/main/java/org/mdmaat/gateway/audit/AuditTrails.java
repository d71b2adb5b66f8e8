package org.mdmaat.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mdmaat.gateway.routing.GatewayConfig;
import org.mdmaat.gateway.routing.ServiceUnreachable;
import org.mdmaat.gateway.routing.Upstream;
import org.mdmaat.gateway.routing.UpstreamAnswer;
import org.mdmaat.gateway.routing.Upstreams;

/**
 * Reads every service's audit trail ({@code <path>/audit}, {@code <path>/audit/export}, {@code
 * <path>/audit/verify}) with the regulator's own token, so each service applies its own checks and
 * audits the read.
 */
@ApplicationScoped
public class AuditTrails {
  // Numbers as written (1.10 stays 1.10): an entry's before/after must hash as stored.
  static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private final Upstreams upstreams;
  private final Duration timeout;
  private final Duration verifyTimeout;

  AuditTrails(Upstreams upstreams, GatewayConfig config) {
    this.upstreams = upstreams;
    this.timeout = config.timeout();
    this.verifyTimeout = config.audit().verifyTimeout();
  }

  /** One merged page: every service asked for {@code pageSize} entries after its cursor. */
  Uni<MergedPage> page(
      AuditQuery query, Map<String, Long> cursor, int pageSize, MultiMap callerHeaders) {
    List<Uni<MergedPage.ServicePage>> asks = new ArrayList<>();
    for (var upstream : upstreams.all()) {
      var uri =
          upstream.path() + "/audit?" + query.serviceQuery(cursor.get(upstream.name()), pageSize);
      asks.add(
          upstream
              .send(HttpMethod.GET, uri, headers(callerHeaders), null, timeout)
              .map(answer -> servicePage(upstream, answer)));
    }
    // A page missing one service would put that service's entries out of time order: all or none.
    return Uni.join()
        .all(asks)
        .andFailFast()
        .map(pages -> MergedPage.merge(pages, cursor, pageSize));
  }

  /**
   * Every service's {@code <path>/audit/export} opened once, each answer paused with its status and
   * headers only, in the services' order. All or none, as a page: if any service cannot be reached
   * or answers other than 200, the answers that were opened are reset (not read to their end) and
   * the first failure in the services' order is the answer, before a byte is written.
   */
  Uni<List<ServiceExport>> exports(AuditQuery query, MultiMap callerHeaders) {
    List<Uni<ServiceExport>> opens = new ArrayList<>();
    for (var upstream : upstreams.all()) {
      var serviceQuery = query.exportQuery(query.cursor().get(upstream.name()));
      var uri =
          upstream.path() + "/audit/export" + (serviceQuery.isEmpty() ? "" : "?" + serviceQuery);
      opens.add(
          upstream
              // A service starts its export after its access-log entry and first page, which a
              // busy service (a million-entry chain just written) took longer than an ordinary
              // call for: the verification's patience, not a 503 for a slow first byte.
              .open(HttpMethod.GET, uri, streamHeaders(callerHeaders), verifyTimeout)
              .map(answer -> new ServiceExport(upstream.name(), answer, null))
              .onFailure()
              .recoverWithItem(failure -> new ServiceExport(upstream.name(), null, failure)));
    }
    return Uni.join()
        .all(opens)
        .andFailFast()
        .map(
            opened -> {
              RuntimeException failure = null;
              for (var export : opened) {
                if (failure != null) {
                  break;
                }
                if (export.failure() != null) {
                  failure =
                      export.failure() instanceof RuntimeException runtime
                          ? runtime
                          : new ServiceUnreachable(
                              export.service(), "did not answer", export.failure());
                } else if (export.answer().statusCode() != 200) {
                  failure =
                      new RefusedByService(
                          export.service(),
                          new UpstreamAnswer(
                              export.answer().statusCode(),
                              export.answer().headers(),
                              Buffer.buffer()));
                }
              }
              if (failure != null) {
                for (var export : opened) {
                  if (export.answer() != null) {
                    export.answer().request().reset();
                  }
                }
                throw failure;
              }
              return opened;
            });
  }

  /**
   * One service's export, opened: its answer (paused) or why it could not be had.
   *
   * @param answer null when {@code failure} is set
   */
  record ServiceExport(String service, HttpClientResponse answer, Throwable failure) {}

  /** Each service's own verification, or why it could not be had. Never fails. */
  Uni<ObjectNode> verify(MultiMap callerHeaders) {
    List<Uni<ObjectNode>> asks = new ArrayList<>();
    for (var upstream : upstreams.all()) {
      asks.add(
          upstream
              .send(
                  HttpMethod.GET,
                  upstream.path() + "/audit/verify",
                  headers(callerHeaders),
                  null,
                  verifyTimeout)
              .map(answer -> verification(upstream, answer))
              .onFailure()
              .recoverWithItem(failure -> unreachable(upstream, failure)));
    }
    return Uni.join()
        .all(asks)
        .andCollectFailures()
        .map(
            results -> {
              var report = JSON.createObjectNode();
              boolean intact =
                  results.stream().allMatch(r -> "INTACT".equals(r.path("status").asText()));
              report.put("intact", intact);
              report.putArray("services").addAll(results);
              return report;
            });
  }

  private static MultiMap headers(MultiMap caller) {
    return streamHeaders(caller).add("Accept", "application/json");
  }

  /** No Accept: a service's export is an octet stream of NDJSON lines. */
  private static MultiMap streamHeaders(MultiMap caller) {
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

  private static MergedPage.ServicePage servicePage(Upstream upstream, UpstreamAnswer answer) {
    var body = json(upstream, answered(upstream, answer));
    var items = new ArrayList<ObjectNode>();
    for (var item : body.path("items")) {
      if (!(item instanceof ObjectNode entry)) {
        throw new UnusableAnswer(upstream.name(), "an audit item that is not an object");
      }
      entry.put("service", upstream.name());
      items.add(entry);
    }
    var next = body.path("nextAfter");
    return new MergedPage.ServicePage(
        upstream.name(), items, next.isNumber() ? next.asLong() : null);
  }

  private static ObjectNode verification(Upstream upstream, UpstreamAnswer answer) {
    var result = JSON.createObjectNode().put("service", upstream.name());
    if (answer.status() != 200) {
      return result
          .put("status", "UNAVAILABLE")
          .put("httpStatus", answer.status())
          .put("problem", upstream.name() + " answered " + answer.status());
    }
    var body = json(upstream, answer);
    boolean intact = body.path("intact").asBoolean(false);
    result.put("status", intact ? "INTACT" : "BROKEN");
    result.set("entriesChecked", body.path("entriesChecked"));
    result.set("firstBrokenSeq", body.path("firstBrokenSeq"));
    result.set("problem", body.path("problem"));
    // The service checked its chain against its signed checkpoints (issue 17): how many, and the
    // newest entry they cover. Entries after it are covered from the service's next checkpoint.
    result.put("checkpointsChecked", body.path("checkpointsChecked").asInt(0));
    result.set("newestCheckpointSeq", body.path("newestCheckpointSeq"));
    return result;
  }

  private static ObjectNode unreachable(Upstream upstream, Throwable failure) {
    return JSON.createObjectNode()
        .put("service", upstream.name())
        .put("status", "UNREACHABLE")
        .putNull("entriesChecked")
        .putNull("firstBrokenSeq")
        .put(
            "problem",
            failure instanceof ServiceUnreachable
                ? failure.getMessage()
                : upstream.name() + " did not answer");
  }

  private static UpstreamAnswer answered(Upstream upstream, UpstreamAnswer answer) {
    if (answer.status() == 200) {
      return answer;
    }
    throw new RefusedByService(upstream.name(), answer);
  }

  private static JsonNode json(Upstream upstream, UpstreamAnswer answer) {
    try {
      return JSON.readTree(answer.body().getBytes());
    } catch (JsonProcessingException e) {
      throw new UnusableAnswer(upstream.name(), "a body that is not JSON");
    } catch (java.io.IOException e) {
      throw new UnusableAnswer(upstream.name(), "an unreadable body");
    }
  }

  /** A service answered the audit read with something other than 200. */
  static final class RefusedByService extends RuntimeException {
    final String service;
    final UpstreamAnswer answer;

    RefusedByService(String service, UpstreamAnswer answer) {
      super(service + " answered " + answer.status(), null, false, false);
      this.service = service;
      this.answer = answer;
    }
  }

  /** A service answered 200 with something that is not an audit page. */
  static final class UnusableAnswer extends RuntimeException {
    UnusableAnswer(String service, String what) {
      super(service + " answered " + what, null, false, false);
    }
  }
}
