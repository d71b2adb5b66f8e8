package org.mdmaat.platform.correlation;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

/**
 * Gives every HTTP request a correlation id: the caller's {@code X-Correlation-Id} when it is a
 * plain id ({@link Correlation#acceptOrCreate}), else a new one. It is put into the MDC (for the
 * logs), into the request headers (so error answers and audit entries see the same id), onto the
 * routing context ({@link Correlation#of}) and echoed in the response.
 *
 * <p>A Vert.x filter rather than a JAX-RS one, so it also covers answers given before JAX-RS runs
 * (authentication failures, unknown paths outside the REST root).
 */
@ApplicationScoped
public class CorrelationFilter {
  // Above the security handlers (priority 200) so that even a 401 carries the id.
  static final int PRIORITY = 1_000;

  void register(@Observes Filters filters) {
    filters.register(CorrelationFilter::handle, PRIORITY);
  }

  static void handle(RoutingContext context) {
    var id = Correlation.acceptOrCreate(context.request().getHeader(Correlation.HEADER));
    context.request().headers().set(Correlation.HEADER, id);
    // Also on the routing context, where Correlation.of(context) finds it from any thread.
    context.put(Correlation.MDC_KEY, id);
    // The request runs on its own duplicated Vert.x context, which is where Quarkus keeps the
    // MDC: the entry is visible to everything this request does and ends with it.
    MDC.put(Correlation.MDC_KEY, id);
    context.addHeadersEndHandler(
        ignored -> context.response().headers().set(Correlation.HEADER, id));
    context.next();
  }
}
