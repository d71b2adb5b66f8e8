package org.mdmaat.platform.testapp;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdmaat.platform.cdisc.OdmPart;
import org.mdmaat.platform.problem.NotFound;
import org.mdmaat.platform.problem.ProblemDetails;
import org.mdmaat.platform.security.Scope;

/**
 * The test application's {@link OdmPart}: it has no trials, so every trial is unknown (each service
 * has a real one; platform's {@code OdmPartResource} needs exactly one).
 */
@ApplicationScoped
public class NoOdmPart implements OdmPart {
  @Override
  public Uni<String> metadata(String trialId, Scope scope) {
    return Uni.createFrom()
        .failure(new NotFound(ProblemDetails.platformCode(404), "No trial " + trialId));
  }

  @Override
  public Uni<Multi<Buffer>> clinical(String trialId, Scope scope) {
    return metadata(trialId, scope).replaceWith(Multi.createFrom().empty());
  }
}
