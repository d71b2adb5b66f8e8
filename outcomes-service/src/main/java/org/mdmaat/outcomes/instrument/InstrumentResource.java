package org.mdmaat.outcomes.instrument;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.mdmaat.outcomes.Problems;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.paging.PageRequest;
import org.mdmaat.platform.security.Roles;

/** The instrument definitions, readable by everyone who works with outcomes. */
@Path("/instruments")
@RolesAllowed({
  Roles.RATER,
  Roles.INVESTIGATOR,
  Roles.SITE_COORDINATOR,
  Roles.THERAPIST,
  Roles.SPONSOR,
  Roles.DSMB,
  Roles.REGULATOR
})
public class InstrumentResource {
  private final InstrumentCatalog catalog;

  InstrumentResource(InstrumentCatalog catalog) {
    this.catalog = catalog;
  }

  /** One page of instruments, in the catalog's order (page/size paging). */
  @GET
  public PageOf<Instrument> list(@BeanParam @Valid PageRequest paging) {
    return catalog.page(paging.page(), paging.size());
  }

  @GET
  @Path("{code}")
  public Instrument get(@PathParam("code") String code) {
    return catalog
        .find(code)
        .orElseThrow(() -> Problems.NOT_FOUND.problem("No instrument " + code));
  }
}
