package org.mdmaat.safety.vitals;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reads of stored readings scoped to the caller's sites, by id and by participant, session, vital
 * and measured time (what the FHIR Observation reads ask). A reading of another site is not found.
 */
@ApplicationScoped
public class VitalSignSearch {
  private static final Map<VitalKind, String> COLUMN =
      Map.of(
          VitalKind.SYSTOLIC, "systolic",
          VitalKind.DIASTOLIC, "diastolic",
          VitalKind.HEART_RATE, "heartRate",
          VitalKind.TEMPERATURE, "temperatureC",
          VitalKind.SPO2, "spo2");

  /**
   * What to look for; null means any. {@code from} is inclusive, {@code until} exclusive. Only the
   * caller's {@code sites} are searched (none: nothing is found).
   */
  public record Criteria(
      Set<String> sites,
      String participantCode,
      String sessionId,
      VitalKind vital,
      Instant from,
      Instant until) {}

  /**
   * One page of readings in measured order ({@code offset} readings skipped, at most {@code count}
   * given) and the number of single vitals all matching readings hold (with {@code vital} set: the
   * number of readings).
   */
  public record Found(List<VitalSignView> readings, long vitals) {}

  /** The reading {@code id} if it was taken at one of {@code sites}. */
  @WithSession
  public Uni<Optional<VitalSignView>> one(UUID id, Set<String> sites) {
    return VitalSign.<VitalSign>findById(id)
        .map(
            v ->
                v == null || !sites.contains(v.siteCode)
                    ? Optional.empty()
                    : Optional.of(VitalSignView.of(v)));
  }

  @WithSession
  public Uni<Found> find(Criteria criteria, int offset, int count) {
    if (criteria.sites().isEmpty()) {
      return Uni.createFrom().item(new Found(List.of(), 0));
    }
    var where = new StringBuilder("siteCode in :sites");
    var params = new HashMap<String, Object>();
    params.put("sites", criteria.sites());
    if (criteria.participantCode() != null) {
      where.append(" and participantCode = :participant");
      params.put("participant", criteria.participantCode());
    }
    if (criteria.sessionId() != null) {
      where.append(" and sessionId = :session");
      params.put("session", criteria.sessionId());
    }
    if (criteria.vital() != null) {
      where.append(" and ").append(COLUMN.get(criteria.vital())).append(" is not null");
    }
    if (criteria.from() != null) {
      where.append(" and measuredAt >= :from");
      params.put("from", criteria.from());
    }
    if (criteria.until() != null) {
      where.append(" and measuredAt < :until");
      params.put("until", criteria.until());
    }
    var query =
        VitalSign.<VitalSign>find(where.toString(), Sort.ascending("measuredAt").and("id"), params);
    return query
        .range(offset, offset + count - 1)
        .list()
        .chain(
            rows ->
                vitals(where.toString(), params, criteria.vital())
                    .map(total -> new Found(rows.stream().map(VitalSignView::of).toList(), total)));
  }

  private static Uni<Long> vitals(String where, Map<String, Object> params, VitalKind vital) {
    var counted =
        vital != null
            ? "count(*)"
            : "coalesce(sum("
                + String.join(
                    " + ",
                    COLUMN.values().stream()
                        .sorted()
                        .map(c -> "case when " + c + " is not null then 1 else 0 end")
                        .toList())
                + "), 0)";
    return Panache.getSession()
        .chain(
            session -> {
              var query =
                  session.createQuery(
                      "select " + counted + " from VitalSign where " + where, Long.class);
              params.forEach(query::setParameter);
              return query.getSingleResult();
            });
  }
}
