package org.mdmaat.gateway.stub;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.microprofile.config.ConfigProvider;

/** Steers the {@link StubServices} from a test. */
public final class Stubs {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Stubs() {}

  /** Loads a service's audit trail (entries in seq order). */
  public static void audit(String service, JsonArray entries) {
    post(service, "/__stub/audit", entries.encode());
  }

  /** Sets what a service's {@code /audit/verify} answers (with httpStatus for a non-200). */
  public static void verification(String service, JsonObject answer) {
    post(service, "/__stub/verify", answer.encode());
  }

  /** normal, reset (closes the connection at once) or hang (never answers). */
  public static void mode(String service, String mode) {
    post(service, "/__stub/mode", mode);
  }

  /** The audit requests a service received since its trail was last loaded. */
  /** Ends the server-sent-events answer the service holds open, after one more event. */
  public static void endStream(String service) {
    post(service, "/__stub/stream-end", "");
  }

  public static JsonArray auditRequests(String service) {
    return new JsonObject(post(service, "/__stub/audit-requests", "")).getJsonArray("requests");
  }

  public static String url(String service) {
    return ConfigProvider.getConfig().getValue("gateway.routes." + service + ".url", String.class);
  }

  private static String post(String service, String path, String body) {
    try {
      var response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url(service) + path))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException("stub refused " + path + ": " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
