package org.mdmaat.outcomes;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * gRPC answers and fault-tolerance timeouts arrive on other threads; Hibernate Reactive work that
 * follows must run on the request's Vert.x context again.
 */
public final class CallerContext {
  private CallerContext() {}

  public static <T> Uni<T> resumeOn(Uni<T> remoteCall) {
    return Uni.createFrom()
        .deferred(
            () -> {
              Context context = Vertx.currentContext();
              if (context == null) {
                return remoteCall;
              }
              return remoteCall.emitOn(command -> context.runOnContext(ignored -> command.run()));
            });
  }
}
