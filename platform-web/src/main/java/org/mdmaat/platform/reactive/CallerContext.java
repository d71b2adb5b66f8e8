package org.mdmaat.platform.reactive;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Brings a remote call's answer back to the caller's Vert.x context: Hibernate Reactive sessions
 * may only be used there, and a gRPC answer or a fault-tolerance timeout arrives on another thread.
 */
public final class CallerContext {
  private CallerContext() {}

  /** The context is captured when the returned Uni is subscribed to. */
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
