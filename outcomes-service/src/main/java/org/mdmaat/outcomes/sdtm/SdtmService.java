package org.mdmaat.outcomes.sdtm;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Locale;
import org.mdmaat.outcomes.Problems;
import org.mdmaat.outcomes.allocation.TrialOwnership;
import org.mdmaat.outcomes.assessment.Assessment;
import org.mdmaat.outcomes.assessment.AssessmentJson;
import org.mdmaat.outcomes.instrument.InstrumentCatalog;
import org.mdmaat.outcomes.participant.Participants;
import org.mdmaat.platform.cdisc.DatasetJson;
import org.mdmaat.platform.cdisc.DatasetJsonStream;
import org.mdmaat.platform.cdisc.Sdtm;
import org.mdmaat.platform.cdisc.SdtmFile;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.platform.security.Scope;

/**
 * A trial's QS dataset (Dataset-JSON), streamed: access and the count first, then the current
 * revision of every assessment page by page. The sponsor reads its own trials (another's is 404); a
 * regulator once TrialUnblinded was received (before, 409), as the other services' domains.
 */
@ApplicationScoped
public class SdtmService {
  static final String SOURCE = "outcomes-service";

  private final TrialOwnership ownership;
  private final Participants participants;
  private final InstrumentCatalog instruments;
  private final AssessmentJson json;

  SdtmService(
      TrialOwnership ownership,
      Participants participants,
      InstrumentCatalog instruments,
      AssessmentJson json) {
    this.ownership = ownership;
    this.participants = participants;
    this.instruments = instruments;
    this.json = json;
  }

  public Uni<SdtmFile> download(String trialId, String domainName, Scope scope) {
    if (domainName == null || !domainName.equalsIgnoreCase("QS")) {
      return Uni.createFrom()
          .failure(
              Problems.SDTM_DOMAIN_NOT_FOUND.problem(
                  "outcomes-service produces the SDTM domain QS, not " + domainName));
    }
    return access(trialId, scope).chain(() -> qs(trialId)).map(b -> SdtmFile.of("QS", b));
  }

  private Uni<Void> access(String trialId, Scope scope) {
    if (scope.hasRole(Roles.SPONSOR)) {
      return ownership.check(trialId, scope);
    }
    if (!scope.hasRole(Roles.REGULATOR)) {
      return Uni.createFrom().failure(Problems.NOT_FOUND.problem("No trial " + trialId));
    }
    // As ArmVisibility: unblinded once TrialUnblinded was received; until then (or if it never
    // arrived) the regulator waits.
    return Panache.withSession(() -> participants.unblinded(trialId))
        .invoke(
            unblinded -> {
              if (!unblinded) {
                throw Problems.TRIAL_BLINDED.problem(
                    "Trial " + trialId + " is still blinded: its datasets are submitted after");
              }
            })
        .replaceWithVoid();
  }

  private Uni<Multi<Buffer>> qs(String trialId) {
    return Panache.withSession(
            () ->
                Assessment.getSession()
                    .chain(
                        session ->
                            session
                                .createNativeQuery(
                                    "select coalesce(sum((select count(*) from"
                                        + " jsonb_object_keys(a.responses::jsonb)) + 1), 0),"
                                        + " max(a.recorded_at) from assessment a"
                                        + " where a.trial_id = ?1",
                                    Object[].class)
                                .setParameter(1, trialId)
                                .getSingleResult()))
        .map(
            row -> {
              long records = ((Number) row[0]).longValue();
              var now = Instant.now();
              var lastModified = row[1] == null ? now : toInstant(row[1]);
              var header =
                  new DatasetJson.Header(
                      trialId,
                      "QS",
                      "Questionnaires",
                      SOURCE,
                      "1",
                      now,
                      lastModified,
                      QsDomain.COLUMNS);
              var subject = new String[1];
              var seq = new int[1];
              DatasetJsonStream.Pages pages =
                  page ->
                      Panache.withSession(
                              () ->
                                  Assessment.<Assessment>find(
                                          "trialId = ?1",
                                          Sort.by("participantCode")
                                              .and("administeredAt")
                                              .and("id"),
                                          trialId)
                                      .page(page, DatasetJsonStream.PAGE_SIZE)
                                      .list())
                          .map(
                              found -> {
                                var rows = new ArrayList<Object[]>();
                                for (var a : found) {
                                  if (!a.participantCode.equals(subject[0])) {
                                    subject[0] = a.participantCode;
                                    seq[0] = 0;
                                  }
                                  var instrument =
                                      instruments
                                          .find(a.instrument)
                                          .orElseThrow(
                                              () ->
                                                  new IllegalStateException(
                                                      "No definition of instrument "
                                                          + a.instrument.toLowerCase(Locale.ROOT)));
                                  rows.addAll(
                                      QsDomain.rows(a, instrument, json.numbers(a.responses), seq));
                                }
                                return rows;
                              });
              return DatasetJsonStream.of(header, Sdtm.ORIGINATOR, records, pages);
            });
  }

  private static Instant toInstant(Object value) {
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof java.time.OffsetDateTime odt) {
      return odt.toInstant();
    }
    if (value instanceof java.time.LocalDateTime ldt) {
      return ldt.toInstant(java.time.ZoneOffset.UTC);
    }
    if (value instanceof java.sql.Timestamp ts) {
      return ts.toInstant();
    }
    throw new IllegalStateException("Not a time: " + value.getClass());
  }
}
