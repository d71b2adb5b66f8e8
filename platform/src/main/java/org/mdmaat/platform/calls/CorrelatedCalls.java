package org.mdmaat.platform.calls;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.MDC;
import org.mdmaat.platform.correlation.Correlation;

/**
 * Carries the caller's correlation id (metadata {@value ServiceCalls#CORRELATION_KEY}, set by
 * {@link ServiceCalls}) into a served gRPC call, so that its log lines and the audit entries it
 * writes (a disclosure, for one) name the request that started it, as REST requests do. A call
 * without one, or with an unacceptable one, gets a new id. Put into the MDC on each callback: the
 * method runs in them, on the call's own context.
 */
@ApplicationScoped
@GlobalInterceptor
public class CorrelatedCalls implements ServerInterceptor {

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    String id = Correlation.acceptOrCreate(headers.get(ServiceCalls.CORRELATION));
    MDC.put(Correlation.MDC_KEY, id);
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(
        next.startCall(call, headers)) {
      @Override
      public void onMessage(Q message) {
        MDC.put(Correlation.MDC_KEY, id);
        super.onMessage(message);
      }

      @Override
      public void onHalfClose() {
        MDC.put(Correlation.MDC_KEY, id);
        super.onHalfClose();
      }

      @Override
      public void onReady() {
        MDC.put(Correlation.MDC_KEY, id);
        super.onReady();
      }
    };
  }
}
