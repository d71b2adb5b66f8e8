package org.mdmaat.platform.correlation;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * The correlation id ties together one request's log lines, its error answer ({@code traceId}) and
 * the audit entries it writes, across the gateway and the services.
 */
public final class Correlation {
  /** The request and response header; the gateway sets it on every relayed request. */
  public static final String HEADER = "X-Correlation-Id";

  /** The MDC key, for {@code %X{correlationId}} in the log format. */
  public static final String MDC_KEY = "correlationId";

  // Only ids that are safe to echo and log: no spaces, no line breaks, bounded length.
  private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,100}");

  private Correlation() {}

  /** The current request's correlation id, or null outside a request. */
  public static String current() {
    Object id = MDC.get(MDC_KEY);
    return id == null ? null : id.toString();
  }

  /**
   * The correlation id of {@code request}: the one {@link CorrelationFilter} gave it, else its
   * header, else the MDC's, else a new one (never null).
   */
  public static String of(RoutingContext request) {
    String id = null;
    if (request != null) {
      id = request.get(MDC_KEY);
      if (id == null) {
        id = request.request().getHeader(HEADER);
      }
    }
    if (id == null) {
      id = current();
    }
    return id == null ? newId() : id;
  }

  /** A new random id. */
  public static String newId() {
    return UUID.randomUUID().toString();
  }

  /** The caller's id when it is acceptable, otherwise a new one. */
  public static String acceptOrCreate(String offered) {
    if (offered != null && ACCEPTABLE.matcher(offered).matches()) {
      return offered;
    }
    return newId();
  }
}
