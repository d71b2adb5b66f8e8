package org.mdmaat.platform.calls;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.grpc.StatusException;
import io.quarkus.grpc.auth.AuthExceptionHandler;
import io.quarkus.grpc.auth.AuthExceptionHandlerProvider;
import io.quarkus.security.AuthenticationException;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * gRPC refusals as their status codes say: a caller without (valid) credentials gets
 * UNAUTHENTICATED, a known caller not allowed the method PERMISSION_DENIED. Quarkus' default
 * answers PERMISSION_DENIED to both. Descriptions name nothing of the data.
 */
// An alternative, so that injection points asking for the one provider resolve to this one.
@Alternative
@Priority(1)
@ApplicationScoped
public class GrpcRefusals implements AuthExceptionHandlerProvider {
  @Override
  public int getPriority() {
    return DEFAULT_PRIORITY + 100;
  }

  @Override
  public <Q, A> AuthExceptionHandler<Q, A> createHandler(
      ServerCall.Listener<Q> listener, ServerCall<Q, A> call, Metadata metadata) {
    return new AuthExceptionHandler<>(listener, call, metadata) {
      @Override
      protected void handleException(Throwable failure, ServerCall<Q, A> call, Metadata trailers) {
        if (handlesException(failure)) {
          call.close(status(failure), trailers);
        } else {
          super.handleException(failure, call, trailers);
        }
      }
    };
  }

  @Override
  public StatusException transformToStatusException(Throwable failure) {
    return status(failure).asException();
  }

  @Override
  public boolean handlesException(Throwable failure) {
    return failure instanceof AuthenticationException || failure instanceof SecurityException;
  }

  static Status status(Throwable failure) {
    if (failure instanceof AuthenticationException || failure instanceof UnauthorizedException) {
      return Status.UNAUTHENTICATED.withDescription("no valid credentials");
    }
    return Status.PERMISSION_DENIED.withDescription("this caller may not call this method");
  }
}
