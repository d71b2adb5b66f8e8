package org.mdmaat.session;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Brings a remote call's answer back to the caller's Vert.x context: Hibernate Reactive sessions
 * may only be used there, and a gRPC answer or a fault-tolerance timeout can arrive on another
 * thread.
 */
public final class EventLoop {
  private EventLoop() {}

  public static <T> Uni<T> resume(Uni<T> remote) {
    Context context = Vertx.currentContext();
    if (context == null) {
      return remote;
    }
    return remote.emitOn(task -> context.runOnContext(ignored -> task.run()));
  }
}
