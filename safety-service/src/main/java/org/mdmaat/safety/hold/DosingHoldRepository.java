package org.mdmaat.safety.hold;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class DosingHoldRepository implements PanacheRepositoryBase<DosingHold, UUID> {

  public Uni<List<DosingHold>> activeFor(String participantCode) {
    return list("participantCode = ?1 and liftedAt is null order by placedAt", participantCode);
  }

  /** A site's holds (of one participant, if named), newest first. */
  public PanacheQuery<DosingHold> atSite(String siteCode, String participantCode) {
    return participantCode == null
        ? find("siteCode", Sort.descending("placedAt"), siteCode)
        : find(
            "siteCode = ?1 and participantCode = ?2",
            Sort.descending("placedAt"),
            siteCode,
            participantCode);
  }
}
