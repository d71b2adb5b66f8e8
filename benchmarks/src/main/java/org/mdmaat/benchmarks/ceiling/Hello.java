package org.mdmaat.benchmarks.ceiling;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The ceiling's only endpoint: what Quarkus serves when the application does nothing. */
@Path("/hello")
public class Hello {
  @GET
  @NonBlocking
  @Produces(MediaType.TEXT_PLAIN)
  public String hello() {
    return "hello";
  }
}
