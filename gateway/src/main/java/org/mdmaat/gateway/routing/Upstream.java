package org.mdmaat.gateway.routing;

import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
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
   * Opens a streamed answer (server-sent events): the status and headers within {@code timeout},
   * then the body as it comes, for as long as both ends keep the connection. Not counted by the
   * circuit breaker, whose timeout would cut every stream.
   */
  public Uni<HttpClientResponse> open(
      HttpMethod method, String uri, MultiMap headers, Duration timeout) {
    var options =
        new RequestOptions()
            .setMethod(method)
            .setHost(base.getHost())
            .setPort(base.getPort() > 0 ? base.getPort() : 80)
            .setURI(uri)
            .setHeaders(headers)
            .setConnectTimeout(timeout.toMillis());
    return Uni.createFrom()
        .<HttpClientResponse>emitter(
            emitter ->
                client
                    .request(options)
                    .compose(HttpClientRequest::send)
                    .onSuccess(
                        response -> {
                          // Held until the relay pipes it on: no event is lost meanwhile.
                          response.pause();
                          emitter.complete(response);
                        })
                    .onFailure(emitter::fail))
        .ifNoItem()
        .after(timeout)
        .failWith(() -> new TimeoutException("no answer within " + timeout))
        .onFailure()
        .transform(failure -> new ServiceUnreachable(name, "did not answer", failure));
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
