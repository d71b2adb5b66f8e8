package org.mdmaat.platform.testapp;

import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.Map;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.signature.ElectronicSignature;
import org.mdmaat.platform.signature.SignatureRequest;
import org.mdmaat.platform.signature.Signatures;
import org.mdmaat.platform.signature.SignedRecord;

/** Signs a small record for the caller, as a service signs its own. */
@Path("/probe/signatures")
@Authenticated
public class SigningProbe {
  private final Caller caller;
  private final Signatures signatures;

  SigningProbe(Caller caller, Signatures signatures) {
    this.caller = caller;
    this.signatures = signatures;
  }

  public static SignedRecord record(String id) {
    return new SignedRecord("Probe", id, Map.of("value", 1, "label", "probe " + id));
  }

  @POST
  @Path("{id}")
  public ElectronicSignature sign(
      @PathParam("id") String id, @Valid @NotNull SignatureRequest request) {
    return signatures.sign(caller, request.meaning(), record(id));
  }
}
