package org.mdmaat.platform.cdisc;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import org.mdmaat.platform.security.Scope;

/**
 * A service's part of a trial's CDISC ODM 1.3.2 study export, which the gateway merges into one
 * file ({@code /api/trials/{trialId}/study.odm.xml}); {@link OdmPartResource} serves it. Each
 * service has exactly one, and checks the caller's access to the trial in both methods (refusing
 * with the service's own 404 or 409) before anything is written.
 */
public interface OdmPart {
  /** A small ODM document: Study (definitions) and AdminData (users, sites). */
  Uni<String> metadata(String trialId, Scope scope);

  /** The ClinicalData element, one source page at a time, without an XML declaration. */
  Uni<Multi<Buffer>> clinical(String trialId, Scope scope);
}
