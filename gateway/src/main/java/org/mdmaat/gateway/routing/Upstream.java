package org.mdmaat.gateway.routing;

import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * One service behind the gateway, reached through its own circuit breaker: while the breaker is
 * open, calls fail at once instead of tying up connections and callers.
 */
public final class Upstream {
  private static final TypeLiteral<Uni<UpstreamAnswer>> ANSWER = new TypeLiteral<>() {};

  private final String name;
  private final URI base;
  private final HttpClient client;
  private final Guard breaker;

  Upstream(String name, URI base, HttpClient client, Guard breaker) {
    this.name = name;
    this.base = base;
    this.client = client;
    this.breaker = breaker;
  }

  /** The route name, e.g. {@code safety}. */
  public String name() {
    return name;
  }

  /** The path the service serves its API under, e.g. {@code /api/safety}. */
  public String path() {
    return "/api/" + name;
  }

  /**
   * Sends one request; fails with {@link ServiceUnreachable} when the service does not answer
   * within {@code timeout} or its breaker is open. Any HTTP answer, 5xx included, is an answer.
   */
  public Uni<UpstreamAnswer> send(
      HttpMethod method, String uri, MultiMap headers, Buffer body, Duration timeout) {
    var options =
        new RequestOptions()
            .setMethod(method)
            .setHost(base.getHost())
            .setPort(base.getPort() > 0 ? base.getPort() : 80)
            .setURI(uri)
            .setHeaders(headers)
            .setTimeout(timeout.toMillis());
    Uni<UpstreamAnswer> call =
        Uni.createFrom()
            .<UpstreamAnswer>emitter(
                emitter ->
                    client
                        .request(options)
                        .compose(request -> body == null ? request.send() : request.send(body))
                        .compose(
                            response ->
                                response
                                    .body()
                                    .map(
                                        content ->
                                            new UpstreamAnswer(
                                                response.statusCode(),
                                                response.headers(),
                                                content)))
                        .onSuccess(emitter::complete)
                        .onFailure(emitter::fail))
            // A service that trickles bytes never trips the idle timeout: bound the whole call.
            .ifNoItem()
            .after(timeout)
            .failWith(() -> new TimeoutException("no answer within " + timeout));
    return breaker
        .get(() -> call, ANSWER)
        .onFailure()
        .transform(
            failure ->
                failure instanceof CircuitBreakerOpenException
                    ? new ServiceUnreachable(name, "is unavailable (circuit open)", failure)
                    : failure instanceof TimeoutException
                        ? new ServiceUnreachable(name, "did not answer in time", failure)
                        : new ServiceUnreachable(name, "did not answer", failure));
  }
}
