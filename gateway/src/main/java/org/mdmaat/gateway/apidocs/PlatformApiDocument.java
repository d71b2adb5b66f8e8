package org.mdmaat.gateway.apidocs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.mdmaat.gateway.routing.GatewayConfig;
import org.mdmaat.gateway.routing.Upstream;
import org.mdmaat.gateway.routing.Upstreams;

/**
 * {@code GET /api/openapi}: one OpenAPI document for the whole platform, merged from each service's
 * {@code /q/openapi?format=json} and the gateway's own audit API. Paths are as a client calls them
 * through the gateway. A service that is down is left out and named in {@code
 * x-unavailable-services}; the document is still served. Schemas with the same name but different
 * content in two services are renamed {@code <service>_<name>} in the later service.
 */
@ApplicationScoped
public class PlatformApiDocument {
  static final int INSTALL_ORDER = 200;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCHEMA_REF = "#/components/schemas/";

  private final Upstreams upstreams;
  private final Duration timeout;
  private final ObjectNode own;

  PlatformApiDocument(Upstreams upstreams, GatewayConfig config) {
    this.upstreams = upstreams;
    this.timeout = config.audit().openapiTimeout();
    try (var in = getClass().getResourceAsStream("/apidocs/gateway-openapi.json")) {
      this.own = (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void install(@Observes @Priority(INSTALL_ORDER) Router router) {
    router.get("/api/openapi").handler(this::serve);
  }

  void serve(RoutingContext ctx) {
    List<Uni<Map.Entry<Upstream, JsonNode>>> asks = new ArrayList<>();
    for (var upstream : upstreams.all()) {
      asks.add(
          upstream
              .send(
                  HttpMethod.GET,
                  "/q/openapi?format=json",
                  MultiMap.caseInsensitiveMultiMap().add("Accept", "application/json"),
                  null,
                  timeout)
              .map(answer -> answer.status() == 200 ? parse(answer.body().getBytes()) : null)
              .onFailure()
              .recoverWithNull()
              .map(doc -> Map.entry(upstream, doc == null ? JSON.nullNode() : doc)));
    }
    Uni.join()
        .all(asks)
        .andCollectFailures()
        .subscribe()
        .with(
            docs -> {
              var merged = merge(docs);
              ctx.response()
                  .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                  .end(merged.toString());
            },
            ctx::fail);
  }

  ObjectNode merge(List<Map.Entry<Upstream, JsonNode>> docs) {
    var merged = own.deepCopy();
    var paths = merged.with("paths");
    var schemas = merged.with("components").with("schemas");
    var tags = merged.withArray("tags");
    var unavailable = JSON.createArrayNode();
    for (var entry : docs) {
      var upstream = entry.getKey();
      if (!(entry.getValue() instanceof ObjectNode doc)) {
        unavailable.add(upstream.name());
        continue;
      }
      var renames = new HashMap<String, String>();
      var theirs = doc.path("components").path("schemas");
      theirs
          .properties()
          .forEach(
              schema -> {
                var existing = schemas.get(schema.getKey());
                if (existing != null && !existing.equals(schema.getValue())) {
                  renames.put(schema.getKey(), upstream.name() + "_" + schema.getKey());
                }
              });
      rewriteRefs(doc, renames);
      doc.path("components")
          .path("schemas")
          .properties()
          .forEach(
              schema ->
                  schemas.set(
                      renames.getOrDefault(schema.getKey(), schema.getKey()), schema.getValue()));
      if (doc.path("components") instanceof ObjectNode components) {
        components
            .properties()
            .forEach(
                kind -> {
                  if (!kind.getKey().equals("schemas") && kind.getValue() instanceof ObjectNode m) {
                    var into = merged.with("components").with(kind.getKey());
                    m.properties()
                        .forEach(
                            c -> {
                              if (!into.has(c.getKey())) {
                                into.set(c.getKey(), c.getValue());
                              }
                            });
                  }
                });
      }
      doc.path("paths")
          .properties()
          .forEach(
              path -> {
                var key = path.getKey();
                // With quarkus.rest.path the services' paths already start with /api/<name>.
                var routed = key.startsWith(upstream.path()) ? key : upstream.path() + key;
                tagOperations(path.getValue(), upstream.name());
                paths.set(routed, path.getValue());
              });
      tags.add(
          JSON.createObjectNode()
              .put("name", upstream.name())
              .put("description", "Served by the " + upstream.name() + " service"));
    }
    merged.set("x-unavailable-services", unavailable);
    return merged;
  }

  /** Each operation carries its service's tag, so Swagger UI groups by service. */
  private static void tagOperations(JsonNode pathItem, String service) {
    pathItem
        .properties()
        .forEach(
            op -> {
              if (op.getValue() instanceof ObjectNode operation && operation.has("responses")) {
                var opTags = operation.withArray("tags");
                if (!containsText(opTags, service)) {
                  opTags.insert(0, service);
                }
              }
            });
  }

  private static boolean containsText(ArrayNode array, String text) {
    for (var item : array) {
      if (text.equals(item.asText())) {
        return true;
      }
    }
    return false;
  }

  private static void rewriteRefs(JsonNode node, Map<String, String> renames) {
    if (renames.isEmpty()) {
      return;
    }
    if (node instanceof ObjectNode object) {
      var ref = object.get("$ref");
      if (ref != null && ref.isTextual() && ref.asText().startsWith(SCHEMA_REF)) {
        var name = ref.asText().substring(SCHEMA_REF.length());
        if (renames.containsKey(name)) {
          object.set("$ref", new TextNode(SCHEMA_REF + renames.get(name)));
        }
      }
      for (Iterator<JsonNode> it = object.elements(); it.hasNext(); ) {
        rewriteRefs(it.next(), renames);
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(item -> rewriteRefs(item, renames));
    }
  }

  private static JsonNode parse(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }
}
