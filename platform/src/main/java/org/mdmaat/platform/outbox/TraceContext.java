package org.mdmaat.platform.outbox;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.Map;

/**
 * The W3C trace context ({@code traceparent}, {@code tracestate}) as text, kept with an outbox row
 * between the transaction that wrote it and the relay that sends it. Always W3C, whatever
 * propagators a deployment configures: the row and the Kafka headers have one format.
 */
final class TraceContext {
  static final String TRACEPARENT = "traceparent";
  static final String TRACESTATE = "tracestate";

  private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

  private static final TextMapGetter<Map<String, String>> FROM_MAP =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  private TraceContext() {}

  /**
   * The headers of {@code context}'s span: empty when it has no valid span (tracing off, no trace).
   */
  static Map<String, String> headersOf(Context context) {
    Map<String, String> headers = new HashMap<>(2);
    W3C.inject(context, headers, (carrier, key, value) -> carrier.put(key, value));
    return headers;
  }

  /** The remote span context named by {@code traceParent}; the root context when there is none. */
  static Context parse(String traceParent, String traceState) {
    if (traceParent == null) {
      return Context.root();
    }
    Map<String, String> headers = new HashMap<>(2);
    headers.put(TRACEPARENT, traceParent);
    if (traceState != null) {
      headers.put(TRACESTATE, traceState);
    }
    return W3C.extract(Context.root(), headers, FROM_MAP);
  }
}
