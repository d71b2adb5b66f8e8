package org.mdmaat.gateway.hygiene;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Gives every request a correlation id ({@code X-Correlation-Id}): the caller's when it is a plain
 * id of at most 100 characters, else a new one. It goes into the request headers (so the relay
 * passes it on), the MDC (the log format prints it) and the response, including answers given
 * before routing (401, 429). Same rules as the services' platform filter.
 */
@ApplicationScoped
public class CorrelationIds {
  public static final String HEADER = "X-Correlation-Id";
  public static final String MDC_KEY = "correlationId";
  // Above the security handlers (priority 200) so that a 401 carries the id too.
  static final int PRIORITY = 1_000;
  private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,100}");

  void register(@Observes Filters filters) {
    filters.register(CorrelationIds::handle, PRIORITY);
  }

  static void handle(RoutingContext ctx) {
    var offered = ctx.request().getHeader(HEADER);
    var id =
        offered != null && ACCEPTABLE.matcher(offered).matches()
            ? offered
            : UUID.randomUUID().toString();
    ctx.request().headers().set(HEADER, id);
    ctx.put(MDC_KEY, id);
    MDC.put(MDC_KEY, id);
    ctx.addHeadersEndHandler(ignored -> ctx.response().headers().set(HEADER, id));
    ctx.next();
  }

  /** This request's id (set by the filter; a new one if the filter did not run). */
  public static String of(RoutingContext ctx) {
    String id = ctx.get(MDC_KEY);
    return id != null ? id : ctx.request().getHeader(HEADER);
  }
}
