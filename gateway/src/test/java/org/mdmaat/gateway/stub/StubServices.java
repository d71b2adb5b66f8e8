package org.mdmaat.gateway.stub;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Stand-ins for the four services, one HTTP server each, so tests see exactly what the gateway
 * relays. Each answers:
 *
 * <ul>
 *   <li>{@code <path>/audit}: an AuditPage from entries the test loaded (after, limit and the
 *       filters applied as the platform's AuditResource does)
 *   <li>{@code <path>/audit/export}: those entries (after and the filters applied) as NDJSON, one
 *       write per line, as an octet stream; mode {@code export-refused} answers 403 instead, mode
 *       {@code export-break} sends the first line and then closes the connection
 *   <li>{@code <path>/audit/verify}: the verification the test set
 *   <li>{@code /q/openapi}: a small document of its own
 *   <li>anything else: 200 with what it received (method, uri, headers, body); 418 for {@code
 *       .../teapot}
 * </ul>
 *
 * Tests steer a stub over HTTP ({@code /__stub/...}; see {@link Stubs}), because a test resource
 * and the test class do not share static state.
 */
public class StubServices implements QuarkusTestResourceLifecycleManager {
  public static final List<String> SERVICES =
      List.of("outcomes", "recruitment", "safety", "sessions");

  private Vertx vertx;

  @Override
  public Map<String, String> start() {
    vertx = Vertx.vertx();
    var config = new HashMap<String, String>();
    for (var service : SERVICES) {
      var server = new Stub(service).listen(vertx);
      config.put("gateway.routes." + service + ".url", "http://localhost:" + server.actualPort());
    }
    config.put("gateway.timeout", "2s");
    return config;
  }

  @Override
  public void stop() {
    if (vertx != null) {
      vertx.close();
    }
  }

  /** One stub service. */
  static final class Stub {
    private final String service;
    private List<JsonObject> audit = new ArrayList<>();
    private JsonObject verification =
        new JsonObject().put("intact", true).put("entriesChecked", 0).putNull("firstBrokenSeq");
    private String mode = "normal";
    // A server-sent-events answer held open until the test ends it (/__stub/stream-end).
    private io.vertx.core.http.HttpServerResponse stream;
    private final JsonArray auditRequests = new JsonArray();
    private Vertx vertx;

    Stub(String service) {
      this.service = service;
    }

    HttpServer listen(Vertx vertx) {
      this.vertx = vertx;
      try {
        return vertx
            .createHttpServer()
            .requestHandler(this::handle)
            .listen(0)
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("stub " + service + " did not start", e);
      }
    }

    private synchronized void handle(HttpServerRequest request) {
      if (request.path().startsWith("/__stub/")) {
        request.body().onSuccess(body -> control(request, body.toString()));
        return;
      }
      switch (mode) {
        case "reset" -> {
          request.connection().close();
          return;
        }
        case "hang" -> {
          return;
        }
        default -> {}
      }
      var base = "/api/" + service;
      if (request.path().equals(base + "/audit/export")) {
        auditRequests.add(
            new JsonObject()
                .put("path", request.path())
                .put("query", request.query())
                .put("authorization", request.getHeader("Authorization"))
                .put("reason", request.getHeader("X-Access-Reason"))
                .put("correlationId", request.getHeader("X-Correlation-Id")));
        export(request);
      } else if (request.path().equals(base + "/audit")) {
        auditRequests.add(
            new JsonObject()
                .put("path", request.path())
                .put("query", request.query())
                .put("authorization", request.getHeader("Authorization"))
                .put("correlationId", request.getHeader("X-Correlation-Id")));
        json(request, 200, page(request));
      } else if (request.path().equals(base + "/audit/verify")) {
        var status = verification.getInteger("httpStatus", 200);
        json(request, status, verification.copy());
      } else if (request.path().endsWith("/monitor/stream")) {
        stream = request.response();
        stream
            .setChunked(true)
            .putHeader("Content-Type", "text/event-stream")
            .write("data: first\n\n");
      } else if (request.path().equals(base + "/fhir/r4/metadata")) {
        request
            .response()
            .setStatusCode(200)
            .putHeader("Content-Type", "application/fhir+json")
            .end(capabilities());
      } else if (request.path().equals("/q/openapi")) {
        json(request, 200, openapi());
      } else {
        request.body().onSuccess(body -> echo(request, body.toString()));
      }
    }

    /**
     * A CapabilityStatement as the service would answer: its resource types, safety's Bundles, and
     * (to show the gateway keeps only what it routes to it) a type no route gives it.
     */
    private String capabilities() {
      var cs = new org.hl7.fhir.r4.model.CapabilityStatement();
      cs.setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE);
      var rest =
          cs.addRest()
              .setMode(org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode.SERVER);
      rest.getSecurity().setDescription(service + " security");
      var types =
          switch (service) {
            case "safety" -> List.of("Observation", "AdverseEvent", "Patient");
            case "recruitment" -> List.of("ResearchStudy", "ResearchSubject");
            case "outcomes" -> List.of("Questionnaire", "QuestionnaireResponse");
            default -> List.<String>of();
          };
      for (var type : types) {
        rest.addResource()
            .setType(type)
            .addInteraction()
            .setCode(org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction.READ);
      }
      rest.addInteraction()
          .setCode(org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction.TRANSACTION);
      return ca.uhn.fhir.context.FhirContext.forR4Cached()
          .newJsonParser()
          .encodeResourceToString(cs);
    }

    private synchronized void control(HttpServerRequest request, String body) {
      switch (request.path()) {
        case "/__stub/audit" -> {
          audit = new ArrayList<>();
          new JsonArray(body).forEach(item -> audit.add((JsonObject) item));
          auditRequests.clear();
        }
        case "/__stub/verify" -> verification = new JsonObject(body);
        case "/__stub/mode" -> mode = body.trim();
        case "/__stub/stream-end" -> {
          stream.write("data: last\n\n");
          stream.end();
        }
        case "/__stub/audit-requests" -> {
          json(request, 200, new JsonObject().put("requests", auditRequests.copy()));
          return;
        }
        default -> {
          request.response().setStatusCode(404).end();
          return;
        }
      }
      request.response().setStatusCode(204).end();
    }

    private void export(HttpServerRequest request) {
      if (mode.equals("export-refused")) {
        request
            .response()
            .setStatusCode(403)
            .putHeader("content-type", "application/problem+json")
            .end(new JsonObject().put("status", 403).put("code", "PLATFORM-0403").encode());
        return;
      }
      long after = Long.parseLong(param(request, "after", "0"));
      var response =
          request.response().setChunked(true).putHeader("content-type", "application/octet-stream");
      for (var entry : audit) {
        if (entry.getLong("seq") <= after || !matches(request, entry)) {
          continue;
        }
        response.write(entry.encode() + "\n");
        if (mode.equals("export-break")) {
          var connection = request.connection();
          vertx.setTimer(300, ignored -> connection.close());
          return;
        }
      }
      response.end();
    }

    private JsonObject page(HttpServerRequest request) {
      long after = Long.parseLong(param(request, "after", "0"));
      int limit = Integer.parseInt(param(request, "limit", "100"));
      var items = new JsonArray();
      for (var entry : audit) {
        if (entry.getLong("seq") <= after || !matches(request, entry)) {
          continue;
        }
        if (items.size() == limit) {
          break;
        }
        items.add(entry);
      }
      Long next =
          items.size() < limit ? null : items.getJsonObject(items.size() - 1).getLong("seq");
      return new JsonObject().put("items", items).put("nextAfter", next);
    }

    private static boolean matches(HttpServerRequest request, JsonObject entry) {
      for (var field : List.of("entityType", "entityId", "actor", "trialId", "participantCode")) {
        var wanted = request.getParam(field);
        if (wanted != null && !wanted.equals(entry.getString(field))) {
          return false;
        }
      }
      var at = Instant.parse(entry.getString("occurredAt"));
      var from = request.getParam("from");
      var to = request.getParam("to");
      return (from == null || !at.isBefore(Instant.parse(from)))
          && (to == null || at.isBefore(Instant.parse(to)));
    }

    private JsonObject openapi() {
      // safety's paths come without the /api prefix, to check that the gateway adds it.
      var path = service.equals("safety") ? "/holds" : "/api/" + service + "/things";
      return new JsonObject(
          """
          {"openapi":"3.0.3","info":{"title":"%s","version":"1"},
           "paths":{"%s":{"get":{"responses":{"200":{"description":"ok","content":{
             "application/json":{"schema":{"$ref":"#/components/schemas/Thing"}}}}}}}},
           "components":{"schemas":{
             "Thing":{"type":"object","properties":{"%sField":{"type":"string"}}},
             "Problem":{"type":"object","properties":{"code":{"type":"string"}}}}}}
          """
              .formatted(service, path, service));
    }

    private void echo(HttpServerRequest request, String body) {
      var headers = new JsonObject();
      request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
      request
          .response()
          .putHeader("content-type", "application/json")
          .putHeader("X-Upstream", "echo")
          .putHeader("Cache-Control", "public, max-age=3600")
          .setStatusCode(request.path().endsWith("/teapot") ? 418 : 200)
          .end(
              new JsonObject()
                  .put("service", service)
                  .put("method", request.method().name())
                  .put("uri", request.uri())
                  .put("headers", headers)
                  .put("body", body)
                  .encode());
    }

    private static String param(HttpServerRequest request, String name, String otherwise) {
      var value = request.getParam(name);
      return value == null ? otherwise : value;
    }

    private static void json(HttpServerRequest request, int status, JsonObject body) {
      request
          .response()
          .setStatusCode(status)
          .putHeader("content-type", "application/json")
          .end(body.encode());
    }
  }
}
