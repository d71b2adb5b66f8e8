package org.mdmaat.gateway.routing;

/** A service gave no answer: refused, timed out, or its circuit breaker is open. */
public class ServiceUnreachable extends RuntimeException {
  private final String service;

  public ServiceUnreachable(String service, String reason, Throwable cause) {
    super(service + " " + reason, cause, false, false);
    this.service = service;
  }

  public String service() {
    return service;
  }
}
