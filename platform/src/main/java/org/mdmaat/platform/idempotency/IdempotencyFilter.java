package org.mdmaat.platform.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.mdmaat.platform.problem.PlatformProblems;
import org.mdmaat.platform.problem.ProblemDetails;
import org.mdmaat.platform.security.Caller;

/**
 * Idempotent POSTs: a request with an {@code Idempotency-Key} header runs at most once per caller
 * and key in this service; a retry answers the first request's stored answer (status, body, {@code
 * Content-Type}, {@code Location}, plus {@code Idempotency-Replayed: true}).
 *
 * <ol>
 *   <li>Before the request runs, the key is reserved in a committed transaction of its own ({@code
 *       IN_FLIGHT}). Of two concurrent requests with one key exactly one reserves it; the other
 *       answers 409.
 *   <li>The request runs with its own transactions (the service layer's, unchanged).
 *   <li>Its answer is stored (committed) before it is sent: 2xx and 4xx answers are final and
 *       replayed; a 5xx releases the key, so a retry runs the request again (nothing was committed
 *       or the failure was ours, and the client is told to retry).
 * </ol>
 *
 * A crash between the business commit and step 3 leaves the key {@code IN_FLIGHT}: retries answer
 * 409 until the key expires rather than running the request a second time, so a key never gives two
 * different outcomes. The same key with another method, path, query or body answers 422. Requests
 * without a signed-in caller are not covered (there is nobody to scope the key to).
 */
public class IdempotencyFilter {
  public static final String HEADER = "Idempotency-Key";
  public static final String REPLAYED_HEADER = "Idempotency-Replayed";
  static final int MAX_LENGTH = 255;

  private static final Logger LOG = Logger.getLogger(IdempotencyFilter.class);
  private static final String RESERVED = IdempotencyFilter.class.getName() + ".reserved";

  private final IdempotencyKeys keys;
  private final SecurityIdentity identity;
  private final ObjectMapper json;

  IdempotencyFilter(IdempotencyKeys keys, SecurityIdentity identity, ObjectMapper json) {
    this.keys = keys;
    this.identity = identity;
    this.json = json;
  }

  /** The key this request reserved, for the response filter. */
  private record Reservation(String subject, String key) {}

  @ServerRequestFilter(readBody = true, priority = Priorities.USER + 1000)
  public Uni<Response> reserve(ContainerRequestContext request) throws IOException {
    var values = request.getHeaders().get(HEADER);
    if (!"POST".equals(request.getMethod()) || values == null) {
      return Uni.createFrom().nullItem();
    }
    var key = values.size() == 1 ? values.get(0) : null;
    if (!wellFormed(key)) {
      throw PlatformProblems.IDEMPOTENCY_KEY_MALFORMED.problem(
          "The Idempotency-Key header must be given once, with 1 to "
              + MAX_LENGTH
              + " printable ASCII characters.");
    }
    if (identity.isAnonymous()) {
      return Uni.createFrom().nullItem();
    }
    var subject = Caller.of(identity).id();
    // The body is buffered (readBody): read it for the fingerprint and put it back for the
    // resource.
    byte[] body = request.hasEntity() ? request.getEntityStream().readAllBytes() : new byte[0];
    request.setEntityStream(new ByteArrayInputStream(body));
    var uri = request.getUriInfo().getRequestUri();
    var path =
        uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
    var fingerprint = fingerprint(request.getMethod(), path, body);
    return keys.reserve(subject, key, fingerprint, request.getMethod(), path)
        .map(
            held -> {
              if (held == null) {
                request.setProperty(RESERVED, new Reservation(subject, key));
                return null;
              }
              if (!held.fingerprint().equals(fingerprint)) {
                throw PlatformProblems.IDEMPOTENCY_KEY_REUSED.problem(
                    "This Idempotency-Key was used for another request ("
                        + held.method()
                        + " "
                        + held.path()
                        + " with another body); use a new key for a new request.");
              }
              if (!held.done()) {
                throw PlatformProblems.IDEMPOTENCY_KEY_IN_FLIGHT.problem(
                    "A request with this Idempotency-Key has not answered yet (or its outcome is"
                        + " unknown); retry later, or look the record up before sending it again"
                        + " with a new key.");
              }
              return replay(held);
            });
  }

  @ServerResponseFilter(priority = Priorities.USER + 1000)
  public Uni<Void> store(ContainerRequestContext request, ContainerResponseContext response) {
    if (!(request.getProperty(RESERVED) instanceof Reservation reservation)) {
      return Uni.createFrom().voidItem();
    }
    request.removeProperty(RESERVED);
    int status = response.getStatus();
    if (status >= 500) {
      return keys.release(reservation.subject(), reservation.key())
          .onFailure()
          .invoke(e -> LOG.errorf(e, "Idempotency-Key of a failed request not released"))
          .onFailure()
          .recoverWithNull();
    }
    String body;
    try {
      body = bodyOf(response.getEntity());
    } catch (IOException e) {
      // Still kept, without its body: running the request again could write twice.
      LOG.warnf(e, "The body of an answer to an Idempotency-Key is not kept");
      body = null;
    }
    // Not recovered: when the answer cannot be stored the client gets an error, not an answer the
    // key would not replay (the key stays in flight and retries answer 409 until it expires).
    return keys.complete(
        reservation.subject(),
        reservation.key(),
        status,
        contentTypeOf(response),
        response.getHeaderString(HttpHeaders.LOCATION),
        body);
  }

  private Response replay(StoredAnswer held) {
    var answer = Response.status(held.status()).header(REPLAYED_HEADER, "true");
    if (held.location() != null) {
      answer.header(HttpHeaders.LOCATION, held.location());
    }
    if (held.body() != null) {
      answer.entity(held.body());
      if (held.contentType() != null) {
        answer.type(held.contentType());
      }
    }
    return answer.build();
  }

  /** The body as it is sent: a String as is, anything else as the service's JSON. */
  private String bodyOf(Object entity) throws IOException {
    if (entity == null) {
      return null;
    }
    if (entity instanceof String text) {
      return text;
    }
    if (entity instanceof byte[] || entity instanceof java.io.InputStream) {
      return null; // a binary answer is replayed as status and headers only
    }
    return json.writeValueAsString(entity);
  }

  private static String contentTypeOf(ContainerResponseContext response) {
    MediaType type = response.getMediaType();
    if (type != null) {
      return type.toString();
    }
    if (response.getEntity() instanceof ProblemDetails) {
      return ProblemDetails.MEDIA_TYPE;
    }
    return response.getEntity() instanceof String
        ? MediaType.TEXT_PLAIN
        : MediaType.APPLICATION_JSON;
  }

  static boolean wellFormed(String key) {
    if (key == null || key.isBlank() || key.length() > MAX_LENGTH) {
      return false;
    }
    return key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
  }

  static String fingerprint(String method, String path, byte[] body) {
    try {
      var sha = MessageDigest.getInstance("SHA-256");
      sha.update((method + "\n" + path + "\n").getBytes(StandardCharsets.UTF_8));
      sha.update(body);
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
