package org.mdmaat.safety.sdtm;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mdmaat.platform.cdisc.DatasetJson;
import org.mdmaat.platform.cdisc.DatasetJsonStream;
import org.mdmaat.platform.cdisc.Sdtm;
import org.mdmaat.platform.cdisc.SdtmFile;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.safety.Problems;
import org.mdmaat.safety.adverse.AdverseEvent;
import org.mdmaat.safety.vitals.VitalSign;

/**
 * A trial's VS and AE datasets as Dataset-JSON, streamed: the access check and the count first (so
 * a refusal is a plain problem answer), then the records page by page, each page in a session of
 * its own. A record added while the file is written makes the count wrong and fails the stream
 * rather than write a file that disagrees with itself.
 */
@ApplicationScoped
public class SdtmService {
  static final String SOURCE = "safety-service";

  private final SdtmAccess access;

  SdtmService(SdtmAccess access) {
    this.access = access;
  }

  public Uni<SdtmFile> download(String trialId, String domainName, Scope scope) {
    var domain = domainName == null ? "" : domainName.toUpperCase(Locale.ROOT);
    if (!domain.equals("VS") && !domain.equals("AE")) {
      return Uni.createFrom()
          .failure(
              Problems.SDTM_DOMAIN_NOT_FOUND.problem(
                  "safety-service produces the SDTM domains VS and AE, not " + domainName));
    }
    return access
        .require(trialId, scope)
        .chain(() -> domain.equals("VS") ? vs(trialId) : ae(trialId))
        .map(body -> SdtmFile.of(domain, body));
  }

  private record Size(long records, Instant lastModified) {}

  private Uni<Multi<Buffer>> vs(String trialId) {
    return Panache.withSession(
            () ->
                VitalSign.getSession()
                    .chain(
                        session ->
                            session
                                .createQuery(
                                    "select count(v.systolic) + count(v.diastolic)"
                                        + " + count(v.heartRate) + count(v.temperatureC)"
                                        + " + count(v.spo2), max(v.recordedAt)"
                                        + " from VitalSign v where v.trialId = ?1",
                                    Object[].class)
                                .setParameter(1, trialId)
                                .getSingleResult()))
        .map(
            row -> {
              var size = new Size(((Number) row[0]).longValue(), (Instant) row[1]);
              var header = header(trialId, "VS", "Vital Signs", SafetyDomains.VS, size);
              // VSSEQ counts within a subject across pages: readings come ordered by subject.
              var subject = new String[1];
              var seq = new int[1];
              DatasetJsonStream.Pages pages =
                  page ->
                      Panache.withSession(
                              () ->
                                  VitalSign.<VitalSign>find(
                                          "trialId = ?1",
                                          Sort.by("participantCode").and("measuredAt").and("id"),
                                          trialId)
                                      .page(page, DatasetJsonStream.PAGE_SIZE)
                                      .list())
                          .map(
                              readings -> {
                                var rows = new ArrayList<Object[]>();
                                for (var reading : readings) {
                                  if (!reading.participantCode.equals(subject[0])) {
                                    subject[0] = reading.participantCode;
                                    seq[0] = 0;
                                  }
                                  rows.addAll(SafetyDomains.vs(reading, seq));
                                }
                                return rows;
                              });
              return DatasetJsonStream.of(header, Sdtm.ORIGINATOR, size.records(), pages);
            });
  }

  private Uni<Multi<Buffer>> ae(String trialId) {
    return Panache.withSession(
            () ->
                AdverseEvent.getSession()
                    .chain(
                        session ->
                            session
                                .createQuery(
                                    "select count(e), max(coalesce(e.updatedAt, e.reportedAt))"
                                        + " from AdverseEvent e where e.trialId = ?1",
                                    Object[].class)
                                .setParameter(1, trialId)
                                .getSingleResult()))
        .map(
            row -> {
              var size = new Size(((Number) row[0]).longValue(), (Instant) row[1]);
              var header = header(trialId, "AE", "Adverse Events", SafetyDomains.AE, size);
              var subject = new String[1];
              var seq = new int[1];
              DatasetJsonStream.Pages pages =
                  page ->
                      Panache.withSession(
                              () ->
                                  AdverseEvent.<AdverseEvent>find(
                                          "trialId = ?1",
                                          Sort.by("participantCode").and("onsetAt").and("id"),
                                          trialId)
                                      .page(page, DatasetJsonStream.PAGE_SIZE)
                                      .list())
                          .map(
                              events -> {
                                List<Object[]> rows = new ArrayList<>();
                                for (var event : events) {
                                  if (!event.participantCode.equals(subject[0])) {
                                    subject[0] = event.participantCode;
                                    seq[0] = 0;
                                  }
                                  rows.add(SafetyDomains.ae(event, ++seq[0]));
                                }
                                return rows;
                              });
              return DatasetJsonStream.of(header, Sdtm.ORIGINATOR, size.records(), pages);
            });
  }

  private static DatasetJson.Header header(
      String trialId, String domain, String label, List<DatasetJson.Column> columns, Size size) {
    var now = Instant.now();
    return new DatasetJson.Header(
        trialId,
        domain,
        label,
        SOURCE,
        "1",
        now,
        size.lastModified() == null ? now : size.lastModified(),
        columns);
  }
}
