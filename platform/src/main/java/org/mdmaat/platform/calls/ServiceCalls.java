package org.mdmaat.platform.calls;

import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.mdmaat.platform.correlation.Correlation;
import org.mdmaat.platform.reactive.CallerContext;
import org.mdmaat.platform.security.Bearer;

/**
 * The one way a service calls another over gRPC: with this service's own token ({@link
 * ServiceIdentity}), and for a decision about a person, that person's token too ({@link
 * #ON_BEHALF_OF}); with the client's deadline and circuit breaker ({@link CallsConfig}); answering
 * on the caller's Vert.x context. A failure stays a failure: callers map it to their own problem
 * and fail closed.
 */
@ApplicationScoped
public class ServiceCalls {
  public static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  /** The end user's own access token, verified by the server where its answer depends on them. */
  public static final Metadata.Key<String> ON_BEHALF_OF =
      Metadata.Key.of("x-on-behalf-of", Metadata.ASCII_STRING_MARSHALLER);

  static final String CORRELATION_KEY = "x-correlation-id";

  /** The calling request's correlation id ({@link CorrelatedCalls} reads it on the other side). */
  public static final Metadata.Key<String> CORRELATION =
      Metadata.Key.of(CORRELATION_KEY, Metadata.ASCII_STRING_MARSHALLER);

  private final ServiceIdentity identity;
  private final CallsConfig config;
  private final Map<String, Guard> guards = new ConcurrentHashMap<>();

  ServiceCalls(ServiceIdentity identity, CallsConfig config) {
    this.identity = identity;
    this.config = config;
  }

  /** {@code method} on {@code stub} of client {@code client}, as this service. */
  public <S extends AbstractStub<S>, T> Uni<T> call(
      String client, S stub, Function<S, Uni<T>> method) {
    return call(client, stub, null, method);
  }

  /** {@code method} as this service, on behalf of the person whose token is {@code user}. */
  public <S extends AbstractStub<S>, T> Uni<T> callFor(
      String client, Bearer user, S stub, Function<S, Uni<T>> method) {
    if (user == null) {
      throw new IllegalArgumentException("a call on behalf of someone needs their token");
    }
    return call(client, stub, user, method);
  }

  private <S extends AbstractStub<S>, T> Uni<T> call(
      String client, S stub, Bearer user, Function<S, Uni<T>> method) {
    var settings = config.clients().get(client);
    // Read here, on the caller's context: the token may arrive on another.
    String correlation = Correlation.current();
    Uni<T> attempt =
        identity
            .accessToken()
            .chain(
                token -> {
                  var headers = new Metadata();
                  headers.put(AUTHORIZATION, "Bearer " + token);
                  if (user != null) {
                    headers.put(ON_BEHALF_OF, user.token());
                  }
                  if (correlation != null) {
                    headers.put(CORRELATION, correlation);
                  }
                  return method.apply(
                      stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                          .withDeadlineAfter(
                              settings.deadline().toMillis(), TimeUnit.MILLISECONDS));
                });
    Guard guard = guards.computeIfAbsent(client, ignored -> guard(settings));
    @SuppressWarnings("unchecked")
    Class<Uni<T>> uni = (Class<Uni<T>>) (Class<?>) Uni.class;
    return CallerContext.resumeOn(guard.get(() -> attempt, uni));
  }

  private static Guard guard(CallsConfig.Client settings) {
    return Guard.create()
        .withTimeout()
        .duration(settings.timeout().toMillis(), java.time.temporal.ChronoUnit.MILLIS)
        .done()
        .withCircuitBreaker()
        .requestVolumeThreshold(settings.requestVolume())
        .failureRatio(settings.failureRatio())
        .delay(settings.openFor().toMillis(), java.time.temporal.ChronoUnit.MILLIS)
        .done()
        .build();
  }
}
