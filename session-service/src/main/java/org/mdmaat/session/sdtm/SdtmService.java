package org.mdmaat.session.sdtm;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.mdmaat.contracts.grpc.recruitment.TrialProtocol;
import org.mdmaat.platform.cdisc.DatasetJson;
import org.mdmaat.platform.cdisc.DatasetJsonStream;
import org.mdmaat.platform.cdisc.Sdtm;
import org.mdmaat.platform.cdisc.SdtmFile;
import org.mdmaat.platform.directory.ParticipantDirectoryClient;
import org.mdmaat.platform.reactive.CallerContext;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.session.Problems;
import org.mdmaat.session.accountability.KitContent;
import org.mdmaat.session.dosing.Dose;

/**
 * A trial's EX dataset (Dataset-JSON), streamed: access first, as recruitment-service tells it (the
 * trial's sponsor at any time, another sponsor's trial 404; a regulator once the trial is
 * unblinded, before 409; no answer 503), then the count, then the doses page by page, ordered by
 * subject so EXSEQ counts within each. Whether the trial is unblinded is read once, with the
 * access: only then are the kits' contents read (see {@link ExDomain}).
 */
@ApplicationScoped
public class SdtmService {
  static final String SOURCE = "session-service";

  private static final String FROM =
      " from Dose d join ProtocolSession s on s.id = d.sessionId where d.trialId = ?1";
  private static final String ORDER = " order by d.participantCode, d.administeredAt, d.id";
  private static final String BLINDED = "select d, s.number" + FROM + ORDER;
  private static final String UNBLINDED =
      "select d, s.number, k.content from Dose d join ProtocolSession s on s.id = d.sessionId"
          + " left join Kit k on k.siteCode = d.siteCode and k.kitCode = d.kitCode"
          + " where d.trialId = ?1"
          + ORDER;

  private final ParticipantDirectoryClient directory;

  SdtmService(ParticipantDirectoryClient directory) {
    this.directory = directory;
  }

  public Uni<SdtmFile> download(String trialId, String domainName, Scope scope) {
    if (domainName == null || !domainName.equalsIgnoreCase("EX")) {
      return Uni.createFrom()
          .failure(
              Problems.SDTM_DOMAIN_NOT_FOUND.problem(
                  "session-service produces the SDTM domain EX, not " + domainName));
    }
    return access(trialId, scope)
        .chain(blinded -> ex(trialId, blinded))
        .map(b -> SdtmFile.of("EX", b));
  }

  /** Whether the trial is still blinded, once the caller may read its datasets. */
  private Uni<Boolean> access(String trialId, Scope scope) {
    boolean sponsor = scope.hasRole(Roles.SPONSOR);
    if (!sponsor && !scope.hasRole(Roles.REGULATOR)) {
      // The resource admits only these two roles; anyone else is refused rather than let through.
      return Uni.createFrom().failure(Problems.NOT_FOUND.problem("No trial " + trialId));
    }
    return CallerContext.resumeOn(directory.protocol(trialId))
        .onFailure()
        .transform(
            failure ->
                Problems.DIRECTORY_UNAVAILABLE.problem(
                    "Trial " + trialId + " could not be read from recruitment-service"))
        .map(
            (TrialProtocol protocol) -> {
              if (!protocol.getFound()
                  || (sponsor
                      && (protocol.getSponsorId().isBlank()
                          || !scope.belongsTo(protocol.getSponsorId())))) {
                throw Problems.NOT_FOUND.problem("No trial " + trialId);
              }
              if (!sponsor && protocol.getBlinded()) {
                throw Problems.TRIAL_BLINDED.problem(
                    "Trial " + trialId + " is still blinded: its datasets are submitted after");
              }
              return protocol.getBlinded();
            });
  }

  private Uni<Multi<Buffer>> ex(String trialId, boolean blinded) {
    return Panache.withSession(
            () ->
                Dose.getSession()
                    .chain(
                        session ->
                            session
                                .createQuery(
                                    "select count(d), max(d.recordedAt)" + FROM, Object[].class)
                                .setParameter(1, trialId)
                                .getSingleResult()))
        .map(
            row -> {
              long records = ((Number) row[0]).longValue();
              var now = Instant.now();
              var header =
                  new DatasetJson.Header(
                      trialId,
                      "EX",
                      "Exposure",
                      SOURCE,
                      "1",
                      now,
                      row[1] == null ? now : (Instant) row[1],
                      ExDomain.COLUMNS);
              var subject = new String[1];
              var seq = new int[1];
              DatasetJsonStream.Pages pages =
                  page ->
                      page(trialId, blinded, page)
                          .map(
                              found -> {
                                var rows = new ArrayList<Object[]>();
                                for (var r : found) {
                                  var dose = (Dose) r[0];
                                  if (!dose.participantCode.equals(subject[0])) {
                                    subject[0] = dose.participantCode;
                                    seq[0] = 0;
                                  }
                                  rows.add(
                                      ExDomain.row(
                                          dose,
                                          ++seq[0],
                                          ((Number) r[1]).intValue(),
                                          blinded ? null : content(dose, r[2])));
                                }
                                return rows;
                              });
              return DatasetJsonStream.of(header, Sdtm.ORIGINATOR, records, pages);
            });
  }

  private static Uni<List<Object[]>> page(String trialId, boolean blinded, int page) {
    return Panache.withSession(
        () ->
            Dose.getSession()
                .chain(
                    session ->
                        session
                            .createQuery(blinded ? BLINDED : UNBLINDED, Object[].class)
                            .setParameter(1, trialId)
                            .setFirstResult(page * DatasetJsonStream.PAGE_SIZE)
                            .setMaxResults(DatasetJsonStream.PAGE_SIZE)
                            .getResultList()));
  }

  /**
   * A dose is only given from a received kit; a content missing after unblinding is never guessed.
   */
  private static KitContent content(Dose dose, Object content) {
    if (content == null) {
      throw new IllegalStateException(
          "No received kit " + dose.kitCode + " at " + dose.siteCode + " for dose " + dose.id);
    }
    return (KitContent) content;
  }
}
