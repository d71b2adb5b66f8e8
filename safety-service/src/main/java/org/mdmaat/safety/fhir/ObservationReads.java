package org.mdmaat.safety.fhir;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Observation;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.safety.Problems;
import org.mdmaat.safety.vitals.VitalSignSearch;

/**
 * Vital-sign Observations read by id or searched, only those of readings taken at the caller's
 * sites: another site's reading answers as a missing one (404 on read, absent from a search).
 */
@ApplicationScoped
public class ObservationReads {
  private final VitalSignSearch search;

  ObservationReads(VitalSignSearch search) {
    this.search = search;
  }

  public Uni<Observation> read(String id, Scope scope) {
    var named = VitalObservations.named(id);
    if (named.isEmpty()) {
      return Uni.createFrom().failure(notFound(id));
    }
    return search
        .one(named.get().reading(), scope.sites())
        .map(
            found ->
                found
                    .filter(r -> named.get().vital().valueOf(r) != null)
                    .map(r -> VitalObservations.of(r, named.get().vital()))
                    .orElseThrow(() -> notFound(id)));
  }

  private static RuntimeException notFound(String id) {
    return Problems.OBSERVATION_NOT_FOUND.problem("No Observation " + id);
  }

  /**
   * A {@code searchset} Bundle: the Observations of one page of readings ({@code _count} readings,
   * each giving one Observation per vital it holds), {@code total} counting Observations, and a
   * {@code next} link while more readings follow. {@code base} is the FHIR base URL links start
   * with, {@code query} the search as asked (for the {@code self} link).
   */
  public Uni<Bundle> search(ObservationSearch q, Scope scope, String base, String query) {
    var criteria =
        new VitalSignSearch.Criteria(
            scope.sites(),
            q.participantCode(),
            q.sessionId(),
            q.vital() == null ? null : q.vital().kind,
            q.from(),
            q.until());
    return search
        .find(criteria, q.offset(), q.count())
        .map(
            found -> {
              var bundle = new Bundle().setType(BundleType.SEARCHSET);
              bundle.setTotal((int) Math.min(Integer.MAX_VALUE, found.vitals()));
              var self = base + "/Observation" + (query.isEmpty() ? "" : "?" + query);
              bundle.addLink().setRelation("self").setUrl(self);
              for (var reading : found.readings()) {
                for (var o : VitalObservations.all(reading, q.vital())) {
                  bundle
                      .addEntry()
                      .setFullUrl(base + "/Observation/" + o.getIdPart())
                      .setResource(o)
                      .getSearch()
                      .setMode(Bundle.SearchEntryMode.MATCH);
                }
              }
              if (found.readings().size() == q.count()) {
                bundle
                    .addLink()
                    .setRelation("next")
                    .setUrl(
                        base
                            + "/Observation?"
                            + withoutOffset(query)
                            + "_offset="
                            + (q.offset() + q.count()));
              }
              return bundle;
            });
  }

  private static String withoutOffset(String query) {
    var kept = new StringBuilder();
    for (var part : query.split("&")) {
      if (!part.isEmpty() && !part.startsWith("_offset=")) {
        kept.append(part).append('&');
      }
    }
    return kept.toString();
  }
}
